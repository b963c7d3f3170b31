#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests
// launches (`vscodeExecutablePath`): it reads the same command line
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
// --extensions-dir=, a folder), serves VS Code with code-server, opens it in a
// headless Chromium, relays the suite's output and exits with its exit code.
import { format } from 'node:util';
import {
  deadline, launchChromium, makeSandbox, startCodeServer, workbenchUrl,
} from './code-server.mjs';

function parseCommandLine(argv) {
  const options = { developmentPaths: [], folder: undefined };
  for (const arg of argv) {
    const option = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!option) {
      options.folder ??= arg;
      continue;
    }
    const [, name, value] = option;
    if (name === 'extensionDevelopmentPath') options.developmentPaths.push(value);
    else if (name === 'extensionTestsPath') options.testsPath = value;
    else if (name === 'user-data-dir') options.userDataDir = value;
    else if (name === 'extensions-dir') options.extensionsDir = value;
    // the rest (--no-sandbox, --disable-updates, ...) are for Electron and have no meaning here
  }
  return options;
}

async function main() {
  const options = parseCommandLine(process.argv.slice(2));
  if (!options.testsPath) throw new Error('code-shim runs extension tests: --extensionTestsPath= is required');
  const sandbox = makeSandbox({ userDataDir: options.userDataDir, extensionsDir: options.extensionsDir });
  const server = await startCodeServer({ sandbox });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const finished = new Promise((resolve) => { finish = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      (type === 'error' ? console.error : console.log)(format(...args));
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    if (process.env.CODE_SHIM_VERBOSE) {
      page.on('console', (message) => console.error(`[browser ${message.type()}] ${message.text()}`));
    }
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(workbenchUrl(server, options));
    const timeoutMs = Number(process.env.CODE_SHIM_TIMEOUT_MS || 300_000);
    const code = await Promise.race([
      finished,
      server.exited.then((exit) => { throw new Error(`code-server exited (${exit}) during the tests:\n${server.log()}`); }),
      deadline(timeoutMs, 'the extension tests did not finish'),
    ]);
    if (code !== 0 && process.env.CODE_SHIM_VERBOSE) console.error(server.log());
    return code;
  } finally {
    await browser.close();
    await server.stop();
    sandbox.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`code-shim: ${error.stack ?? error}`);
    process.exit(1);
  },
);
