// `npm run screenshots`: uses the extension in the workbench as a person would
// (Quick Open, Go to Line, the hover shortcut, the Problems panel, the
// suggestions), checks what the page shows and saves the pictures the README
// uses to docs/images/. run.mjs runs the same checks and saves the pictures
// under .vscode-test/screenshots/ instead, so a test run leaves the tree alone.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './code-server.mjs';
import {
  extensionsActivated, goToPosition, paragraphOpening, picture, positionOf, quickOpen, showCompletion, showHover, showProblems,
  withSamplesWorkbench,
} from './workbench.mjs';

const submission = 'submissions/response-to-zero-draft.md';
const draft = 'drafts/zero-draft.txt';
// the submission's front matter says it answers the Zero Draft, which has no paragraph 130
const citedParagraph = 12;
const missingParagraph = 130;

export async function takeScreenshots({ outputDir = join(repoRoot, 'docs', 'images') } = {}) {
  mkdirSync(outputDir, { recursive: true });
  const shot = (name) => join(outputDir, name);
  await withSamplesWorkbench({ screenshotOnFailure: shot('failure.png') }, async (page, workspace) => {
    await quickOpen(page, submission);
    // for a picture with the citations coloured and no progress in the status bar
    await extensionsActivated(page);

    const citation = positionOf(join(workspace, submission), `para ${citedParagraph} `);
    await goToPosition(page, citation.line, citation.column + 'para '.length);
    const opening = paragraphOpening(join(workspace, draft), citedParagraph);
    const hover = await showHover(page, opening);
    assert.match(hover, new RegExp(`para(graph)? ${citedParagraph}\\b`, 'i'), `the hover names the paragraph: ${hover}`);
    assert.match(hover, /Zero Draft/, `the hover names the draft: ${hover}`);
    await picture(page, shot('hover.png'));
    console.log(`hover on "para ${citedParagraph}": ${hover.slice(0, 160)}...`);

    const problems = await showProblems(page, `para ${missingParagraph}`);
    assert.ok(problems.some((row) => row.includes('oewg-cite')), `the problems come from oewg-cite: ${problems.join(' | ')}`);
    await picture(page, shot('problems.png'));
    console.log(`problems panel: ${problems.length} rows, e.g. ${problems.find((row) => row.includes(`${missingParagraph}`))}`);

    await page.keyboard.press('Control+J'); // hides the panel again, for room
    // a new line under the heading of section C, where a drafter would add a comment
    const heading = positionOf(join(workspace, submission), '## C. International Law');
    await quickOpen(page, submission);
    await goToPosition(page, heading.line, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const suggestions = await showCompletion(page, 'We support para ', /^\s*\d+/);
    await picture(page, shot('completion.png'));
    console.log(`completion after "para ": ${suggestions.slice(0, 3).join(' | ')}`);
  });
  console.log(`screenshots in ${relative(process.cwd(), outputDir) || '.'}: hover.png, problems.png, completion.png`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  takeScreenshots().then(
    () => process.exit(0),
    (error) => {
      console.error(error.stack ?? error);
      process.exit(1);
    },
  );
}
