// "OEWG: Open Word Submission": a Word submission, made at test time with
// the docx library (test/support/wordSubmission.ts), opens as a read-only
// view of its text (tracked changes accepted, comments left out) on which the
// server gives diagnostics and hovers.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activated, diagnosticCode, diagnosticsWhen, hoverContaining, opening, plain, positionOf, readParagraph, workspacePath } from '../../support/editor';
import { wordSubmission } from '../../../support/wordSubmission';

const DOCX = 'submissions/e2e-response.docx';

describe('OEWG: Open Word Submission', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await activated();
    fs.writeFileSync(workspacePath(DOCX), await wordSubmission());
    const opened = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('oewgCite.openWordSubmission', vscode.Uri.file(workspacePath(DOCX)));
    assert.ok(opened, 'the command opens a document');
    document = opened;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspacePath(DOCX), { force: true });
  });

  it('shows the text of the Word file, read-only, with the tracked changes accepted and without the comment', () => {
    assert.equal(document.uri.scheme, 'oewg-word');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString());
    const text = document.getText();
    assert.match(text, /^# Comments on the Zero Draft\n\nWe welcome para 3 of the Zero Draft/);
    assert.match(text, /We support para 130 of the Zero Draft/);
    assert.doesNotMatch(text, /999|777/);
  });

  it('gets the diagnostics of a submission: para 130 and the footnote\'s para 888 are not in the Zero Draft', async () => {
    const diagnostics = await diagnosticsWhen(document.uri, 'missing paras 130 and 888', (all) =>
      ['para 130', 'para 888'].every((cited) => all.some((found) => diagnosticCode(found) === 'missing-paragraph' && found.message.startsWith(`${cited}:`))),
    );
    const para130 = diagnostics.find((found) => found.message.startsWith('para 130:'))!;
    assert.equal(document.getText(para130.range), 'para 130');
  });

  it('hovers "para 3" with the paragraph of the Zero Draft', async () => {
    const paragraph = readParagraph(workspacePath('drafts/zero-draft.txt'), 3);
    const hover = plain(await hoverContaining(document.uri, positionOf(document, 'para 3', 5), opening(paragraph)));
    assert.match(hover, /Zero Draft, para 3/);
  });
});
