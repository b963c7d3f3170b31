// File access behind a small interface, so the language service runs the same
// on disk (server, CLI) and in memory (tests).
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';

export interface FileSystem {
  /** The file's text, or undefined when it cannot be read. */
  readFile(file: string): string | undefined;
  /** Why readFile gave undefined, when there is more to say than "cannot read" (a damaged PDF draft). */
  readError?(file: string): string | undefined;
  /** Files under `root` (absolute paths) whose path relative to root matches one of the globs. */
  findFiles(root: string, globs: readonly string[]): string[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);
/** Walking stops here: a workspace of submissions is never this large, a home folder might be. */
const MAX_FILES_WALKED = 20000;

/** The text without a leading byte-order mark, as editors show it (so offsets agree with theirs). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class DiskFileSystem implements FileSystem {
  readFile(file: string): string | undefined {
    try {
      return stripBom(fs.readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
  }

  findFiles(root: string, globs: readonly string[]): string[] {
    const matches = picomatch(globs as string[], { dot: false });
    const found: string[] = [];
    let walked = 0;
    const walk = (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (walked++ > MAX_FILES_WALKED) return;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
        } else if (entry.isFile() && matches(toPosix(path.relative(root, full)))) {
          found.push(full);
        }
      }
    };
    walk(root);
    return found;
  }
}

/** The in-memory twin used by tests: paths are absolute, '/'-separated. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(files)) this.files.set(file, text);
  }

  readFile(file: string): string | undefined {
    return this.files.get(file);
  }

  findFiles(root: string, globs: readonly string[]): string[] {
    const matches = picomatch(globs as string[]);
    return [...this.files.keys()]
      .filter((file) => file.startsWith(root.endsWith('/') ? root : `${root}/`) && matches(toPosix(path.relative(root, file))))
      .sort();
  }
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** True when `file` (absolute) matches one of the globs relative to root. */
export function matchesGlobs(root: string, file: string, globs: readonly string[]): boolean {
  const relative = toPosix(path.relative(root, file));
  if (relative.startsWith('..')) return false;
  return picomatch(globs as string[], { dot: false })(relative);
}
