// File access behind a small interface, so the language service runs the same
// on disk (server, CLI) and in memory (tests).
import * as fs from 'fs';
import * as path from 'path';
import { BoundedCache } from './cache';
import picomatch from 'picomatch';
import { DEFAULT_READ_LIMITS, notRegularMessage, tooLargeMessage } from './readPolicy';

export interface ReadOptions {
  /** A larger file is not read (readError says why). */
  maxBytes?: number;
}

export interface FileSystem {
  /**
   * The file's text, or undefined when it cannot be read. Only regular files
   * are read (never a device, a FIFO or a folder), and none larger than
   * `options.maxBytes` (default: the default per-draft limit).
   */
  readFile(file: string, options?: ReadOptions): string | undefined;
  /** Why readFile gave undefined, when there is more to say than "cannot read" (a damaged PDF draft, a device). */
  readError?(file: string): string | undefined;
  /** Files under `root` (absolute paths) whose path relative to root matches one of the globs. */
  findFiles(root: string, globs: readonly string[]): string[];
  /** The path with `..` and symbolic links resolved (as far as it exists). */
  realPath?(file: string): string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test', 'out', 'dist']);
/** Walking stops here: a workspace of submissions is never this large, a home folder might be. */
const MAX_FILES_WALKED = 20000;

/** The text without a leading byte-order mark, as editors show it (so offsets agree with theirs). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What a stat says a path is, for a message: "a folder", "a device", "a FIFO". */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'not a plain file';
}

/**
 * Reads a regular file of at most `maxBytes`, or says why not. Opened without
 * blocking (a FIFO with no writer would wait forever) and checked on the open
 * file itself, so what is read is what was checked.
 */
export function readRegularFile(file: string, maxBytes: number): { data: Buffer } | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { error: notRegularMessage(file, 'a folder') };
    return { error: code === 'ENOENT' ? `cannot read ${file}: no such file` : `cannot read ${file} (${code ?? (error as Error).message})` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: notRegularMessage(file, kindOf(stat)) };
    if (stat.size > maxBytes) return { error: tooLargeMessage(file, stat.size, maxBytes) };
    // Read what is there, but never more than the limit (the file may grow meanwhile).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The size stat gave plus one (to see the end), at least 64 kB (files under /proc say 0), never past the limit.
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total + 1, 1 << 16), maxBytes + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { error: tooLargeMessage(file, total, maxBytes) };
    }
    return { data: Buffer.concat(chunks, total) };
  } catch (error) {
    return { error: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    fs.closeSync(fd);
  }
}

/** A NUL byte in the first few kilobytes: a binary file, not a text draft. */
function looksBinary(data: Buffer): boolean {
  return data.subarray(0, 8192).includes(0);
}

export class DiskFileSystem implements FileSystem {
  private readonly errors = new Map<string, string>();

  readFile(file: string, options: ReadOptions = {}): string | undefined {
    const result = readRegularFile(file, options.maxBytes ?? DEFAULT_READ_LIMITS.maxFileBytes);
    if ('error' in result) {
      this.errors.set(file, result.error);
      return undefined;
    }
    if (looksBinary(result.data)) {
      this.errors.set(file, `${file} is a binary file (it has NUL bytes), not a text draft: not read`);
      return undefined;
    }
    this.errors.delete(file);
    return stripBom(result.data.toString('utf8'));
  }

  readError(file: string): string | undefined {
    return this.errors.get(file);
  }

  realPath(file: string): string {
    // The longest part of the path that exists, resolved; the rest appended.
    let head = path.resolve(file);
    const rest: string[] = [];
    for (;;) {
      try {
        return path.join(fs.realpathSync(head), ...rest);
      } catch {
        const parent = path.dirname(head);
        if (parent === head) return path.resolve(file);
        rest.unshift(path.basename(head));
        head = parent;
      }
    }
  }

  findFiles(root: string, globs: readonly string[]): string[] {
    const matches = globMatcher(globs);
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

  private readonly errors = new Map<string, string>();

  readFile(file: string, options: ReadOptions = {}): string | undefined {
    const text = this.files.get(file);
    const maxBytes = options.maxBytes ?? DEFAULT_READ_LIMITS.maxFileBytes;
    if (text !== undefined && text.length > maxBytes / 3 && Buffer.byteLength(text) > maxBytes) {
      this.errors.set(file, tooLargeMessage(file, Buffer.byteLength(text), maxBytes));
      return undefined;
    }
    this.errors.delete(file);
    return text;
  }

  readError(file: string): string | undefined {
    return this.errors.get(file);
  }

  realPath(file: string): string {
    return path.resolve(file);
  }

  findFiles(root: string, globs: readonly string[]): string[] {
    const matches = globMatcher(globs);
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
  return globMatcher(globs)(relative);
}

/** A matcher of relative '/'-separated paths; an empty glob (picomatch throws on one) matches nothing. */
function globMatcher(globs: readonly string[]): (relative: string) => boolean {
  // Asked on every request (is this file a submission?): each list of globs is compiled once.
  const key = globs.join('\u0000');
  return compiledGlobs.getOrCompute(key, () => {
    const given = globs.filter((glob) => glob !== '');
    return given.length ? picomatch(given, { dot: false }) : () => false;
  });
}

const compiledGlobs = new BoundedCache<string, (relative: string) => boolean>(100);
