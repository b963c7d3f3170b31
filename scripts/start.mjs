// `npm start`: try the extension on the sample workspace.
//  - with desktop VS Code (`code` on the PATH): opens samples/ with this
//    checkout as the extension under development;
//  - otherwise: prints what `oewg-cite check` finds in samples/, then serves
//    VS Code with code-server on 127.0.0.1 (installing it on first use) and
//    prints the address to open; Ctrl+C stops it. When code-server is not
//    installed yet and the machine lacks what installing it needs, says what
//    is missing and the one command that installs it (exit 2).
// `--check-only` (or CI=true) stops after the check, so CI can run it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheDir, codeServerDir, ensureCodeServer, freePort, makeSandbox, repoRoot, startCodeServer, stopOnExit, workbenchUrl,
} from './e2e/code-server.mjs';
import { codeServerInstalled, findCommand, installCommand, missingForCodeServer } from './e2e/prerequisites.mjs';

const samples = join(repoRoot, 'samples');
const checkOnly = process.argv.includes('--check-only') || process.env.CI === 'true';

function hasCommand(name) {
  return findCommand(name) !== undefined;
}

/**
 * Before installing code-server: when the machine lacks what that needs, says
 * exactly what and the one command that installs it, and exits 2.
 */
function checkPrerequisites() {
  if (process.env.CODE_SERVER ? existsSync(process.env.CODE_SERVER) : codeServerInstalled(codeServerDir)) return;
  const { commands, packages, checkedWithDpkg } = missingForCodeServer();
  if (packages.length === 0) return;
  const lines = [
    '',
    'Cannot open the samples in VS Code here: there is no `code` command (desktop VS Code), and code-server,',
    `which npm start installs on first use into ${codeServerDir}, needs what this machine lacks:`,
  ];
  if (commands.length > 0) lines.push(`  commands not found: ${commands.join(', ')}`);
  lines.push(`  Debian packages ${checkedWithDpkg ? 'not installed' : 'needed (dpkg-query not found, so not checked)'}: ${packages.join(', ')}`);
  lines.push('Install them with this one command, then run npm start again:', '', `  ${installCommand(packages)}`, '');
  lines.push('(Or install desktop VS Code so that `code` is on the PATH. `npm start -- --check-only` stops after the check.)');
  console.error(lines.join('\n'));
  process.exit(2);
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
  checkPrerequisites();
  await serveSamples();
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
