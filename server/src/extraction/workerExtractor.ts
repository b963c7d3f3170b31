// PDF and Word extraction in a worker thread (dist/extractWorker.js, built
// from worker.ts). One worker, one file at a time, started when first needed
// and stopped when idle. A file that takes longer than the timeout, or that
// makes the worker crash or run out of memory, gets an error of its own; the
// next file gets a fresh worker.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { DraftExtractor, ExtractedText, extractedKind, ExtractionFailure } from '../core/draftExtraction';
import type { ReadLimits } from '../core/readPolicy';
import type { ExtractRequest, ExtractResponse } from './worker';

/** Bumped when what is stored of an extraction changes shape; the worker's own bytes are in the version too. */
const EXTRACTION_FORMAT = 1;

export const DEFAULT_EXTRACTION_TIMEOUT_MS = 60_000;
export const DEFAULT_EXTRACTION_MEMORY_MB = 1024;

export interface WorkerExtractorOptions {
  /** The worker script: dist/extractWorker.js beside the running bundle by default. */
  script?: string;
  /** How long one file may take before its worker is stopped (60 s by default). */
  timeoutMs?: number;
  /** The worker's heap limit (1 GB by default): a file that needs more gets an error, not the server's memory. */
  maxMemoryMb?: number;
  /** How long an idle worker stays up (30 s by default). */
  idleMs?: number;
}

/** What the extractor did since it was made. */
export interface WorkerExtractorStats {
  workersStarted: number;
  /** Files sent to a worker. */
  files: number;
  crashes: number;
  timeouts: number;
}

interface Job {
  id: number;
  file: string;
  data: Uint8Array;
  limits?: ReadLimits;
  resolve(result: ExtractedText): void;
  reject(error: ExtractionFailure): void;
}

/** The worker script beside the running bundle (dist/server.js and dist/cli.js have dist/extractWorker.js beside them). */
export function defaultWorkerScript(): string {
  return path.join(__dirname, 'extractWorker.js');
}

export class WorkerExtractor implements DraftExtractor {
  readonly version: string;
  readonly stats: WorkerExtractorStats = { workersStarted: 0, files: 0, crashes: 0, timeouts: 0 };
  private readonly script: string;
  private options: Required<Omit<WorkerExtractorOptions, 'script'>>;
  private worker?: Worker;
  /** The limits the running worker was started with. */
  private workerMemoryMb = 0;
  private readonly queue: Job[] = [];
  private running?: { job: Job; timer: NodeJS.Timeout };
  private idleTimer?: NodeJS.Timeout;
  private nextId = 1;

  constructor(options: WorkerExtractorOptions = {}) {
    this.script = options.script ?? defaultWorkerScript();
    this.options = { timeoutMs: DEFAULT_EXTRACTION_TIMEOUT_MS, maxMemoryMb: DEFAULT_EXTRACTION_MEMORY_MB, idleMs: 30_000 };
    this.configure(options);
    // The worker's own code is part of the version: a new build of the readers never gets an older build's text.
    let code = '';
    try {
      code = createHash('sha256').update(fs.readFileSync(this.script)).digest('hex');
    } catch {
      // No script: every extraction says so (see start), nothing is stored under a wrong version.
      code = 'missing';
    }
    this.version = `${EXTRACTION_FORMAT}-${code.slice(0, 32)}`;
  }

  /** New limits: the timeout applies to the next file, the memory limit to the next worker started. */
  configure(options: Omit<WorkerExtractorOptions, 'script'>): void {
    for (const [key, value] of Object.entries(options)) {
      if (key !== 'script' && typeof value === 'number' && value > 0) this.options = { ...this.options, [key]: value };
    }
  }

  extract(file: string, data: Uint8Array, limits?: ReadLimits): Promise<ExtractedText> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, data, limits, resolve, reject });
      this.next();
    });
  }

  /** Stops the worker; files waiting get an error. */
  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new ExtractionFailure('reading was cancelled: the server is stopping', false));
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.job.reject(new ExtractionFailure('reading was cancelled: the server is stopping', false));
      this.running = undefined;
    }
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    clearTimeout(this.idleTimer);
    let worker: Worker;
    try {
      worker = this.workerFor();
    } catch (error) {
      job.reject(new ExtractionFailure(`the ${extractedKind(job.file)} reader could not start (${(error as Error).message})`, false));
      this.next();
      return;
    }
    const timer = setTimeout(() => this.timedOut(job), this.options.timeoutMs);
    this.running = { job, timer };
    this.stats.files++;
    // A copy the worker owns: the caller's buffer stays usable.
    const data = new Uint8Array(job.data);
    worker.ref();
    worker.postMessage({ id: job.id, file: job.file, data, limits: job.limits } satisfies ExtractRequest, [data.buffer]);
  }

  private workerFor(): Worker {
    if (this.worker && this.workerMemoryMb === this.options.maxMemoryMb) return this.worker;
    void this.worker?.terminate();
    if (!fs.existsSync(this.script)) throw new Error(`${this.script} is missing: run \`npm run build\``);
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb }, stdout: true, stderr: true });
    // pdf.js may warn on the console; the CLI's stdout and the server's stdio channel are not the place for it.
    worker.stdout.resume();
    worker.stderr.resume();
    this.stats.workersStarted++;
    this.worker = worker;
    this.workerMemoryMb = this.options.maxMemoryMb;
    worker.on('message', (response: ExtractResponse) => this.answered(worker, response));
    worker.on('error', (error: Error & { code?: string }) => this.failed(worker, error));
    worker.on('exit', (code) => this.failed(worker, new Error(`it exited with code ${code}`)));
    return worker;
  }

  private answered(worker: Worker, response: ExtractResponse): void {
    if (worker !== this.worker || this.running?.job.id !== response.id) return;
    const { job, timer } = this.running;
    clearTimeout(timer);
    this.running = undefined;
    if ('error' in response) job.reject(new ExtractionFailure(response.error, true));
    else job.resolve({ text: response.text, warnings: response.warnings });
    this.idle();
    this.next();
  }

  /** The worker crashed or exited: the file it was reading gets the error, the next file a fresh worker. */
  private failed(worker: Worker, error: Error & { code?: string }): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    void worker.terminate();
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      this.stats.crashes++;
      const kind = extractedKind(running.job.file);
      running.job.reject(
        new ExtractionFailure(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the ${kind} reader ran out of memory on it (limit ${this.workerMemoryMb} MB): the file may be very large or damaged`
            : `the ${kind} reader stopped unexpectedly (${error.message.replace(/\.$/, '')})`,
          false,
        ),
      );
    }
    this.next();
  }

  private timedOut(job: Job): void {
    if (this.running?.job !== job) return;
    this.running = undefined;
    this.stats.timeouts++;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const limit = this.options.timeoutMs >= 1000 ? `${Math.round(this.options.timeoutMs / 100) / 10} s` : `${this.options.timeoutMs} ms`;
    job.reject(new ExtractionFailure(`reading it took longer than ${limit} and was stopped: the file may be very large or damaged`, false));
    this.next();
  }

  /** No file to read: the worker does not keep the process alive, and stops after a while. */
  private idle(): void {
    if (this.queue.length || !this.worker) return;
    const worker = this.worker;
    worker.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && !this.running) {
        this.worker = undefined;
        void worker.terminate();
      }
    }, this.options.idleMs);
    this.idleTimer.unref();
  }
}
