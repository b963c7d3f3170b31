// Drafts as the UN publishes them, PDF and Word, read through the same
// synchronous FileSystem as text drafts. Extraction is asynchronous, the
// language service is not: the server and the CLI fill an ExtractionCache
// first (`refreshExtractedDrafts`, at start and whenever a draft file
// changes), and `withExtractedDrafts` then answers readFile for a .pdf or
// .docx with its extracted text — the text that offsets, ranges and the
// read-only view of the draft refer to.
import * as fs from 'fs';
import * as path from 'path';
import { parseDraft } from './draftParser';
import { pdfLooksTruncated, PdfReadError, pdfToText } from './pdfText';
import { DEFAULT_READ_LIMITS, notRegularMessage, ReadLimits, ReadLimitSettings, readLimits } from './readPolicy';
import { readRegularFile, type FileSystem } from './workspace';
import { docxToText, WordReadError } from './wordText';

const EXTRACTORS: Record<string, { kind: string; extract(data: Uint8Array, limits: ReadLimits): Promise<string> }> = {
  '.pdf': { kind: 'PDF', extract: (data) => pdfToText(data) },
  '.docx': { kind: 'Word', extract: (data, limits) => docxToText(data, { maxXmlBytes: limits.maxWordXmlBytes }) },
};

/** File name endings of the drafts whose text is extracted (the others are read as text). */
export const EXTRACTED_DRAFT_EXTENSIONS = Object.keys(EXTRACTORS);

export function isExtractedDraft(file: string): boolean {
  return path.extname(file).toLowerCase() in EXTRACTORS;
}

/** The text of a PDF or Word draft and what to tell about it; throws an Error whose message says why it cannot be read. */
export async function extractDraftText(file: string, data: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<{ text: string; warnings: string[] }> {
  const extractor = EXTRACTORS[path.extname(file).toLowerCase()];
  if (!extractor) throw new Error(`${path.basename(file)} is neither a PDF nor a Word (.docx) file`);
  try {
    const text = await extractor.extract(data, limits);
    return { text, warnings: [...(extractor.kind === 'PDF' && pdfLooksTruncated(data) ? [`${path.basename(file)} seems truncated (it does not end with %%EOF): pages may be missing`] : []), ...extractionWarnings(file, text)] };
  } catch (error) {
    // The readers' own errors are written for the user; anything else is a library failing on odd input.
    const message = String((error as { message?: string })?.message ?? error);
    throw new Error(error instanceof PdfReadError || error instanceof WordReadError ? message : `the ${extractor.kind} reader failed (${message})`);
  }
}

/** What can be said about a draft file after reading it: its text or why there is none, and what to watch out for. */
export interface Extraction {
  text?: string;
  /** "cannot read drafts/zero.pdf: the PDF is damaged or truncated (…)". */
  error?: string;
  /** Readable but odd: "no numbered paragraphs found …". */
  warnings: string[];
}

/** Where the cache gets a file's bytes and a stamp that changes when the file does. */
export interface ExtractionSource {
  /** Undefined when the file is not there or not a regular file. */
  stamp(file: string): string | undefined;
  /** The bytes of a regular file of at most `maxBytes`; throws an Error saying why not. */
  read(file: string, maxBytes: number): Promise<Uint8Array>;
  /** Why `stamp` gave undefined, when there is more to say than "cannot read" (a device, a FIFO). */
  problem?(file: string): string | undefined;
}

export const DISK_SOURCE: ExtractionSource = {
  stamp(file) {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
    } catch {
      return undefined;
    }
  },
  async read(file, maxBytes) {
    const result = readRegularFile(file, maxBytes);
    if ('error' in result) throw new Error(result.error);
    return result.data;
  },
  problem(file) {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() ? undefined : notRegularMessage(file, stat.isDirectory() ? 'a folder' : 'a device, a FIFO or a socket');
    } catch {
      return undefined;
    }
  },
};

export class ExtractionCache {
  private readonly entries = new Map<string, Extraction & { stamp: string }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(private readonly source: ExtractionSource = DISK_SOURCE) {}

  /** The extraction of `file`, once `refresh` has read it. */
  get(file: string): Extraction | undefined {
    return this.entries.get(path.resolve(file));
  }

