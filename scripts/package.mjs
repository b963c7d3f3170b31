// `npm run package`: the .vsix, made offline with @vscode/vsce. Everything the
// extension runs is bundled in dist/ (see esbuild.mjs), so no node_modules go
// in; .vscodeignore keeps the package to dist/, the grammar, the snippets and
// the schemas.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return join(repoRoot, '.vscode-test', `${name}-${version}.vsix`);
}

/** Packages the extension (dist/ must be built) and returns the .vsix path. */
export function packageExtension() {
  for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/extractWorker.js']) {
    if (!existsSync(join(repoRoot, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  }
  const out = vsixPath();
  mkdirSync(join(out, '..'), { recursive: true });
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out];
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((name) => existsSync(join(repoRoot, name)))) args.push('--skip-license');
  const result = spawnSync(process.execPath, [vsce, ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  process.stdout.write(result.stdout);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const out = packageExtension();
    console.log(`packaged ${relative(process.cwd(), out)}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
