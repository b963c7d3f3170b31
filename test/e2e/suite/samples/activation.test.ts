// The samples workspace (a temporary copy of samples/): the extension starts
// for the submissions people write, in Markdown and in plain text.
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { activated, extension, hoverContaining, open, opening, positionOf, readParagraph, workspacePath } from '../../support/editor';

describe('activation in the samples workspace', () => {
  it('activates for a Markdown submission and answers on it', async () => {
    const editor = await open('submissions/response-to-zero-draft.md');
    assert.equal(editor.document.languageId, 'markdown');
    await activated();
    assert.equal(extension().isActive, true);
    const para12 = readParagraph(workspacePath('drafts/zero-draft.txt'), 12);
    await hoverContaining(editor.document.uri, positionOf(editor.document, 'para 12', 5), opening(para12));
  });

  it('answers on a plain-text submission', async () => {
    const editor = await open('submissions/notes-on-first-draft.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    await activated();
    const para42 = readParagraph(workspacePath('drafts/first-draft.md'), 42);
    await hoverContaining(editor.document.uri, positionOf(editor.document, 'Paragraph 42', 10), opening(para42));
  });

  it('contributes every command it declares', async () => {
    await activated();
    const declared = (extension().packageJSON.contributes.commands as { command: string }[]).map((entry) => entry.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(declared.length >= 4, `package.json declares ${declared.join(', ')}`);
    assert.deepEqual(declared.filter((command) => !registered.has(command)), []);
  });
});
