// The packaged extension, as a user gets it: the .vsix installed into a fresh
// code-server with its own CLI, VS Code started WITHOUT the development
// extension, and a hover on a citation in the samples that only the
// installed extension can produce.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';
import { goToPosition, paragraphOpening, positionOf, quickOpen, showHover, withSamplesWorkbench } from './workbench.mjs';

export async function checkPackagedHover(vsix) {
  assert.ok(vsix, 'no .vsix to check: packaging failed');
  const failure = join(repoRoot, '.vscode-test', 'packaged-failure.png');
  await withSamplesWorkbench({ vsix, screenshotOnFailure: failure }, async (page, workspace, sandbox) => {
    const installed = readdirSync(sandbox.extensionsDir);
    assert.ok(installed.some((name) => name.startsWith('oewg-cite.oewg-cite-')), `installed extensions: ${installed.join(', ')}`);
    const submission = 'submissions/notes-on-first-draft.txt';
    await quickOpen(page, submission);
    // the notes answer the First Draft, the current one
    const citation = positionOf(join(workspace, submission), 'Paragraph 42');
    await goToPosition(page, citation.line, citation.column + 'Paragraph '.length);
    const hover = await showHover(page, paragraphOpening(join(workspace, 'drafts', 'first-draft.md'), 42));
    console.log(`packaged extension hovers "Paragraph 42": ${hover.slice(0, 160)}...`);
  });
}
