// A small LSP client for protocol tests: starts dist/server.js over stdio,
// records published diagnostics and lets a test wait for them (no sleeps).
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
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

  constructor(private readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.notifications.push({ method: 'workspace/codeLens/refresh', params: null });
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  async start(): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(this.options.root).toString(),
      workspaceFolders: [{ uri: URI.file(this.options.root).toString(), name: path.basename(this.options.root) }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: this.options.watchFiles ?? true },
          didChangeConfiguration: { dynamicRegistration: true },
          codeLens: { refreshSupport: this.options.codeLensRefresh ?? false },
        },
        textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true } }, definition: { linkSupport: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
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
