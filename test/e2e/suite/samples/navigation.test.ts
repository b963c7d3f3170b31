// Navigation in the sample workspace, through the commands VS Code itself
// runs for Shift+F12, the outline, Ctrl+T and code lenses; the expected
// places are read from the files as a reader finds them.
import { strict as assert } from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activated, eventually, open, positionOf, readParagraph, workspacePath } from '../../support/editor';

const SUBMISSION = 'submissions/response-to-zero-draft.md';
const ZERO_DRAFT = 'drafts/zero-draft.txt';

/** "zero-draft.txt:94" (1-based) for each location, sorted. */
function where(locations: vscode.Location[]): string[] {
  return locations.map((location) => `${path.basename(location.uri.fsPath)}:${location.range.start.line + 1}`).sort();
}

/** 1-based lines of a document holding `text`. */
function linesHolding(document: vscode.TextDocument, text: string): number[] {
  return document.getText().split(/\r?\n/).flatMap((line, index) => (line.includes(text) ? [index + 1] : []));
}

describe('navigation in the samples workspace', () => {
  let submission: vscode.TextDocument;
  let draft: vscode.TextDocument;

  before(async () => {
    submission = (await open(SUBMISSION)).document;
    await activated();
    draft = await vscode.workspace.openTextDocument(workspacePath(ZERO_DRAFT));
  });

  it('finds every citation of Zero Draft para 30, and the paragraph, from "paras 30-32"', async () => {
    const position = positionOf(submission, 'paras 30-32', 'paras '.length);
    const locations = await eventually('references of "paras 30-32"', async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', submission.uri, position);
      return found?.length ? found : undefined;
    });
    // Under `draft: zero-draft`: "paragraphs 24, 26 and 30" and "paras 30-32"; not "First Draft, paragraph 30".
    const citing = [...linesHolding(submission, 'paragraphs 24, 26 and 30'), ...linesHolding(submission, 'paras 30-32')];
    const paragraph = readParagraph(workspacePath(ZERO_DRAFT), 30);
    assert.deepEqual(where(locations), [...citing.map((line) => `response-to-zero-draft.md:${line}`), `zero-draft.txt:${paragraph.line + 1}`].sort());
    assert.ok(!where(locations).some((place) => linesHolding(submission, 'First Draft, paragraph 30').some((line) => place === `response-to-zero-draft.md:${line}`)));
  });

  it('shows the draft\'s outline: sections A–H holding sub-headings and paragraphs', async () => {
    const symbols = await eventually('the outline of the Zero Draft', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', draft.uri);
      return found?.length ? found : undefined;
    });
    const sections = draft.getText().split(/\r?\n/).filter((line) => /^[A-H]\. /.test(line));
    assert.deepEqual(symbols.map((symbol) => symbol.name), sections);
    const threats = symbols[1];
    assert.deepEqual(threats.children.map((child) => child.name.split(' — ')[0]), ['para 8', 'Discussions', 'Conclusions']);
    const para12 = threats.children[2].children[0];
    assert.equal(para12.kind, vscode.SymbolKind.String);
    assert.equal(para12.selectionRange.start.line, readParagraph(workspacePath(ZERO_DRAFT), 12).line);
  });

  it('finds paragraphs by number in every draft, the current one first', async () => {
    const symbols = await eventually('workspace symbols for "para 12"', async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'para 12');
      const ours = (found ?? []).filter((symbol) => symbol.containerName === 'First Draft' || symbol.containerName === 'Zero Draft');
      return ours.length >= 2 ? ours : undefined;
    });
    assert.deepEqual(symbols.slice(0, 2).map((symbol) => [symbol.containerName, path.basename(symbol.location.uri.fsPath)]), [
      ['First Draft', 'first-draft.md'],
      ['Zero Draft', 'zero-draft.txt'],
    ]);
    assert.equal(symbols[1].location.range.start.line, readParagraph(workspacePath(ZERO_DRAFT), 12).line);
  });

  it('puts "cited N times" on the draft\'s paragraphs, and the lens opens the citations', async () => {
    const line30 = readParagraph(workspacePath(ZERO_DRAFT), 30).line;
    const lenses = await eventually('code lenses on the Zero Draft', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', draft.uri);
      return found?.length ? found : undefined;
    });
    assert.equal(lenses.length, draft.getText().split(/\r?\n/).filter((line) => /^\d+\. /.test(line)).length);
    const lens30 = lenses.find((lens) => lens.range.start.line === line30)!;
    assert.equal(lens30.command?.title, 'cited 2 times');
    assert.equal(lens30.command?.command, 'oewgCite.showReferences');
    const lens1 = lenses.find((lens) => lens.range.start.line === readParagraph(workspacePath(ZERO_DRAFT), 1).line)!;
    assert.equal(lens1.command?.title, 'not cited');

    await vscode.window.showTextDocument(draft);
    await vscode.commands.executeCommand(lens30.command!.command, ...(lens30.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, draft.uri.fsPath, 'the references view opens over the draft');
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});
