// What code-server needs from the machine before it can be installed (its
// native modules are built with Debian's compilers and libraries) and run
// (Debian's ripgrep and, for the browser checks, Chromium). Used by
// `npm start` to say exactly what is missing and the one command that
// installs it, instead of failing inside the installer.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// install-code-server.sh is where the packages and the version are written down; read them from it.
const installer = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'install-code-server.sh'), 'utf8');
/** The Debian packages code-server needs, as install-code-server.sh --print-apt-packages prints them. */
export const APT_PACKAGES = /^APT_PACKAGES="([^"]+)"/m.exec(installer)[1].split(/\s+/);
/** The code-server version install-code-server.sh installs. */
export const CODE_SERVER_VERSION = /^CODE_SERVER_VERSION=(\S+)/m.exec(installer)[1];

/** A command the installer runs, and the Debian package that provides it. */
const COMMANDS = [
  ['rg', 'ripgrep'],
  ['cc', 'build-essential'],
  ['make', 'build-essential'],
  ['python3', 'python3'],
  ['pkg-config', 'pkg-config'],
  ['/usr/bin/chromium', 'chromium'],
];

/** The full path of `name` on `env.PATH` (or `name` itself when absolute and executable), or undefined. */
export function findCommand(name, env = process.env) {
  const executable = (file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (isAbsolute(name)) return executable(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

/**
 * What is missing for code-server: the commands not found, and the Debian
 * packages to install. Packages are asked of dpkg-query when it exists; without
 * it (not Debian, or a stripped PATH) the packages of the missing commands and
 * every library package are listed, since they cannot be checked.
 */
export function missingForCodeServer(env = process.env) {
  const commands = COMMANDS.filter(([name]) => !findCommand(name, env)).map(([name]) => name);
  const packages = new Set(COMMANDS.filter(([name]) => commands.includes(name)).map(([, pkg]) => pkg));
  const dpkgQuery = findCommand('dpkg-query', env);
  for (const pkg of APT_PACKAGES) {
    if (packages.has(pkg)) continue;
    if (dpkgQuery) {
      const status = spawnSync(dpkgQuery, ['-W', '-f=${Status}', pkg], { encoding: 'utf8', env });
      if (status.status !== 0 || !status.stdout.includes('install ok installed')) packages.add(pkg);
    } else if (pkg.startsWith('lib')) {
      packages.add(pkg);
    }
  }
  return {
    commands,
    packages: APT_PACKAGES.filter((pkg) => packages.has(pkg)),
    checkedWithDpkg: dpkgQuery !== undefined,
  };
}

/** The one command that installs `packages` (with sudo unless run as root). */
export function installCommand(packages) {
  const sudo = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** Whether code-server is already installed in `dir` (the installer's marker file is there). */
export function codeServerInstalled(dir, version = CODE_SERVER_VERSION) {
  return existsSync(join(dir, `.installed-${version}`)) && existsSync(join(dir, 'node_modules', '.bin', 'code-server'));
}
