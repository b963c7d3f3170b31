// A workspace built by run.mjs from the real corpus (../shared/corpus): the
// real Zero Draft under drafts/, a real submission on the Pre-draft, and an
// oewg-cite.json that knows the Pre-draft without its text. What these tests
// expect is read from those files at test time, never copied here.
import { strict as assert } from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activated, diagnosticCode, diagnosticsWhen, eventually, extension, hoverContaining, open, opening, plain, positionOf,
  readParagraph, workspacePath, writeOnDisk,
} from '../../support/editor';

const ZERO_DRAFT = 'drafts/zero-draft-2021.txt';
const RESPONSE = 'gpd-response-to-pre-draft-2020-03.md';

describe('the real corpus', () => {
  it('activates on the real submission and reports its Pre-draft citations as not indexed', async () => {
    const { document } = await open(RESPONSE);
    await activated();
    assert.equal(extension().isActive, true);
    const diagnostics = await diagnosticsWhen(document.uri, 'draft-not-indexed diagnostics on the Pre-draft citations', (all) =>
      all.some((diagnostic) => diagnosticCode(diagnostic) === 'draft-not-indexed'));
    const notIndexed = diagnostics.filter((diagnostic) => diagnosticCode(diagnostic) === 'draft-not-indexed');
    assert.ok(notIndexed.every((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Information));
    assert.ok(notIndexed.some((diagnostic) => /Pre-draft/i.test(diagnostic.message)), notIndexed.map((d) => d.message).join('\n'));
    // cited paragraphs of a draft that is not indexed are not "missing"
    assert.deepEqual(diagnostics.filter((diagnostic) => diagnosticCode(diagnostic) === 'missing-paragraph').map((d) => d.message), []);
  });

  describe('a submission written now on the real Zero Draft', () => {
    const SUBMISSION = 'submissions/e2e-on-zero-draft.md';
    let document: vscode.TextDocument;

    before(async () => {
      writeOnDisk(SUBMISSION, '---\ndraft: zero-draft\n---\n\nWe support para 74 and ask for more on confidence-building.\n');
      document = (await open(SUBMISSION)).document;
      await activated();
    });

    it('hovers "para 74" with the real paragraph 74', async () => {
      const paragraph = readParagraph(workspacePath(ZERO_DRAFT), 74);
      const hover = plain(await hoverContaining(document.uri, positionOf(document, 'para 74', 5), opening(paragraph)));
      assert.match(hover, /para(graph)? 74\b/i);
      assert.ok(hover.includes('Zero Draft'), hover);
    });

    it('goes from "para 74" to its line in the real draft', async () => {
      const paragraph = readParagraph(workspacePath(ZERO_DRAFT), 74);
      const position = positionOf(document, 'para 74', 5);
      const locations = await eventually('a definition of "para 74"', async () => {
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
  });
});
