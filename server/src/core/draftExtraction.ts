// Drafts as the UN publishes them, PDF and Word, read through the same
// synchronous FileSystem as text drafts. Extraction is asynchronous, the
// language service is not: the server and the CLI fill an ExtractionCache
// first (`refreshExtractedDrafts`, at start and whenever a draft file
// changes), and `withExtractedDrafts` then answers readFile for a .pdf or
// .docx with its extracted text — the text that offsets, ranges and the
// read-only view of the draft refer to.
//
// Who extracts is a DraftExtractor: in process (`IN_PROCESS_EXTRACTOR` of
// extractText.ts, for tests, without a store), or a worker thread
// (server/src/extraction/workerExtractor.ts: what the server and the CLI use,
// so that a 40-page PDF never holds up a hover). What was extracted is kept by
// an ExtractionStore (server/src/extraction/diskStore.ts) under the SHA-256 of
// the file's bytes and the extractor's version, so a reopened workspace reads
// nothing again. The text is not parsed here: the language service parses it,
// once.
import * as fs from 'fs';
import * as path from 'path';
import { webcrypto } from 'crypto';
import { DEFAULT_READ_LIMITS, notRegularMessage, ReadLimits, ReadLimitSettings, readLimits } from './readPolicy';
import { readRegularFile, type FileSystem } from './workspace';

/** What reads each kind of extracted draft (see extractText.ts, which this module does not load). */
const KINDS: Record<string, string> = { '.pdf': 'PDF', '.docx': 'Word' };

/** File name endings of the drafts whose text is extracted (the others are read as text). */
export const EXTRACTED_DRAFT_EXTENSIONS = Object.keys(KINDS);

export function isExtractedDraft(file: string): boolean {
  return path.extname(file).toLowerCase() in KINDS;
}

/** "PDF" or "Word": what a reader of `file` is called in messages. */
export function extractedKind(file: string): string {
  return KINDS[path.extname(file).toLowerCase()] ?? 'draft';
}

/** What can be said about a draft file after reading it: its text or why there is none, and what to watch out for. */
export interface Extraction {
  text?: string;
  /** "cannot read drafts/zero.pdf: the PDF is damaged or truncated (…)". */
  error?: string;
  /** The error without the file: "the PDF is damaged or truncated (…)". */
  reason?: string;
  /** Readable but odd: "zero.pdf seems truncated …", "no numbered paragraphs found …". */
  warnings: string[];
}

/** The outcome of one extraction, as an extractor and the store give it. */
export interface ExtractedText {
  text: string;
  warnings: string[];
}

/**
 * Why an extractor gave no text. `lasting`: the same bytes will always give
 * this error (the reader rejected them), so it may be stored; a crash or a
 * timeout is not lasting.
 */
export class ExtractionFailure extends Error {
  constructor(message: string, readonly lasting: boolean) {
    super(message);
  }
}

/** Turns a file's bytes into its text: in process, or in a worker thread. */
export interface DraftExtractor {
  /** Changes whenever the text it gives for the same bytes may change: part of the store's key. */
  readonly version: string;
  /** Rejects with an ExtractionFailure (or an Error, taken as lasting) whose message says why; `limits` bound what a Word file may inflate to. */
  extract(file: string, data: Uint8Array, limits?: ReadLimits): Promise<ExtractedText>;
}

/** What an ExtractionStore keeps of one extraction. */
export type StoredExtraction = { text: string; warnings: string[] } | { error: string };

