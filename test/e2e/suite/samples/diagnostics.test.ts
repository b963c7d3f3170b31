// Stale citations in the sample submission, and drafts that change on disk
// (saved by another program): the diagnostics follow the files.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  activated, describeDiagnostics, diagnosticCode, diagnosticsWhen, highestParagraph, open, workspacePath, writeOnDisk,
} from '../../support/editor';

const SUBMISSION = 'submissions/response-to-zero-draft.md';
const ZERO_DRAFT = 'drafts/zero-draft.txt';
const MISSING = 130;

const citesMissing = (diagnostic: vscode.Diagnostic) =>
  diagnosticCode(diagnostic) === 'missing-paragraph' && diagnostic.message.includes(String(MISSING));

describe('diagnostics in the sample submission', () => {
  let uri: vscode.Uri;
  let original: string;

  before(async () => {
    uri = (await open(SUBMISSION)).document.uri;
    await activated();
    original = fs.readFileSync(workspacePath(ZERO_DRAFT), 'utf8');
  });

  after(() => {
    fs.writeFileSync(workspacePath(ZERO_DRAFT), original);
  });

  it(`reports "para ${MISSING}" as missing from the Zero Draft, as an error`, async () => {
    const diagnostics = await diagnosticsWhen(uri, `a missing-paragraph diagnostic on para ${MISSING}`, (all) => all.some(citesMissing));
    const missing = diagnostics.find(citesMissing)!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /Zero Draft/);
    assert.match(missing.message, new RegExp(`1[–-]${highestParagraph(workspacePath(ZERO_DRAFT))}\\b`), missing.message);
  });

  it('reports "para 7 of the Pre-draft" as a draft that is not indexed', async () => {
    const diagnostics = await diagnosticsWhen(uri, 'a draft-not-indexed diagnostic', (all) =>
      all.some((diagnostic) => diagnosticCode(diagnostic) === 'draft-not-indexed'));
    const notIndexed = diagnostics.find((diagnostic) => diagnosticCode(diagnostic) === 'draft-not-indexed')!;
    assert.equal(notIndexed.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notIndexed.message, /Pre-draft/i);
  });

  it(`drops the diagnostic when the draft on disk gains paragraph ${MISSING}, and restores it when it loses it`, async () => {
    await diagnosticsWhen(uri, `the diagnostic on para ${MISSING}`, (all) => all.some(citesMissing));
    const last = highestParagraph(workspacePath(ZERO_DRAFT));
    // numbered on from the last paragraph, so the draft stays a well-formed draft
    const added = Array.from({ length: MISSING - last }, (_, index) =>
      `${last + 1 + index}. Paragraph added by the end-to-end test so that the draft reaches paragraph ${MISSING}.`).join('\n\n');
    writeOnDisk(ZERO_DRAFT, `${original.trimEnd()}\n\n${added}\n`);
    // the other diagnostics stay: an empty list in between is not the answer
    const after = await diagnosticsWhen(uri, `no diagnostic on para ${MISSING} once the draft has it`, (all) =>
      all.some((diagnostic) => diagnosticCode(diagnostic) === 'draft-not-indexed') && !all.some(citesMissing));
    assert.ok(!after.some(citesMissing), describeDiagnostics(after));

    writeOnDisk(ZERO_DRAFT, original);
    await diagnosticsWhen(uri, `the diagnostic on para ${MISSING} back once the draft lost it`, (all) => all.some(citesMissing));
  });
});
