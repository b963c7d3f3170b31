// The extraction the server and the CLI use: a worker thread reads the PDF
// and Word drafts, a disk store keeps what it read.
import { ExtractionCache } from '../core/draftExtraction';
import { defaultCacheDir, DiskExtractionStore, DEFAULT_CACHE_MAX_BYTES } from './diskStore';
import { WorkerExtractor, WorkerExtractorOptions } from './workerExtractor';

export { defaultCacheDir, DiskExtractionStore } from './diskStore';
export { WorkerExtractor } from './workerExtractor';

export interface DraftExtractionOptions extends WorkerExtractorOptions {
  /** Where extracted text is kept between runs (defaultCacheDir() unless given); false: nowhere. */
  cacheDir?: string | false;
  /** The bound of the disk cache (200 MB by default). */
  maxCacheBytes?: number;
}

export interface DraftExtraction {
  cache: ExtractionCache;
  extractor: WorkerExtractor;
  store?: DiskExtractionStore;
  dispose(): Promise<void>;
}

/** The timeout `OEWG_CITE_EXTRACTION_TIMEOUT` (seconds) asks for, if any. */
function timeoutFromEnvironment(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.OEWG_CITE_EXTRACTION_TIMEOUT);
  return env.OEWG_CITE_EXTRACTION_TIMEOUT && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export function createDraftExtraction(options: DraftExtractionOptions = {}, env: NodeJS.ProcessEnv = process.env): DraftExtraction {
  const extractor = new WorkerExtractor({ timeoutMs: timeoutFromEnvironment(env), ...options });
  const store = options.cacheDir === false ? undefined : new DiskExtractionStore(options.cacheDir ?? defaultCacheDir(env), options.maxCacheBytes ?? DEFAULT_CACHE_MAX_BYTES);
  return { cache: new ExtractionCache({ extractor, store }), extractor, store, dispose: () => extractor.dispose() };
}
