// A workspace built by run.mjs at test time: our sample Zero Draft published
// as a PDF (test/support/publishedDrafts.ts) under drafts/, found without
// configuration, beside the sample First Draft, and a submission that cites
// the Zero Draft. Go to definition opens the PDF's read-only text view at
// the paragraph.
import { strict as assert } from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activated, eventually, hoverContaining, open, plain, positionOf, workspacePath } from '../../support/editor';

const SUBMISSION = 'notes-on-zero-draft.md';
const PDF = 'drafts/zero-draft.pdf';

describe('a PDF draft', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await open(SUBMISSION)).document;
    await activated();
  });

  it('hovers "para 17" with the paragraph read from the PDF', async () => {
    const hover = plain(await hoverContaining(document.uri, positionOf(document, 'para 17', 5), 'States reaffirmed that the Charter'));
    assert.match(hover, /Zero Draft, para 17/);
    assert.match(hover, /International Law/);
  });

  it('goes from "para 17" to paragraph 17 in the read-only text view of the PDF', async () => {
    const position = positionOf(document, 'para 17', 5);
    const locations = await eventually('a definition of "para 17"', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
      return found?.length ? found : undefined;
    });
    const target = locations[0];
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.equal(uri.scheme, 'oewg-draft');
    assert.equal(path.resolve(uri.fsPath), path.resolve(workspacePath(PDF)));

    // As a person does it: F12 on the citation.
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const view = await eventually('the text view of the PDF in the active editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'oewg-draft' ? active : undefined;
    }, [vscode.window.onDidChangeActiveTextEditor]);
    assert.equal(view.document.uri.toString(), uri.toString());
    assert.equal(view.selection.start.line, range.start.line);
    assert.match(view.document.lineAt(range.start.line).text, /^17\. States reaffirmed that the Charter of the United Nations/);
    assert.ok(!view.document.getText().includes('%PDF'), 'the text, not the bytes');
    // Typing into the view changes nothing: it is read-only.
    const before = view.document.getText();
    await vscode.commands.executeCommand('type', { text: 'x' });
    assert.equal(view.document.getText(), before, 'the view is read-only');
    assert.equal(view.document.isDirty, false);
  });
});
