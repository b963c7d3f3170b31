// `npm run test:e2e`: the extension in a real VS Code.
//  1. the mocha suites of test/e2e/suite/ run inside the extension host, one
//     window per workspace (a copy of samples/, and a workspace built from the
//     real corpus), through @vscode/test-electron's runTests;
//  2. the packaged .vsix is installed into a fresh code-server and a person's
//     hover is checked in the browser;
//  3. the browser checks of screenshots.mjs (hover, problems, completion).
// By default VS Code is code-server driven by headless Chromium (see
// code-shim.mjs). OEWG_E2E_VSCODE=download lets runTests download desktop VS
// Code instead, OEWG_E2E_VSCODE=/path/to/code uses that one; both run only the
// extension-host suites, the browser checks need code-server.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ensureCodeServer, repoRoot } from './code-server.mjs';
import { checkPackagedHover } from './packaged.mjs';
import { takeScreenshots } from './screenshots.mjs';
import { packageExtension } from '../package.mjs';

const suiteSource = join(repoRoot, 'test', 'e2e', 'suite');
const suiteOutput = join(repoRoot, 'out', 'e2e', 'suite');
const shim = join(repoRoot, 'scripts', 'e2e', 'code-shim.mjs');
const sharedDir = process.env.OEWG_SHARED ?? join(repoRoot, '..', 'shared');
const corpusDir = join(sharedDir, 'corpus');
const CORPUS_FILES = ['zero-draft-2021.txt', 'gpd-response-to-pre-draft-2020-03.md'];

/**
 * Why the real-corpus stage cannot run here, or undefined. Without ../shared
 * (a fresh clone) that stage is pending; OEWG_REQUIRE_CORPUS=1 (set by
 * .ci/run) makes a missing corpus an error.
 */
function corpusMissing() {
  const missing = CORPUS_FILES.map((name) => join(corpusDir, name)).find((file) => !existsSync(file));
  return missing && `${missing} not found (put ../shared beside the checkout or set OEWG_SHARED=/path/to/shared; OEWG_REQUIRE_CORPUS=1 makes this an error)`;
}

