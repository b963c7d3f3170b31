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

export function corpusFile(name: string): string {
  const file = path.join(corpusDir, name);
  if (!fs.existsSync(file)) {
    throw new Error(`the real corpus is missing: ${file} (CI puts ../shared beside the checkout; set OEWG_SHARED to point elsewhere)`);
  }
  return file;
}

export function readCorpus(name: string): string {
  return fs.readFileSync(corpusFile(name), 'utf8');
}
