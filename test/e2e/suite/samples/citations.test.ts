// Hover, go to definition and completion on the citations of the sample
// submission, checked against the draft files as a reader finds them.
import { strict as assert } from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activated, eventually, hoverContaining, open, opening, plain, positionOf, readParagraph, workspacePath } from '../../support/editor';

const SUBMISSION = 'submissions/response-to-zero-draft.md';
const ZERO_DRAFT = 'drafts/zero-draft.txt';

describe('citations in the sample submission', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await open(SUBMISSION)).document;
    await activated();
  });

  it('hovers "para 12" with its text, number, section and draft', async () => {
    const paragraph = readParagraph(workspacePath(ZERO_DRAFT), 12);
    const hover = plain(await hoverContaining(document.uri, positionOf(document, 'para 12', 5), opening(paragraph)));
    assert.match(hover, /para(graph)? 12\b/i);
    assert.ok(paragraph.section, 'the sample draft puts paragraph 12 in a section');
    assert.ok(hover.includes(paragraph.section!.replace(/^[A-H]\.\s*/, '')), `the section "${paragraph.section}" is in: ${hover}`);
    assert.ok(hover.includes('Zero Draft'), `the draft's label is in: ${hover}`);
  });

  it('goes from "para 12" to paragraph 12 in the draft', async () => {
    const paragraph = readParagraph(workspacePath(ZERO_DRAFT), 12);
    const position = positionOf(document, 'para 12', 5);
    const locations = await eventually('a definition of "para 12"', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider', document.uri, position);
      return found?.length ? found : undefined;
    });
    const target = locations[0];
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.equal(path.resolve(uri.fsPath), path.resolve(workspacePath(ZERO_DRAFT)));
    assert.equal(range.start.line, paragraph.line);
  });

  it('offers paragraph numbers after "para "', async () => {
    const editor = await open(SUBMISSION);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n\nWe also support para '));
    const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    try {
      const items = await eventually('paragraph numbers in the completion list', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider', editor.document.uri, position);
        const numbers = list.items.filter((item) => /^\d+/.test(typeof item.label === 'string' ? item.label : item.label.label));
        return numbers.length > 0 ? numbers : undefined;
      });
      const labels = items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      // the submission answers the Zero Draft: its paragraphs are offered
      assert.ok(labels.some((label) => /^12\b/.test(label)), `offered: ${labels.slice(0, 20).join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
