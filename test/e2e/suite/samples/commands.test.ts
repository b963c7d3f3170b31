// The commands of the extension, run the way the command palette runs them
// (with the argument that skips the quick pick where there is one).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  activated, diagnosticCode, diagnosticsWhen, eventually, highestParagraph, hoverContaining, open, opening, plain, positionOf,
  readParagraph, workspacePath, writeOnDisk,
} from '../../support/editor';

const ZERO_DRAFT = 'drafts/zero-draft.txt';
const FIRST_DRAFT = 'drafts/first-draft.md';

/** The first paragraph under "The OEWG recommends that" in a draft file. */
function firstRecommendation(draftFile: string): number {
  const text = fs.readFileSync(draftFile, 'utf8');
  const after = text.slice(text.indexOf('The OEWG recommends that'));
  const found = /^(\d+)\.\s/m.exec(after);
  if (!found) throw new Error(`no recommendation paragraph in ${draftFile}`);
  return Number(found[1]);
}

describe('commands', () => {
  before(activated);

  describe('OEWG: Select Current Draft', () => {
    // no front matter, no heading naming a draft: citations go to the current draft
    const SCRATCH = 'submissions/e2e-current-draft.md';
    const firstDraftParagraphs = highestParagraph(workspacePath(FIRST_DRAFT));
    let uri: vscode.Uri;
    let document: vscode.TextDocument;

    before(async () => {
      // a paragraph the Zero Draft has and the First Draft does not
      assert.ok(highestParagraph(workspacePath(ZERO_DRAFT)) >= firstDraftParagraphs + 3);
      uri = writeOnDisk(SCRATCH, `# Notes\n\nWe support para 12, and we miss para ${firstDraftParagraphs + 3}.\n`);
      document = (await open(SCRATCH)).document;
    });

    after(async () => {
      await vscode.commands.executeCommand('oewgCite.selectCurrentDraft', 'first-draft');
      fs.rmSync(workspacePath(SCRATCH), { force: true });
    });

    const missing = (all: vscode.Diagnostic[]) =>
      all.some((diagnostic) => diagnosticCode(diagnostic) === 'missing-paragraph' && diagnostic.message.includes(String(firstDraftParagraphs + 3)));

    it('changes the draft that hovers and diagnostics speak of', async () => {
      const inFirst = readParagraph(workspacePath(FIRST_DRAFT), 12);
      const inZero = readParagraph(workspacePath(ZERO_DRAFT), 12);
      const position = positionOf(document, 'para 12', 5);

      const before = plain(await hoverContaining(uri, position, opening(inFirst)));
      assert.ok(before.includes('First Draft'), before);
      await diagnosticsWhen(uri, `para ${firstDraftParagraphs + 3} missing from the First Draft`, missing);

      const chosen = await vscode.commands.executeCommand<string>('oewgCite.selectCurrentDraft', 'zero-draft');
      assert.equal(chosen, 'zero-draft');
      const after = plain(await hoverContaining(uri, position, opening(inZero)));
      assert.ok(after.includes('Zero Draft'), after);
      await diagnosticsWhen(uri, `para ${firstDraftParagraphs + 3} found in the Zero Draft`, (all) => !missing(all));

      await vscode.commands.executeCommand('oewgCite.selectCurrentDraft', 'first-draft');
      await hoverContaining(uri, position, opening(inFirst));
    });
  });

  it('OEWG: Restart Language Server brings the server back', async () => {
    const editor = await open('submissions/response-to-zero-draft.md');
    await vscode.commands.executeCommand('oewgCite.restartServer');
    const para12 = readParagraph(workspacePath(ZERO_DRAFT), 12);
    await hoverContaining(editor.document.uri, positionOf(editor.document, 'para 12', 5), opening(para12));
  });

  it('OEWG: Insert Response to a Recommendation inserts the recommendation and a response line', async () => {
    const number = firstRecommendation(workspacePath(FIRST_DRAFT));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('oewgCite.insertRecommendationResponse', String(number));
    const text = plain(document.getText());
    assert.ok(text.includes(opening(readParagraph(workspacePath(FIRST_DRAFT), number))), text);
    assert.match(text, new RegExp(`para ${number}\\b`));
    assert.match(text, /Recommendation:/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('OEWG: Show Citation Report opens a report of the submission', async () => {
    const editor = await open('submissions/response-to-zero-draft.md');
    await vscode.commands.executeCommand('oewgCite.showCitationReport', editor.document.uri);
    const report = await eventually('the citation report', () =>
      vscode.workspace.textDocuments.find((candidate) => candidate.isUntitled && candidate.languageId === 'markdown' && /para 12\b/.test(candidate.getText())));
    assert.match(report.getText(), /para 130/);
  });

  it('OEWG: Compare Drafts opens the alignment report of two drafts', async () => {
    const report = await vscode.commands.executeCommand<string>('oewgCite.compareDrafts', 'zero-draft', 'first-draft');
    assert.match(report, /^# Zero Draft → First Draft: where each paragraph went/);
    await eventually('the comparison report', () =>
      vscode.workspace.textDocuments.find((candidate) => candidate.isUntitled && candidate.getText().startsWith('# Zero Draft → First Draft')));
  });

  it('OEWG: Check All Quotations checks the quotations of the active submission', async () => {
    const editor = await open('submissions/response-to-zero-draft.md');
    const findings = await vscode.commands.executeCommand<number>('oewgCite.checkAllQuotations', editor.document.uri);
    assert.equal(typeof findings, 'number');
    await diagnosticsWhen(editor.document.uri, 'diagnostics published after the check', (all) => all.length === findings);
  });

  it('OEWG: Update Citations to the Current Draft rewrites the citations of an older draft in one edit', async () => {
    const SCRATCH = 'submissions/e2e-update.md';
    // para 12 of the Zero Draft is para 9 of the First Draft (samples/drafts/CHANGES.md)
    const uri = writeOnDisk(SCRATCH, '---\ndraft: zero-draft\n---\n\nWe welcome para 12.\n');
    try {
      const { document } = await open(SCRATCH);
      await diagnosticsWhen(uri, 'the citation of the Zero Draft is analysed', () => true);
      // Without the refactor preview, which waits for a person to press Apply.
      const applied = await vscode.commands.executeCommand<boolean>('oewgCite.updateCitations', uri, { preview: false });
      assert.equal(applied, true);
      assert.equal(document.getText(), '---\ndraft: first-draft\n---\n\nWe welcome para 9.\n');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      fs.rmSync(workspacePath(SCRATCH), { force: true });
    }
  });
});
