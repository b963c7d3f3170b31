// What the language service may read, and how much of it.
//  - Only regular files: a device (/dev/zero, /dev/urandom), a FIFO or a
//    folder named as a draft is refused at once, never read.
//  - Size limits (settings, with defaults): a draft or text file on disk,
//    a PDF or Word file, and the XML a Word file inflates to.
//  - Trust: in an untrusted workspace (`trusted: false`, VS Code's workspace
//    trust), paths outside the workspace root (after resolving `..` and
//    symbolic links) are not read, nor are PDF and Word drafts (their readers
//    are large parsers of untrusted bytes). The CLI, run by the user on their
//    own files, is trusted.
import * as path from 'path';
import type { FileSystem, ReadOptions } from './workspace';

export interface ReadLimitSettings {
  /** Largest draft, reference or text file read, in MB (a PDF or Word file too). */
  maxDraftSizeMB?: number;
  /** Largest total of XML a Word (.docx) file may inflate to, in MB. */
  maxWordXmlMB?: number;
  /** False in an untrusted workspace: nothing outside the root, no PDF or Word. Default true. */
  trusted?: boolean;
}

export const DEFAULT_MAX_DRAFT_SIZE_MB = 50;
export const DEFAULT_MAX_WORD_XML_MB = 200;

export interface ReadLimits {
  maxFileBytes: number;
  maxWordXmlBytes: number;
}

const MB = 1024 * 1024;

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function readLimits(settings: ReadLimitSettings = {}): ReadLimits {
  return {
    maxFileBytes: Math.floor(positiveOr(settings.maxDraftSizeMB, DEFAULT_MAX_DRAFT_SIZE_MB) * MB),
    maxWordXmlBytes: Math.floor(positiveOr(settings.maxWordXmlMB, DEFAULT_MAX_WORD_XML_MB) * MB),
  };
}

export const DEFAULT_READ_LIMITS: ReadLimits = readLimits();

/** "12.3 MB", "40 kB", "100 bytes" */
export function megabytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} kB`;
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** How to raise the file size limit, said in every message about it. */
export const RAISE_FILE_LIMIT = 'raise it with the setting oewgCite.maxDraftSizeMB (CLI: --max-draft-size-mb)';
export const RAISE_WORD_XML_LIMIT = 'raise it with the setting oewgCite.maxWordXmlMB (CLI: --max-word-xml-mb)';

export function tooLargeMessage(file: string, size: number, limit: number): string {
  return `${file} is ${megabytes(size)}, over the limit of ${megabytes(limit)} per draft or text file: not read (${RAISE_FILE_LIMIT})`;
}

export function notRegularMessage(file: string, kind: string): string {
  return `${file} is not a regular file (${kind}): not read`;
}

export const OUTSIDE_UNTRUSTED = 'outside the workspace: read only in a trusted workspace';
export const EXTRACTED_UNTRUSTED = 'PDF and Word drafts are read only in a trusted workspace';

function isPdfOrWord(file: string): boolean {
  return /\.(pdf|docx)$/i.test(file);
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Why `file` may not be read under `settings` in the workspace at `root`, or undefined when it may. */
export function refusal(base: FileSystem, root: string, file: string, settings: ReadLimitSettings): string | undefined {
  if (settings.trusted !== false) return undefined;
  const real = base.realPath?.(file) ?? path.resolve(file);
  const realRoot = base.realPath?.(root) ?? path.resolve(root);
  if (!inside(realRoot, real)) return `${file} is ${OUTSIDE_UNTRUSTED}`;
  if (isPdfOrWord(file)) return `cannot read ${file}: ${EXTRACTED_UNTRUSTED}`;
  return undefined;
}

/**
 * The file system as the language service sees it: `base` with the trust
 * rule and the size limit of `settings()` (read at each call, so a change of
 * settings applies at once).
 */
export function guardedFileSystem(base: FileSystem, root: string, settings: () => ReadLimitSettings): FileSystem {
  const refused = new Map<string, string>();
  return {
    readFile(file: string, options?: ReadOptions): string | undefined {
      const current = settings();
      const why = refusal(base, root, file, current);
      if (why) {
        refused.set(file, why);
        return undefined;
      }
      refused.delete(file);
      return base.readFile(file, { maxBytes: Math.min(options?.maxBytes ?? Infinity, readLimits(current).maxFileBytes) });
    },
    readError: (file) => refused.get(file) ?? base.readError?.(file),
    findFiles: (searchRoot, globs) => base.findFiles(searchRoot, globs),
    realPath: base.realPath ? (file) => base.realPath!(file) : undefined,
  };
}
