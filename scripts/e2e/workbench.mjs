// Driving the VS Code workbench in the browser as a person would: keyboard
// shortcuts, the Quick Open box, the hover, the Problems panel. Every wait is
// on something appearing in the page, with a deadline.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureCodeServer, installVsix, launchChromium, makeSandbox, repoRoot, startCodeServer, workbenchUrl,
} from './code-server.mjs';

const ui = {
  workbench: '.monaco-workbench',
  explorer: '.explorer-folders-view',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-list .monaco-list-row',
  hover: '.monaco-hover',
  suggestRow: '.editor-widget.suggest-widget .monaco-list-row',
  problemsRow: '.markers-panel .monaco-list-row',
};

/**
 * Opens a temporary copy of samples/ in code-server, with the extension either
 * under development (this checkout) or installed from a .vsix, and hands the
 * page to `use`. Stops everything afterwards, whatever happens.
 */
export async function withSamplesWorkbench({ vsix, screenshotOnFailure }, use) {
  ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'oewg-cite-workbench-'));
  const workspace = join(scratch, 'samples');
  cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
  const sandbox = makeSandbox();
  let server;
  let browser;
  try {
    if (vsix) console.log(installVsix(sandbox, vsix));
    server = await startCodeServer({ sandbox });
    browser = await launchChromium();
    const url = workbenchUrl(server, { folder: workspace, developmentPaths: vsix ? [] : [repoRoot] });
    const page = await openWorkbench(browser, url);
    try {
      return await use(page, workspace, sandbox);
    } catch (error) {
      if (screenshotOnFailure) {
        await page.screenshot({ path: screenshotOnFailure }).catch(() => {});
        error.message += `\n(screenshot of the page: ${screenshotOnFailure})`;
      }
      throw error;
    }
  } finally {
    await browser?.close();
    await server?.stop();
    sandbox.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function openWorkbench(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(ui.workbench, { timeout: 60_000 });
  await page.waitForSelector(`${ui.explorer} .monaco-list-row`, { timeout: 60_000 });
  return page;
}

/** Presses a shortcut until the widget it opens is visible: the first presses can land before the workbench listens. */
async function pressUntilVisible(page, keys, selector, what) {
  for (let attempt = 0; attempt < 10; attempt++) {
    for (const key of keys) await page.keyboard.press(key);
    try {
      await page.waitForSelector(selector, { state: 'visible', timeout: 2000 });
      return;
    } catch {
      // not open yet: press again
    }
  }
  throw new Error(`${keys.join(' ')} did not open ${what}`);
}

/** Control+P, the file's name, Enter; resolves when its editor is focused. */
export async function quickOpen(page, relativePath) {
  const name = relativePath.split('/').pop();
  await pressUntilVisible(page, ['Control+P'], ui.quickInputBox, 'Quick Open');
  await page.keyboard.type(relativePath);
  await page.waitForFunction(([row, wanted]) => [...document.querySelectorAll(row)]
    .some((element) => element.getAttribute('aria-label')?.includes(wanted)), [ui.quickInputRow, name], { timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 20_000 });
  await page.waitForSelector('.editor-instance .monaco-editor.focused', { timeout: 20_000 });
}

/** Control+G with "line:column" (both 1-based) puts the cursor exactly there, whatever the tokens look like. */
export async function goToPosition(page, line, column) {
  await pressUntilVisible(page, ['Control+G'], ui.quickInputBox, 'Go to Line');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(ui.quickInput, { state: 'hidden', timeout: 10_000 });
}

/** 1-based line and column of the first occurrence of `text` in a file. */
export function positionOf(file, text) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const column = lines[index].indexOf(text);
    if (column >= 0) return { line: index + 1, column: column + 1 };
  }
  throw new Error(`"${text}" is not in ${file}`);
}

/**
 * The first words of paragraph `number` of a draft written as "12. text",
 * without Markdown emphasis: what the hover must show.
 */
export function paragraphOpening(draftFile, number, words = 8) {
  const paragraph = new RegExp(`^\\s*${number}\\.\\s+(.+)$`, 'm').exec(readFileSync(draftFile, 'utf8'));
  if (!paragraph) throw new Error(`no paragraph ${number} in ${draftFile}`);
  return paragraph[1].replace(/[*_]/g, '').split(/\s+/).slice(0, words).join(' ');
}

const hoverText = (selector) => [...document.querySelectorAll(selector)]
  .map((element) => element.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ');

/**
 * Control+K Control+I at the cursor until a hover containing `expected`
 * shows: the language server may still be indexing when the first one is asked for.
 */
export async function showHover(page, expected, timeoutMs = 60_000) {
  const giveUpAt = Date.now() + timeoutMs;
  while (Date.now() < giveUpAt) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    try {
      await page.waitForFunction(([selector, wanted]) => [...document.querySelectorAll(selector)]
        .some((element) => element.textContent.replace(/\s+/g, ' ').includes(wanted)), [ui.hover, expected], { timeout: 3000 });
      return await page.evaluate(hoverText, ui.hover);
    } catch {
      // no hover yet, or not the one we want: ask again
    }
  }
  const seen = await page.evaluate(hoverText, ui.hover);
  throw new Error(`no hover containing "${expected}" within ${timeoutMs / 1000} s; the page showed: "${seen}"`);
}

/** Control+Shift+M, then the rows of the Problems panel once one contains `expected`. */
export async function showProblems(page, expected) {
  await page.keyboard.press('Escape');
  await pressUntilVisible(page, ['Control+Shift+M'], '.markers-panel', 'the Problems panel');
  await page.waitForFunction(([selector, wanted]) => [...document.querySelectorAll(selector)]
    .some((element) => element.textContent.includes(wanted)), [ui.problemsRow, expected], { timeout: 60_000 });
  return page.evaluate((selector) => [...document.querySelectorAll(selector)].map((row) => row.textContent.trim()), ui.problemsRow);
}

/** Types `text` at the cursor and opens the suggestions (Control+Space) until one matching `expected` shows. */
export async function showCompletion(page, text, expected) {
  await page.keyboard.type(text);
  await pressUntilVisible(page, ['Control+Space'], ui.suggestRow, 'the suggestions');
  await page.waitForFunction(([selector, pattern]) => [...document.querySelectorAll(selector)]
    .some((element) => new RegExp(pattern).test(element.textContent)), [ui.suggestRow, expected.source], { timeout: 30_000 });
  return page.evaluate((selector) => [...document.querySelectorAll(selector)].map((row) => row.textContent.trim()), ui.suggestRow);
}

/** Resolves once the status bar no longer says "Activating Extensions...". */
export async function extensionsActivated(page) {
  await page.waitForFunction(() => !document.querySelector('.part.statusbar')?.textContent.includes('Activating Extensions'),
    null, { timeout: 60_000 });
}

/** A screenshot with animations finished, so a hover that is fading in is shown whole. */
export async function picture(page, path) {
  await page.screenshot({ path, animations: 'disabled' });
}
