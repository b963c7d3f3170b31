// `npm start` (scripts/start.mjs) on a machine without VS Code and without
// what code-server needs: the check of samples/ first, then what is missing
// and the one command that installs it.
import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
import { makeTempDir, removeDir } from '../support/tempWorkspace';

/** Runs start.mjs with `env` only, stdout and stderr into one file so their order shows; resolves when it exits. */
function runStart(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const dir = makeTempDir('start-output');
  const file = path.join(dir, 'output.txt');
  const fd = fs.openSync(file, 'w');
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), ...args], { cwd: repoRoot, env, stdio: ['ignore', fd, fd] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.closeSync(fd);
      const output = fs.readFileSync(file, 'utf8');
      removeDir(dir);
      resolve({ code, output });
    });
  });
}

describe('npm start without VS Code and without the packages code-server needs', () => {
  let emptyBin: string;
  let codeServerDir: string;
  before(() => {
    emptyBin = makeTempDir('start-path');
    codeServerDir = makeTempDir('start-code-server');
  });
  after(() => {
    removeDir(emptyBin);
    removeDir(codeServerDir);
  });

  it('checks samples/ first, then names what is missing and the one command that installs it, exit 2', async () => {
    // A PATH with nothing on it: no `code`, no compiler, no ripgrep, no dpkg-query; code-server not installed yet.
    const { code, output } = await runStart({ PATH: emptyBin, OEWG_CODE_SERVER_DIR: codeServerDir, CI: 'false', HOME: emptyBin });
    assert.equal(code, 2, output);
    const check = output.indexOf('$ cd samples && oewg-cite check');
    const summary = output.search(/oewg-cite: 2 files checked/);
    const missing = output.indexOf('Cannot open the samples in VS Code here');
    assert.ok(check >= 0 && summary > check && missing > summary, output);
    assert.match(output, /there is no `code` command/);
    assert.match(output, /commands not found: rg, cc, make, python3, pkg-config\b/);
    assert.match(output, /Debian packages needed \(dpkg-query not found, so not checked\): build-essential, python3, pkg-config, libkrb5-dev, libsecret-1-dev, libx11-dev, libxkbfile-dev, ripgrep/);
    const command = output.split('\n').map((line) => line.trim()).find((line) => line.includes('apt-get install'));
    assert.match(command ?? '', /^(sudo )?apt-get update && (sudo )?apt-get install -y --no-install-recommends build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ripgrep( chromium)?$/, output);
    assert.doesNotMatch(output, /at .*\.mjs:\d+|install-code-server\.sh failed/, 'no stack trace, nothing from inside the installer');
    assert.deepEqual(fs.readdirSync(codeServerDir), [], 'nothing was installed');
  });

  it('--check-only stops after the check, exit 0, whatever is missing', async () => {
    const { code, output } = await runStart({ PATH: emptyBin, OEWG_CODE_SERVER_DIR: codeServerDir, CI: 'false', HOME: emptyBin }, ['--check-only']);
    assert.equal(code, 0, output);
    assert.match(output, /oewg-cite: 2 files checked/);
    assert.doesNotMatch(output, /Cannot open the samples/);
  });
});
