// Builds the bundles: the VS Code client (vscode stays external), the
// language server, the CLI and the worker both use to read PDF and Word
// drafts (each fully self-contained, so the .vsix ships
// no node_modules and `node dist/server.js --stdio` runs anywhere).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ES module build does not.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The worker thread that reads PDF and Word drafts for the server and the CLI (server/src/extraction/).
  { ...common, entryPoints: ['server/src/extraction/worker.ts'], outfile: 'dist/extractWorker.js' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