/** Bundles each test file on its own (mocha loads them one by one); vscode and mocha come from the host. */
async function buildSuite() {
  rmSync(suiteOutput, { recursive: true, force: true });
  const entryPoints = [join(suiteSource, 'index.ts')];
  for (const folder of readdirSync(suiteSource, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(suiteSource, folder.name)).filter((name) => name.endsWith('.test.ts'))) {
      entryPoints.push(join(suiteSource, folder.name, file));
    }
  }
  await esbuild.build({
    entryPoints,
    outdir: suiteOutput,
    outbase: suiteSource,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    // jsonc-parser's UMD build requires its own files at run time: take its ES module build
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
}

/** Workspaces are copies in a temporary folder: the tests rewrite drafts on disk. */
function makeWorkspaces(root) {
  const samples = join(root, 'samples');
  cpSync(join(repoRoot, 'samples'), samples, { recursive: true });

  // Built from ../shared/corpus at test time: the real texts never enter the repository.
  if (corpusMissing()) return { samples, corpus: undefined };
  const corpus = join(root, 'corpus');
  mkdirSync(join(corpus, 'drafts'), { recursive: true });
  cpSync(join(corpusDir, 'zero-draft-2021.txt'), join(corpus, 'drafts', 'zero-draft-2021.txt'));
  cpSync(join(corpusDir, 'gpd-response-to-pre-draft-2020-03.md'), join(corpus, 'gpd-response-to-pre-draft-2020-03.md'));
  writeFileSync(join(corpus, 'oewg-cite.json'), JSON.stringify({
    drafts: [
      { id: 'pre-draft', label: 'Pre-draft' },
      { id: 'zero-draft', label: 'Zero Draft', path: 'drafts/zero-draft-2021.txt' },
    ],
    current: 'zero-draft',
  }, null, 2));
  return { samples, corpus };
}

/**
 * The sample Zero Draft published as a PDF at test time (test/support/publishedDrafts.ts,
 * bundled here), found under drafts/ without configuration beside the sample First Draft.
 */
async function makePublishedWorkspace(root) {
  const helper = join(repoRoot, 'out', 'e2e', 'publishedDrafts.cjs');
  await esbuild.build({ entryPoints: [join(repoRoot, 'test', 'support', 'publishedDrafts.ts')], outfile: helper, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const { samplePdf } = createRequire(import.meta.url)(helper);
  const published = join(root, 'published');
  mkdirSync(join(published, 'drafts'), { recursive: true });
  const { bytes } = await samplePdf(readFileSync(join(repoRoot, 'samples', 'drafts', 'zero-draft.txt'), 'utf8'));
  writeFileSync(join(published, 'drafts', 'zero-draft.pdf'), bytes);
  cpSync(join(repoRoot, 'samples', 'drafts', 'first-draft.md'), join(published, 'drafts', 'first-draft.md'));
  writeFileSync(join(published, 'notes-on-zero-draft.md'), 'We welcome para 17 of the Zero Draft and its call for common understandings.\n');
  return published;
}

function vscodeToUse() {
  const choice = process.env.OEWG_E2E_VSCODE;
  if (!choice) return { executable: shim, browserChecks: true };
  if (choice === 'download') return { executable: undefined, browserChecks: false };
  return { executable: choice, browserChecks: false };
}

async function runSuite(name, workspace, scratch, executable) {
  const profile = join(scratch, `profile-${name}`);
  await runTests({
    vscodeExecutablePath: executable,
    version: process.env.OEWG_E2E_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(suiteOutput, 'index.js'),
    extensionTestsEnv: { OEWG_E2E_SUITE: name, OEWG_E2E_WORKSPACE: workspace },
    launchArgs: [workspace, `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`],
  });
}

async function main() {
  const vscode = vscodeToUse();
  const stages = [];
  const stage = (name, action, pending) => stages.push({ name, action, pending });
  if (vscode.executable === shim) stage('install code-server (cached)', async () => ensureCodeServer());
  stage('bundle the e2e suite', buildSuite);
  const setupStages = stages.length;
  const scratch = mkdtempSync(join(tmpdir(), 'oewg-cite-e2e-'));
  const workspaces = makeWorkspaces(scratch);
  stage('suite: samples workspace', () => runSuite('samples', workspaces.samples, scratch, vscode.executable));
  const missing = corpusMissing();
  if (missing && process.env.OEWG_REQUIRE_CORPUS === '1') {
    stage('suite: real corpus workspace', () => { throw new Error(`corpus missing: ${missing}`); });
  } else {
    stage('suite: real corpus workspace', () => runSuite('corpus', workspaces.corpus, scratch, vscode.executable), missing && `corpus missing: ${missing}`);
  }
  stage('suite: PDF draft workspace (published)', async () => runSuite('published', await makePublishedWorkspace(scratch), scratch, vscode.executable));
  if (vscode.browserChecks) {
    let vsix;
    stage('package the .vsix', async () => { vsix = await packageExtension(); });
    stage('packaged .vsix: activates and hovers', () => checkPackagedHover(vsix));
    stage('browser: hover, problems, completion', () => takeScreenshots({ outputDir: join(repoRoot, '.vscode-test', 'screenshots') }));
  }

  // `node scripts/e2e/run.mjs corpus` runs only the stages whose name contains "corpus" (after install and bundle)
  const only = process.argv.slice(2);
  const selected = stages.filter(({ name }, index) => index < setupStages || only.length === 0 || only.some((word) => name.includes(word)));
  const results = [];
  for (const { name, action, pending } of selected) {
    const started = Date.now();
    console.log(`\n=== ${name}`);
    if (pending) {
      console.log(`pending: ${pending}`);
      results.push({ name, seconds: 0, pending });
      continue;
    }
    let error;
    try {
      await action();
    } catch (caught) {
      error = caught;
      console.error(`FAILED: ${caught?.stack ?? caught}`);
    }
    results.push({ name, seconds: (Date.now() - started) / 1000, error });
    // nothing after a failed install or build can run
    if (error && results.length <= setupStages) break;
  }
  rmSync(scratch, { recursive: true, force: true });

  console.log('\n=== e2e summary');
  for (const { name, seconds, error, pending } of results) {
    console.log(`${error ? 'FAIL' : pending ? 'pend' : 'ok  '} ${seconds.toFixed(1).padStart(6)} s  ${name}${pending ? ` (pending: ${pending.split(':')[0]})` : ''}`);
  }
  const failed = results.some((result) => result.error) || results.length < selected.length;
  if (!vscode.browserChecks) console.log(`(browser checks skipped: they run on code-server, OEWG_E2E_VSCODE=${process.env.OEWG_E2E_VSCODE})`);
  console.log(failed ? 'e2e: FAILED' : 'e2e: passed');
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
