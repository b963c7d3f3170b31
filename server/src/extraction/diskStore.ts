// Extracted text kept on disk, so that a reopened workspace (or the next CLI
// run) does not read its PDF and Word drafts again. One JSON file per
// extraction, named by the SHA-256 of the file's bytes and the extractor's
// version: text is only ever found for the very bytes it was read from. Each
// file carries a checksum of what it holds; one that does not parse or does
// not match is ignored (and replaced by the next extraction). Files are
// written whole (a temporary file renamed over), and the oldest-used are
// removed when the directory grows beyond its bound.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ExtractionStore, StoredExtraction } from '../core/draftExtraction';

export const DEFAULT_CACHE_MAX_BYTES = 200 * 1024 * 1024;

/** Where the cache lives unless told: $OEWG_CITE_CACHE_DIR, else the platform's cache directory. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OEWG_CITE_CACHE_DIR) return path.resolve(env.OEWG_CITE_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'oewg-cite');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'oewg-cite', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'oewg-cite');
  return path.join(os.homedir(), '.cache', 'oewg-cite');
}

interface Record {
  contentHash: string;
  version: string;
  /** The file's name when it was read: its warnings name it. */
  name: string;
  extraction: StoredExtraction;
  /** SHA-256 of JSON.stringify(extraction). */
  sum: string;
}

export interface DiskStoreStats {
  hits: number;
  misses: number;
  /** Entries that could not be parsed or did not match their checksum or key. */
  corrupt: number;
  writes: number;
  evicted: number;
}

export class DiskExtractionStore implements ExtractionStore {
  /** The directory holding the entries (`<cache dir>/extracted`). */
  readonly dir: string;
  readonly stats: DiskStoreStats = { hits: 0, misses: 0, corrupt: 0, writes: 0, evicted: 0 };
  private evicting?: Promise<void>;

  constructor(cacheDir: string = defaultCacheDir(), private readonly maxBytes: number = DEFAULT_CACHE_MAX_BYTES) {
    this.dir = path.join(cacheDir, 'extracted');
  }

  /** The file an extraction of these bytes by this version is kept in. */
  entryFile(contentHash: string, version: string): string {
    const key = createHash('sha256').update(`${contentHash}\n${version}`).digest('hex');
    return path.join(this.dir, `${key}.json`);
  }

  async get(contentHash: string, version: string, file: string): Promise<StoredExtraction | undefined> {
    const entry = this.entryFile(contentHash, version);
    let raw: string;
    try {
      raw = await fs.promises.readFile(entry, 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const record = parseRecord(raw);
    if (!record || record.contentHash !== contentHash || record.version !== version) {
      this.stats.corrupt++;
      await fs.promises.rm(entry, { force: true }).catch(() => undefined);
      return undefined;
    }
    this.stats.hits++;
    // Used now: the last to go when the cache is trimmed.
    const now = new Date();
    await fs.promises.utimes(entry, now, now).catch(() => undefined);
    const name = path.basename(file);
    const { extraction } = record;
    // The same bytes under another name: its warnings say the name it has now.
    if ('error' in extraction || record.name === name || record.name === '') return extraction;
    return { text: extraction.text, warnings: extraction.warnings.map((warning) => warning.split(record.name).join(name)) };
  }

  async put(contentHash: string, version: string, file: string, extraction: StoredExtraction): Promise<void> {
    const record: Record = { contentHash, version, name: path.basename(file), extraction, sum: checksum(extraction) };
    const entry = this.entryFile(contentHash, version);
    await fs.promises.mkdir(this.dir, { recursive: true });
    const temporary = path.join(this.dir, `.${path.basename(entry)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await fs.promises.writeFile(temporary, JSON.stringify(record));
      await fs.promises.rename(temporary, entry);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
    this.stats.writes++;
    await this.trim();
  }

  /** Removes the least recently used entries while the directory holds more than its bound (and leftovers of interrupted writes). */
  trim(): Promise<void> {
    this.evicting ??= this.evict().finally(() => (this.evicting = undefined));
    return this.evicting;
  }

  private async evict(): Promise<void> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    const entries: Array<{ file: string; size: number; used: number }> = [];
    const hourAgo = Date.now() - 3600_000;
    for (const name of names) {
      const file = path.join(this.dir, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (!stat?.isFile()) continue;
      if (name.endsWith('.tmp')) {
        // Another process may be writing it; an hour-old one was abandoned.
        if (stat.mtimeMs < hourAgo) await fs.promises.rm(file, { force: true }).catch(() => undefined);
        continue;
      }
      if (name.endsWith('.json')) entries.push({ file, size: stat.size, used: stat.mtimeMs });
    }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    entries.sort((a, b) => a.used - b.used);
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      await fs.promises.rm(entry.file, { force: true }).catch(() => undefined);
      total -= entry.size;
      this.stats.evicted++;
    }
  }
}

function checksum(extraction: StoredExtraction): string {
  return createHash('sha256').update(JSON.stringify(extraction)).digest('hex');
}

function parseRecord(raw: string): Record | undefined {
  let record: Partial<Record>;
  try {
    record = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const extraction = record?.extraction as Partial<{ text: unknown; warnings: unknown; error: unknown }> | undefined;
  if (!record || typeof record !== 'object' || typeof record.contentHash !== 'string' || typeof record.version !== 'string' || typeof record.name !== 'string' || !extraction) return undefined;
  const wellFormed =
    typeof extraction.error === 'string' || (typeof extraction.text === 'string' && Array.isArray(extraction.warnings) && extraction.warnings.every((warning) => typeof warning === 'string'));
  if (!wellFormed || record.sum !== checksum(record.extraction!)) return undefined;
  return record as Record;
}
