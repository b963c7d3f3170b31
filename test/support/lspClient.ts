// A small LSP client for protocol tests: starts dist/server.js over stdio,
// records published diagnostics and lets a test wait for them (no sleeps).
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { createMessageConnection, MessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { repoRoot } from './paths';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface ClientOptions {
  /** Workspace folder (absolute). */
  root: string;
  /** Answer to workspace/configuration for "oewgCite". */
  settings?: Record<string, unknown>;
  /** Whether the client supports dynamically registered file watching. */
  watchFiles?: boolean;
  /** Whether the client accepts workspace/codeLens/refresh (recorded in `notifications` when it comes). */
  codeLensRefresh?: boolean;
  /** Whether the client shows work-done progress (window/workDoneProgress/create is recorded in `notifications`). */
  workDoneProgress?: boolean;
  /** Whether the client pulls diagnostics (textDocument/diagnostic, LSP 3.17) and accepts workspace/diagnostic/refresh; default: it does not (the server publishes). */
  pullDiagnostics?: boolean;
  /** More workspace folders (absolute) after `root`. */
  moreFolders?: string[];
  /** `initializationOptions` of initialize. */
  initializationOptions?: unknown;
  /** More arguments for dist/server.js (e.g. `--config FILE`). */
  serverArgs?: string[];
}

export class TestLspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<() => void> = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** Every publishDiagnostics received, in order. */
  readonly published: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
  settings: Record<string, unknown>;
  stderr = '';
  /** The server's exit code, once it exits. */
  readonly exited: Promise<number | null>;

  constructor(private readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio', ...(options.serverArgs ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    // The JSON-RPC layer keeps $/progress for itself: recorded here like any other notification.
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.notifications.push({ method: '$/progress', params });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    for (const refresh of ['workspace/codeLens/refresh', 'workspace/diagnostic/refresh', 'window/workDoneProgress/create']) {
      this.connection.onRequest(refresh, (params: unknown) => {
        this.notifications.push({ method: refresh, params: params ?? null });
        this.wake();
        return null;
      });
    }
    this.connection.listen();
  }

  async start(): Promise<unknown> {
    const pull = this.options.pullDiagnostics ?? false;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(this.options.root).toString(),
      workspaceFolders: [this.options.root, ...(this.options.moreFolders ?? [])].map((folder) => ({ uri: URI.file(folder).toString(), name: path.basename(folder) })),
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: this.options.watchFiles ?? true },
          didChangeConfiguration: { dynamicRegistration: true },
          codeLens: { refreshSupport: this.options.codeLensRefresh ?? false },
          ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        ...(this.options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
        textDocument: {
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: true } },
          definition: { linkSupport: true },
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Asks for a document's diagnostics (pull mode). */
  async pullDiagnostics(file: string): Promise<Diagnostic[]> {
    const report = await this.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: this.uri(file) } });
    return report.items;
  }

  async addFolder(folder: string): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: URI.file(folder).toString(), name: path.basename(folder) }], removed: [] } });
  }

  uri(file: string): string {
    return URI.file(path.resolve(this.options.root, file)).toString();
  }

  async open(file: string, text: string, languageId = file.endsWith('.md') ? 'markdown' : 'plaintext'): Promise<string> {
    const uri = this.uri(file);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(file: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
  }

  async fileChanged(file: string, type: 1 | 2 | 3 = 2): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(file), type }] });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Position of the `occurrence`-th appearance of `needle` in `text` (+ `offset` characters). */
  static positionOf(text: string, needle: string, offset = 0, occurrence = 1): { line: number; character: number } {
    let index = -1;
    for (let i = 0; i < occurrence; i++) {
      index = text.indexOf(needle, index + 1);
      if (index < 0) throw new Error(`"${needle}" not found (occurrence ${i + 1})`);
    }
    const before = text.slice(0, index + offset);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
  }

  /** Waits until the diagnostics published for `file` satisfy `accept`; rejects with what was last seen after `timeout` ms. */
  waitForDiagnostics(file: string, accept: (diagnostics: Diagnostic[]) => boolean, timeout = 10000): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    return this.waitFor(() => {
      const current = this.diagnostics.get(uri);
      return current && accept(current) ? current : undefined;
    }, timeout, () => `diagnostics of ${file}: ${JSON.stringify(this.diagnostics.get(uri) ?? 'none yet')}\nserver stderr: ${this.stderr}`);
  }

  /** A notification accepted by `accept`, among those received since `since` (an index into `notifications`; default: any). */
  waitForNotification(method: string, accept: (params: any) => boolean = () => true, timeout = 10000, since = 0): Promise<any> {
    return this.waitFor(
      () => this.notifications.slice(since).reverse().find((entry) => entry.method === method && accept(entry.params))?.params,
      timeout,
      () => `notification ${method}`,
    );
  }

  /** Changes the settings and waits for the server's next status notification that `accept`s. */
  async changeSettingsAndWait(settings: Record<string, unknown>, accept: (status: any) => boolean): Promise<any> {
    const since = this.notifications.length;
    await this.changeSettings(settings);
    return this.waitForNotification('oewgCite/status', accept, 10000, since);
  }

  private waitFor<T>(check: () => T | undefined, timeout: number, describe: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`timed out waiting for ${describe()}`));
      }, timeout);
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        clearTimeout(timer);
        remove();
        resolve(value);
        return true;
      };
      const waiter = () => void attempt();
      const remove = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
      };
      if (!attempt()) this.waiters.push(waiter);
    });
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** An error answer's code and message (fails when the request succeeds). */
  async requestError(method: string, params?: unknown): Promise<{ code: number; message: string }> {
    try {
      const result = params === undefined ? await this.connection.sendRequest(method) : await this.connection.sendRequest(method, params);
      throw new Error(`${method} answered ${JSON.stringify(result)} instead of an error`);
    } catch (error) {
      if (error instanceof ResponseError) return { code: error.code, message: error.message };
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/**
 * dist/server.js --stdio fed raw bytes: for what a well-behaved client never
 * sends (framing errors, messages out of the lifecycle). Answers are read
 * with the JSON-RPC reader.
 */
export class RawLspProcess {
  private readonly process: ChildProcess;
  private readonly answers = new Map<number, { result?: unknown; error?: { code: number; message: string } }>();
  private readonly waiters: Array<() => void> = [];
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor() {
    this.process = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    // A broken pipe after the server exits is what the tests look for, not a failure.
    this.process.stdin!.on('error', () => undefined);
    new StreamMessageReader(this.process.stdout!).listen((message) => {
      const answer = message as { id?: number; result?: unknown; error?: { code: number; message: string } };
      if (typeof answer.id === 'number' && ('result' in answer || 'error' in answer)) {
        this.answers.set(answer.id, answer);
        for (const waiter of [...this.waiters]) waiter();
      }
    });
  }

  /** Bytes as they are, framing included. */
  write(bytes: string): void {
    this.process.stdin!.write(bytes);
  }

  /** One message, framed correctly. */
  send(message: Record<string, unknown>): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.write(`Content-Length: ${body.length}\r\n\r\n${body.toString('utf8')}`);
  }

  /** Sends a request and waits for its answer (the server answers every request, so no timeout of its own). */
  request(id: number, method: string, params?: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    this.send({ id, method, ...(params === undefined ? {} : { params }) });
    return new Promise((resolve) => {
      const check = () => {
        const answer = this.answers.get(id);
        if (!answer) return;
        this.waiters.splice(this.waiters.indexOf(check), 1);
        resolve(answer);
      };
      this.waiters.push(check);
      check();
    });
  }

  kill(): void {
    this.process.kill();
  }
}
