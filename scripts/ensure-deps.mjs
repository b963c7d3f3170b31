// Installs the project's npm dependencies when a fresh clone has none yet, so
// that `npm start` and `npm test` work as the first commands anyone runs.
// Plain Node only: this runs before anything is installed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

function upToDate() {
  if (!existsSync(marker)) return false;
  // npm rewrites node_modules/.package-lock.json on every install; an older
  // one means package-lock.json changed since (a pull brought new packages).
  return statSync(marker).mtimeMs >= statSync(lock).mtimeMs - 1000 || sameDependencies();
}

function sameDependencies() {
  const wanted = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(marker, 'utf8')).packages ?? {};
  // Optional packages for other platforms (esbuild's binaries) are never installed here.
  return Object.keys(wanted).every((key) => key === '' || wanted[key].optional || have[key]?.version === wanted[key].version);
}

if (!upToDate()) {
  console.log('oewg-cite: installing dependencies (npm ci) ...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
