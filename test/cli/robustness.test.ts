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

describe('oewg-cite on a draft that is not a regular file, or too large', () => {
  let dir: string;
  const draft = fs.readFileSync(path.join(repoRoot, 'samples', 'drafts', 'zero-draft.txt'), 'utf8');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60000 });
  before(() => {
    dir = makeTempDir('cli-devices');
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'draft.txt')]).status, 0, 'mkfifo');
    fs.writeFileSync(path.join(dir, 'response.md'), 'We welcome para 3 of the Zero Draft.\n');
    fs.writeFileSync(path.join(dir, 'zero-draft.txt'), draft);
  });
  after(() => removeDir(dir));

  it('check --draft /dev/zero, /dev/urandom or a FIFO: finishes at once, says why, exit 2', () => {
    for (const [device, kind] of [['/dev/zero', 'a device'], ['/dev/urandom', 'a device'], ['draft.txt', 'a FIFO']]) {
      const result = run(['check', '--draft', device, 'response.md']);
      assert.equal(result.signal, null, `${device}: finished`);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stderr, `oewg-cite: ${device} is not a regular file (${kind}): not read\n`);
    }
  });

  it('index of a device or a FIFO: the same', () => {
    for (const device of ['/dev/zero', 'draft.txt']) {
      const result = run(['index', device]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /is not a regular file \((a device|a FIFO)\): not read\n$/);
    }
  });

  it('drafts in oewg-cite.json at /dev/zero, /dev/urandom and a FIFO: said on their paths, the rest checked', () => {
    const config = path.join(dir, 'config', 'oewg-cite.json');
    fs.mkdirSync(path.dirname(config), { recursive: true });
    fs.writeFileSync(
      config,
      JSON.stringify({
        drafts: [
          { id: 'zero-draft', label: 'Zero Draft', path: '../zero-draft.txt' },
          { id: 'zeros', label: 'Zeros', path: '/dev/zero' },
          { id: 'noise', label: 'Noise', path: '/dev/urandom' },
          { id: 'pipe', label: 'Pipe', path: '../draft.txt' },
        ],
        current: 'zero-draft',
      }),
    );
    const result = run(['check', '--config', config, 'response.md']);
    assert.equal(result.signal, null);
    assert.equal(result.status, 0, result.stderr);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('config-error'));
    assert.deepEqual(
      warnings.map((line) => line.replace(/^.*config-error /, '')),
      ['draft "zeros": /dev/zero is not a regular file (a device): not read', 'draft "noise": /dev/urandom is not a regular file (a device): not read', `draft "pipe": ${path.join(dir, 'draft.txt')} is not a regular file (a FIFO): not read`],
    );
    assert.match(result.stderr, /1 file checked, 0 errors/);
  });

  it('--max-draft-size-mb: a larger draft is refused with the limit and how to raise it; a bad value is a usage error', () => {
    const small = run(['check', '--draft', 'zero-draft.txt', '--max-draft-size-mb', '0.001', 'response.md']);
    assert.equal(small.status, 2);
    assert.match(small.stderr, /^oewg-cite: zero-draft\.txt is \d+ kB, over the limit of 1 kB per draft or text file: not read \(raise it with the setting oewgCite\.maxDraftSizeMB \(CLI: --max-draft-size-mb\)\)\n$/);
    const enough = run(['check', '--draft', 'zero-draft.txt', '--max-draft-size-mb', '1', 'response.md']);
    assert.equal(enough.status, 0, enough.stderr);
    const bad = run(['check', '--max-draft-size-mb', 'lots', 'response.md']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-draft-size-mb takes a number of megabytes above 0, not "lots"/);
  });
});