  /**
   * Reads `file` again when it changed since the last read (or was never
   * read, or the limits changed); true when what is known of it changed.
   */
  refresh(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<boolean> {
    const key = path.resolve(file);
    const fileStamp = this.source.stamp(key);
    const known = this.entries.get(key);
    if (fileStamp === undefined) {
      // Gone (or never there, or a device or a FIFO, which is never read): said as for any draft file that cannot be read.
      const error = this.source.problem?.(key) ?? `cannot read ${key}`;
      const changed = known?.stamp !== '' || known.error !== error;
      this.entries.set(key, { error, warnings: [], stamp: '' });
      return Promise.resolve(changed);
    }
    const stamp = `${fileStamp}:${limits.maxFileBytes}:${limits.maxWordXmlBytes}`;
    if (known?.stamp === stamp) return Promise.resolve(false);
    const inFlight = this.pending.get(`${key}\n${stamp}`);
    if (inFlight) return inFlight;
    const reading = this.read(key, stamp, limits).finally(() => this.pending.delete(`${key}\n${stamp}`));
    this.pending.set(`${key}\n${stamp}`, reading);
    return reading;
  }

  private async read(file: string, stamp: string, limits: ReadLimits): Promise<boolean> {
    const previous = this.entries.get(file);
    let entry: Extraction & { stamp: string } = { warnings: [], stamp };
    let data: Uint8Array | undefined;
    try {
      data = await this.source.read(file, limits.maxFileBytes);
    } catch (error) {
      // The file itself could not be read: the message names it already ("… is not a regular file", "… is over the limit").
      const message = String((error as { message?: string })?.message ?? error);
      entry = { error: message.includes(file) ? message : `cannot read ${file}: ${message}`, warnings: [], stamp };
    }
    if (data !== undefined) {
      try {
        entry = { ...(await extractDraftText(file, data, limits)), stamp };
      } catch (error) {
        entry = { error: `cannot read ${file}: ${String((error as { message?: string })?.message ?? error)}`, warnings: [], stamp };
      }
    }
    this.entries.set(file, entry);
    return previous?.text !== entry.text || previous?.error !== entry.error;
  }
}

/** What to tell about a readable PDF or Word draft: a file with no numbered paragraph is most likely misread. */
function extractionWarnings(file: string, text: string): string[] {
  if (parseDraft(text).paragraphs.length > 0) return [];
  const name = path.basename(file);
  return [
    path.extname(file).toLowerCase() === '.docx'
      ? `no numbered paragraphs found in ${name}: the draft's numbers may be Word fields or a list numbering this reader does not follow; a .txt export of the draft reads reliably`
      : `no numbered paragraphs found in the text of ${name}: check its read-only text view, or use a Word or .txt version of the draft`,
  ];
}

/** A FileSystem whose readFile answers a .pdf or .docx with its extracted text (undefined until it is extracted, or when it cannot be). */
export function withExtractedDrafts(base: FileSystem, cache: ExtractionCache): FileSystem {
  return {
    readFile: (file, options) => (isExtractedDraft(file) ? cache.get(file)?.text : base.readFile(file, options)),
    readError(file) {
      if (!isExtractedDraft(file)) return base.readError?.(file);
      const entry = cache.get(file);
      return entry ? entry.error : `${file} is still being read`;
    },
    findFiles: (root, globs) => base.findFiles(root, globs),
    realPath: base.realPath ? (file) => base.realPath!(file) : undefined,
  };
}

/** The part of the language service this needs. */
interface DraftOwner {
  drafts(): Array<{ path?: string }>;
  /** Reference documents (a GGE report as the UN publishes it) are read the same way. */
  referenceFiles?(): string[];
  fileChanged(file: string): void;
  /** The limits and the trust to read with (the service's settings); defaults when absent. */
  readSettings?(): ReadLimitSettings;
}

/**
 * Extracts every PDF or Word draft or reference document of the service that
 * is new or changed on disk, and tells the service; returns the files whose
 * text (or error) changed.
 */
export async function refreshExtractedDrafts(service: DraftOwner, cache: ExtractionCache): Promise<string[]> {
  const paths = [...service.drafts().flatMap((draft) => (draft.path ? [draft.path] : [])), ...(service.referenceFiles?.() ?? [])];
  const settings = service.readSettings?.() ?? {};
  // In an untrusted workspace the PDF and Word readers never see the bytes: the service says why.
  if (settings.trusted === false) return [];
  const limits = readLimits(settings);
  const files = [...new Set(paths.filter(isExtractedDraft))];
  const changed: string[] = [];
  for (const file of files) if (await cache.refresh(file, limits)) changed.push(file);
  for (const file of changed) service.fileChanged(file);
  return changed;
}