/** Keeps extractions by the SHA-256 of the file's bytes and the extractor's version (see server/src/extraction/diskStore.ts). */
export interface ExtractionStore {
  /** What was stored for these bytes by this extractor version; undefined when nothing (valid) was. */
  get(contentHash: string, version: string, file: string): Promise<StoredExtraction | undefined>;
  put(contentHash: string, version: string, file: string, extraction: StoredExtraction): Promise<void>;
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

export interface ExtractionCacheOptions {
  /** The disk by default. */
  source?: ExtractionSource;
  /** Who extracts: a WorkerExtractor (server/src/extraction/) or IN_PROCESS_EXTRACTOR (extractText.ts). */
  extractor: DraftExtractor;
  /** Where extractions outlive the process; none by default. */
  store?: ExtractionStore;
}

/** What the cache did, for tests and for the curious: counts since it was made. */
export interface ExtractionStats {
  /** Files handed to the extractor. */
  extracted: number;
  /** Files whose extraction came from the store. */
  storeHits: number;
  /** Files read again (their stamp changed) whose bytes had not changed. */
  sameContent: number;
}

type Entry = Extraction & { stamp: string; contentHash?: string; version?: string; parseWarnings?: string[] };

/** SHA-256 of `data`, hex; computed off the main thread (WebCrypto runs it in the thread pool). */
export async function contentHash(data: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

export class ExtractionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<boolean>>();
  private readonly source: ExtractionSource;
  private readonly extractor: DraftExtractor;
  private store?: ExtractionStore;
  readonly stats: ExtractionStats = { extracted: 0, storeHits: 0, sameContent: 0 };

  constructor(options: ExtractionCacheOptions) {
    this.source = options.source ?? DISK_SOURCE;
    this.extractor = options.extractor;
    this.store = options.store;
  }

  /** Keeps extractions in `store` from now on (the editor names where, once it has started the server). */
  useStore(store: ExtractionStore | undefined): void {
    this.store = store;
  }

  /** The extraction of `file`, once `refresh` has read it. */
  get(file: string): Extraction | undefined {
    const entry = this.entries.get(path.resolve(file));
    if (!entry) return undefined;
    return { text: entry.text, error: entry.error, reason: entry.reason, warnings: [...entry.warnings, ...(entry.parseWarnings ?? [])] };
  }

  /** The stamp of `file` read with these limits: it changes when the file or the limits do; '' when the file is not there. */
  private stampOf(key: string, limits: ReadLimits): string {
    const fileStamp = this.source.stamp(key);
    return fileStamp === undefined ? '' : `${fileStamp}:${limits.maxFileBytes}:${limits.maxWordXmlBytes}`;
  }

  /** True when `file` is new or changed since it was last read (its stamp, or the limits, differ). */
  isStale(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): boolean {
    const key = path.resolve(file);
    return this.entries.get(key)?.stamp !== this.stampOf(key, limits);
  }

  /**
   * Reads `file` again when it changed since the last read (or was never
   * read, or the limits changed); true when what is known of it changed.
   */
  refresh(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<boolean> {
    const key = path.resolve(file);
    const stamp = this.stampOf(key, limits);
    const known = this.entries.get(key);
    if (stamp === '') {
      // Gone (or never there, or a device or a FIFO, which is never read): said as for any draft file that cannot be read.
      const error = this.source.problem?.(key) ?? `cannot read ${key}`;
      const changed = known?.stamp !== '' || known.error !== error;
      this.entries.set(key, { error, warnings: [], stamp: '' });
      return Promise.resolve(changed);
    }
    if (known?.stamp === stamp) return Promise.resolve(false);
    const inFlight = this.pending.get(`${key}\n${stamp}`);
    if (inFlight) return inFlight;
    const reading = this.read(key, stamp, limits).finally(() => this.pending.delete(`${key}\n${stamp}`));
    this.pending.set(`${key}\n${stamp}`, reading);
    return reading;
  }

  /**
   * Warnings that come from reading the text rather than extracting it (the
   * parse the language service made of it); shown with the extraction's own.
   */
  setParseWarnings(file: string, warnings: string[]): void {
    const entry = this.entries.get(path.resolve(file));
    if (entry) entry.parseWarnings = warnings;
  }

  private async read(file: string, stamp: string, limits: ReadLimits): Promise<boolean> {
    const previous = this.entries.get(file);
    // What a Word file may inflate to decides whether it is read at all: part of what the store keeps it under.
    const version = `${this.extractor.version}:${limits.maxWordXmlBytes}`;
    let entry: Entry;
    let data: Uint8Array;
    try {
      data = await this.source.read(file, limits.maxFileBytes);
    } catch (error) {
      // The file itself could not be read: the message names it already ("… is not a regular file", "… is over the limit").
      const message = String((error as { message?: string })?.message ?? error);
      this.entries.set(file, { ...(message.includes(file) ? { error: message, reason: message, warnings: [] } : failed(file, message)), stamp });
      return previous?.text !== undefined || previous?.error !== this.entries.get(file)!.error;
    }
    try {
      const hash = await contentHash(data);
      if (previous && previous.contentHash === hash && previous.version === version) {
        // Touched, copied over with the same bytes: nothing to read again.
        this.stats.sameContent++;
        previous.stamp = stamp;
        return false;
      }
      entry = { ...(await this.extraction(file, data, hash, version, limits)), stamp, contentHash: hash, version };
    } catch (error) {
      entry = { ...failed(file, String((error as { message?: string })?.message ?? error)), stamp };
    }
    this.entries.set(file, entry);
    return previous?.text !== entry.text || previous?.error !== entry.error;
  }

  private async extraction(file: string, data: Uint8Array, hash: string, version: string, limits: ReadLimits): Promise<Extraction> {
    const stored = await this.store?.get(hash, version, file).catch(() => undefined);
    if (stored) {
      this.stats.storeHits++;
      return 'error' in stored ? failed(file, stored.error) : { text: stored.text, warnings: stored.warnings };
    }
    this.stats.extracted++;
    let outcome: StoredExtraction;
    let lasting = true;
    try {
      outcome = await this.extractor.extract(file, data, limits);
    } catch (error) {
      outcome = { error: String((error as { message?: string })?.message ?? error) };
      lasting = !(error instanceof ExtractionFailure) || error.lasting;
    }
    // A store that cannot write (a full disk, no permission) costs a later extraction, nothing else.
    if (lasting) await this.store?.put(hash, version, file, outcome).catch(() => undefined);
    return 'error' in outcome ? failed(file, outcome.error) : { text: outcome.text, warnings: outcome.warnings };
  }
}

function failed(file: string, reason: string): Extraction {
  return { error: `cannot read ${file}: ${reason}`, reason, warnings: [] };
}

/** What to tell about a readable PDF or Word draft in which the parser found no numbered paragraph: it is most likely misread. */
export function unnumberedDraftWarning(file: string): string {
  const name = path.basename(file);
  return path.extname(file).toLowerCase() === '.docx'
    ? `no numbered paragraphs found in ${name}: the draft's numbers may be Word fields or a list numbering this reader does not follow; a .txt export of the draft reads reliably`
    : `no numbered paragraphs found in the text of ${name}: check its read-only text view, or use a Word or .txt version of the draft`;
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
  /** `paragraphCount`: what the service's own parse of the draft found (no second parse here). */
  drafts(): Array<{ path?: string; paragraphCount?: number }>;
  /** The files of the configured drafts, without reading them (drafts are read when first needed). */
  draftFiles?(): string[];
  /** Reference documents (a GGE report as the UN publishes it) are read the same way. */
  referenceFiles?(): string[];
  fileChanged(file: string): void;
  /** The limits and the trust to read with (the service's settings); defaults when absent. */
  readSettings?(): ReadLimitSettings;
}

/** How far a refresh is: `done` of `total` files read, `file` the one being read (or the last one, when done === total). */
export interface ExtractionProgress {
  done: number;
  total: number;
  file: string;
}

/** "Reading 3 of 12 PDF/Word drafts…" (the file being read is the third), for a progress indicator. */
export function extractionProgressMessage(progress: ExtractionProgress): string {
  if (progress.done >= progress.total) return `Read ${progress.total} PDF/Word draft${progress.total === 1 ? '' : 's'}`;
  return `Reading ${progress.done + 1} of ${progress.total} PDF/Word draft${progress.total === 1 ? '' : 's'}…`;
}

export interface RefreshOptions {
  /** Called before each file that needs reading and once when all are read; not called when none does. */
  onProgress?(progress: ExtractionProgress): void;
}

/**
 * Extracts every PDF or Word draft or reference document of the service that
 * is new or changed on disk, and tells the service; returns the files whose
 * text (or error) changed.
 */
export async function refreshExtractedDrafts(service: DraftOwner, cache: ExtractionCache, options: RefreshOptions = {}): Promise<string[]> {
  const draftFiles = service.draftFiles?.() ?? service.drafts().flatMap((draft) => (draft.path ? [draft.path] : []));
  const paths = [...draftFiles, ...(service.referenceFiles?.() ?? [])];
  const settings = service.readSettings?.() ?? {};
  // In an untrusted workspace the PDF and Word readers never see the bytes: the service says why.
  if (settings.trusted === false) return [];
  const limits = readLimits(settings);
  const files = [...new Set(paths.filter(isExtractedDraft))];
  const stale = files.filter((file) => cache.isStale(file, limits));
  const changed: string[] = [];
  for (const [done, file] of stale.entries()) {
    options.onProgress?.({ done, total: stale.length, file });
    if (await cache.refresh(file, limits)) changed.push(file);
  }
  if (stale.length) options.onProgress?.({ done: stale.length, total: stale.length, file: stale[stale.length - 1] });
  for (const file of changed) service.fileChanged(file);
  if (changed.length) {
    // The service parses each text once; its count of paragraphs says whether the extraction looks misread.
    const counts = new Map(service.drafts().flatMap((draft) => (draft.path ? [[path.resolve(draft.path), draft.paragraphCount] as const] : [])));
    for (const file of changed) {
      const count = counts.get(path.resolve(file));
      cache.setParseWarnings(file, cache.get(file)?.text !== undefined && count === 0 ? [unnumberedDraftWarning(file)] : []);
    }
  }
  return changed;
}
