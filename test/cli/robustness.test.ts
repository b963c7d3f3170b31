// dist/cli.js on what a pipeline or a careless path gives it: a reader that
// stops early, a device, a FIFO, a folder, a file over the size limit.
import { strict as assert } from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

const cli = path.join(repoRoot, 'dist', 'cli.js');

/** A draft in the OEWG style with `count` numbered paragraphs (large enough to fill a pipe many times over). */
function longDraft(count: number): string {
  const lines = ['# Draft report of the Working Group', '', 'A. Introduction', ''];
  for (let i = 1; i <= count; i++) {
    lines.push(`${i}. States recalled paragraph ${i > 1 ? i - 1 : 1} and stressed the need for cooperation on capacity-building in every region, and for confidence-building measures.`, '');
  }
  return lines.join('\n');
}

/** Runs the CLI, reads the first chunk of its output and closes the pipe, as `| head -1` does. */
function runAndCloseEarly(args: string[], cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; first: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let first = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.once('data', (chunk: Buffer) => {
    first = chunk.toString('utf8');
    child.stdout.destroy();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, first, stderr }));
  });
}

describe('oewg-cite in a pipeline whose reader stops early', () => {
  let dir: string;
  before(() => {
    dir = makeTempDir('cli-pipe');
    fs.writeFileSync(path.join(dir, 'long-draft.txt'), longDraft(6000));
  });
  after(() => removeDir(dir));

  it('index --json | head: exits quietly, exit 0, no EPIPE stack trace', async () => {
    const { code, first, stderr } = await runAndCloseEarly(['index', 'long-draft.txt', '--json'], dir);
    assert.match(first, /^\{\n {2}"file": /);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('index (the outline) | head: exits quietly too', async () => {
    const { code, first, stderr } = await runAndCloseEarly(['index', 'long-draft.txt'], dir);
    assert.match(first, /^Draft report of the Working Group\n6000 paragraphs/);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('still prints everything when the reader reads to the end', () => {
    const result = spawnSync(process.execPath, [cli, 'index', 'long-draft.txt', '--json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).paragraphs.length, 6000);
  });
});
