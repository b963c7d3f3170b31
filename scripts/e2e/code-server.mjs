// A real VS Code, headless: code-server (VS Code 1.100.3 served to a browser)
// on 127.0.0.1 and Debian's Chromium driven by playwright-core. Shared by the
// stand-in executable for @vscode/test-electron, the screenshots, the
// packaged-extension check and `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.vscode-test');
const installScript = join(repoRoot, 'scripts', 'e2e', 'install-code-server.sh');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Without these the welcome page, tips and update checks steal keyboard focus
// or reach for the network.
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

/** Where code-server is installed on first use; OEWG_CODE_SERVER_DIR overrides. */
export const codeServerDir = process.env.OEWG_CODE_SERVER_DIR || join(cacheDir, 'code-server');

export function codeServerBinary() {
  return process.env.CODE_SERVER || join(codeServerDir, 'node_modules', '.bin', 'code-server');
}

/** Installs code-server into .vscode-test/ on first use (the script skips when it is there). */
export function ensureCodeServer() {
  if (process.env.CODE_SERVER) return;
  const result = spawnSync(installScript, [codeServerDir], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${installScript} failed (exit ${result.status})`);
}

export function ensureChromium() {
  if (!existsSync(chromiumPath)) {
    const packages = spawnSync(installScript, ['--print-apt-packages'], { encoding: 'utf8' }).stdout.trim();
    throw new Error(`no Chromium at ${chromiumPath}: apt-get update && apt-get install -y ${packages}`);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away HOME for code-server and Chromium (both write into it), with
 * user data and extensions folders unless given.
 */
export function makeSandbox({ userDataDir, extensionsDir } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'oewg-cite-vscode-'));
  const sandbox = {
    root,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    userDataDir: userDataDir ?? join(root, 'user-data'),
    extensionsDir: extensionsDir ?? join(root, 'extensions'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  // a missing extensions folder makes code-server silently skip the development extension
  for (const dir of [sandbox.home, sandbox.tmp, sandbox.userDataDir, sandbox.extensionsDir]) mkdirSync(dir, { recursive: true });
  writeUserSettings(sandbox.userDataDir);
  return sandbox;
}

function writeUserSettings(userDataDir) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8') || '{}') : {};
  writeFileSync(file, JSON.stringify({ ...userSettings, ...existing }, null, 2));
}

export function sandboxEnv(sandbox, extra = {}) {
  return {
    ...process.env,
    HOME: sandbox.home,
    XDG_CONFIG_HOME: join(sandbox.home, '.config'),
    XDG_DATA_HOME: join(sandbox.home, '.local', 'share'),
    XDG_CACHE_HOME: join(sandbox.home, '.cache'),
    TMPDIR: sandbox.tmp,
    ...extra,
  };
}

/**
 * Starts code-server in its own process group (so stopping it also stops the
 * extension host it forks) and resolves once /healthz answers.
 */
export async function startCodeServer({ sandbox, env = {}, port, quiet = true }) {
  port ??= await freePort();
  const args = ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir];
  const child = spawn(codeServerBinary(), args, {
    env: sandboxEnv(sandbox, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const keep = (chunk) => {
    log += chunk;
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const server = {
    port,
    origin: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    exited,
    log: () => log,
    /** True once stop() was called: an exit after that is no failure. */
    stopping: false,
    stop: () => {
      server.stopping = true;
      return stopProcessGroup(child);
    },
  };
  stopOnExit(server.stop);
  await waitForHealth(server, child);
  return server;
}

async function waitForHealth(server, child) {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${await server.exited}) before answering:\n${server.log()}`);
    }
    try {
      const response = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet: ask again
    }
    if (Date.now() > giveUpAt) throw new Error(`code-server did not answer /healthz within 60 s:\n${server.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return Promise.resolve();
  }
  const force = setTimeout(() => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }, 5000);
  return gone.finally(() => clearTimeout(force));
}

const cleanups = new Set();
let exitHandlersInstalled = false;

/**
 * Runs `stop` when this process exits for any reason it can observe; on
 * Ctrl+C or SIGTERM it waits for every stop before exiting.
 */
export function stopOnExit(stop) {
  cleanups.add(stop);
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      await Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  // last resort, synchronous: kill whatever is still running
  process.once('exit', () => {
    for (const cleanup of cleanups) {
      try { cleanup(); } catch { /* exiting anyway */ }
    }
  });
}

export async function launchChromium() {
  ensureChromium();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  stopOnExit(() => browser.close().catch(() => {}));
  return browser;
}

/**
 * The workbench URL: code-server refuses --extensionDevelopmentPath and
 * --extensionTestsPath on its command line, so they travel in the page's
 * payload as remote URIs whose authority is the page's own host.
 */
export function workbenchUrl(server, { folder, developmentPaths = [], testsPath } = {}) {
  const remote = (path) => `vscode-remote://${server.authority}${path}`;
  const payload = developmentPaths.map((path) => ['extensionDevelopmentPath', remote(path)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
  if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.origin}/${query.length ? `?${query.join('&')}` : ''}`;
}

/** Installs a .vsix into the sandbox's extensions folder with code-server's own CLI. */
export function installVsix(sandbox, vsix) {
  const result = spawnSync(codeServerBinary(), ['--extensions-dir', sandbox.extensionsDir,
    '--user-data-dir', sandbox.userDataDir, '--install-extension', vsix], {
    env: sandboxEnv(sandbox), encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout.trim();
}

/** A promise that rejects after `ms`; already marked handled, so losing a race is silent. */
export function deadline(ms, message) {
  const promise = new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`${message} (after ${ms / 1000} s)`)), ms);
    timer.unref();
  });
  promise.catch(() => {});
  return promise;
}
