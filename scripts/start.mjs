// `npm start`: try the extension on the sample workspace.
//  - with desktop VS Code (`code` on the PATH): opens samples/ with this
//    checkout as the extension under development;
//  - otherwise: prints what `oewg-cite check` finds in samples/, then serves
//    VS Code with code-server on 127.0.0.1 (installing it on first use) and
//    prints the address to open; Ctrl+C stops it.
// `--check-only` (or CI=true) stops after the check, so CI can run it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheDir, ensureCodeServer, freePort, makeSandbox, repoRoot, startCodeServer, stopOnExit, workbenchUrl,
} from './e2e/code-server.mjs';

const samples = join(repoRoot, 'samples');
const checkOnly = process.argv.includes('--check-only') || process.env.CI === 'true';

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs the CLI on the samples; exit 0 (clean) and 1 (problems found) both mean the check worked. */
function checkSamples() {
  console.log('$ cd samples && oewg-cite check');
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check'], { cwd: samples, stdio: 'inherit' });
  if (result.status !== 0 && result.status !== 1) {
    console.error(`oewg-cite check failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

async function serveSamples() {
  ensureCodeServer();
  // settings and installed extensions survive between starts; HOME and TMPDIR do not
  const profile = join(cacheDir, 'start');
  mkdirSync(profile, { recursive: true });
  const sandbox = makeSandbox({ userDataDir: join(profile, 'user-data'), extensionsDir: join(profile, 'extensions') });
  stopOnExit(() => sandbox.remove());
  const port = Number(process.env.PORT) || await freePort();
  const server = await startCodeServer({ sandbox, port });
  const url = workbenchUrl(server, { folder: samples, developmentPaths: [repoRoot] });
  console.log(`\nVS Code (code-server) with oewg-cite is running. Open in a browser on this machine:\n\n  ${url}\n`);
  console.log('Try: hover a "para 12" in submissions/response-to-zero-draft.md, the Problems panel (Ctrl+Shift+M), "OEWG: Select Current Draft".');
  console.log('Press Ctrl+C to stop.');
  const exit = await server.exited;
  if (server.stopping) return; // Ctrl+C: the exit handlers finish the job
  console.error(`code-server stopped by itself (${exit}):\n${server.log()}`);
  process.exit(1);
}

async function main() {
  if (!checkOnly && hasCommand('code')) {
    console.log('Opening samples/ in VS Code with this checkout as the extension under development ...');
    const code = spawn('code', [samples, `--extensionDevelopmentPath=${repoRoot}`], { stdio: 'inherit' });
    code.on('exit', (status) => process.exit(status ?? 0));
    return;
  }
  checkSamples();
  if (checkOnly) return;
  await serveSamples();
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
