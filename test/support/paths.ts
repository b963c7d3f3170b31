// Where tests find the project and the shared corpus, whether they run from
// out/test/... (compiled) or elsewhere.
import * as fs from 'fs';
import * as path from 'path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no project root above ${start}`);
    dir = parent;
  }
}

export const repoRoot = findRepoRoot(__dirname);
/** ../shared beside the checkout (CI puts it there); OEWG_SHARED overrides. */
export const sharedDir = process.env.OEWG_SHARED ?? path.resolve(repoRoot, '..', 'shared');
export const corpusDir = path.join(sharedDir, 'corpus');
export const samplesDir = path.join(repoRoot, 'samples');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/**
 * Set (to 1) where the real corpus must be present, as `.ci/run` does: a
 * missing corpus is then an error instead of pending tests.
 */
export const corpusRequired = process.env.OEWG_REQUIRE_CORPUS === '1';

const CORPUS_FILES = ['zero-draft-2021.txt', 'gpd-response-to-pre-draft-2020-03.md', 'chair-working-paper-2020-02.md'];

/** Why the real corpus cannot be read here, or undefined when it can. */
export function corpusMissing(): string | undefined {
  const missing = [...CORPUS_FILES.map((name) => path.join(corpusDir, name)), path.join(sharedDir, 'un-symbols.json')].filter((file) => !fs.existsSync(file));
  if (missing.length === 0) return undefined;
  return `the real corpus is missing: ${missing[0]}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}`;
}

const HOW_TO_RUN = 'put ../shared (with corpus/ and un-symbols.json) beside the checkout or set OEWG_SHARED=/path/to/shared, then npm test; OEWG_REQUIRE_CORPUS=1 makes a missing corpus an error';
let explained = false;

/**
 * Call first in a `before` hook or a test (written `function () { … }`) that
 * reads the real corpus. Without the corpus, the suite or test is reported
 * pending by mocha, with the reason printed once; with OEWG_REQUIRE_CORPUS=1
 * it fails instead.
 */
export function needsCorpus(context: Mocha.Context): void {
  const missing = corpusMissing();
  if (missing === undefined) return;
  if (corpusRequired) throw new Error(`${missing} (OEWG_REQUIRE_CORPUS=1: the real corpus is required; ${HOW_TO_RUN.split(';')[0]})`);
  if (!explained) {
    explained = true;
    console.log(`      pending: ${missing}; the tests that need it are pending. To run them, ${HOW_TO_RUN}.`);
  } else {
    console.log('      pending: needs the real corpus (see above)');
  }
  context.skip();
}

/** The path of a corpus file; throws a clear error when it is missing (call `needsCorpus` first in tests). */
export function corpusFile(name: string): string {
  const file = path.join(corpusDir, name);
  if (!fs.existsSync(file)) {
    throw new Error(`the real corpus is missing: ${file} (${HOW_TO_RUN})`);
  }
  return file;
}

export function readCorpus(name: string): string {
  return fs.readFileSync(corpusFile(name), 'utf8');
}
