// A client for the protocol fuzzer: dist/server.js --stdio driven with
// messages of any shape (any id, any params, raw bytes), every answer awaited
// with a bound, and the checks every answer must pass (a proper JSON-RPC
// answer; ranges inside the text they point into).
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Message, StreamMessageReader } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { repoRoot } from './paths';

/** How long any request may take before the fuzzer calls it a hang. */
export const ANSWER_BOUND_MS = Number(process.env.OEWG_FUZZ_BOUND_MS ?? 10_000);

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  ServerNotInitialized: -32002,
  RequestFailed: -32803,
  RequestCancelled: -32800,
} as const;

export interface Answer {
  id: unknown;
  result?: unknown;
  error?: { code: unknown; message: unknown; data?: unknown };
}

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface FuzzServerOptions {
  /** The workspace folder. */
  root: string;
  /** Answer to workspace/configuration. */
  settings?: unknown;
  /** Whether the client pulls diagnostics (textDocument/diagnostic) instead of receiving them. */
  pullDiagnostics?: boolean;
  initializationOptions?: unknown;
}

/** Recorded among the notifications when the server has read the settings (answered workspace/configuration). */
const CONFIGURATION_READ = 'workspace/configuration (answered)';

/** Why a run failed: what was sent, and the end of the server's stderr. */
export class FuzzFailure extends Error {}

export class FuzzServer {
  private readonly process: ChildProcess;
  private readonly answers = new Map<string, (answer: Answer) => void>();
  private readonly notificationWaiters: Array<() => void> = [];
  private nextId = 1;
  /** The last notifications from the server (a bounded window). */
  readonly notifications: Array<{ method: string; params: any }> = [];
  /** How many notifications were ever received (indexes `notifications` with `notificationBase`). */
  notificationCount = 0;
  settings: unknown;
  stderr = '';
  exitCode: number | null | undefined = undefined;
  readonly exited: Promise<number | null>;

  constructor(readonly options: FuzzServerOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code) => {
        this.exitCode = code;
        resolve(code);
        for (const waiter of [...this.notificationWaiters]) waiter();
      }),
    );
    this.process.stderr!.on('data', (chunk) => {
      this.stderr += chunk;
      if (this.stderr.length > 200_000) this.stderr = this.stderr.slice(-100_000);
    });
    // After the server exits, writing fails with EPIPE: that is what some runs look for.
    this.process.stdin!.on('error', () => undefined);
    new StreamMessageReader(this.process.stdout!).listen((message: Message) => this.receive(message as Record<string, any>));
  }

  private receive(message: Record<string, any>): void {
    if (typeof message.method === 'string' && 'id' in message) {
      // A request from the server: the configuration, or anything else answered with null.
      const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => this.settings) : null;
      this.send({ id: message.id, result });
      // Recorded like a notification, so that a test can wait for the settings to have been read.
      if (message.method === 'workspace/configuration') this.receive({ method: CONFIGURATION_READ, params: null });
      return;
    }
    if (typeof message.method === 'string') {
      this.notifications.push({ method: message.method, params: message.params });
      this.notificationCount++;
      if (this.notifications.length > 500) this.notifications.splice(0, this.notifications.length - 250);
      for (const waiter of [...this.notificationWaiters]) waiter();
      return;
    }
    const waiter = this.answers.get(JSON.stringify(message.id ?? null));
    if (waiter) waiter(message as Answer);
  }

  /** Raw bytes, framing included. */
  write(bytes: string | Uint8Array): void {
    if (this.exitCode === undefined) this.process.stdin!.write(bytes);
  }

  /** One message, framed correctly (its body is whatever `message` is, `jsonrpc` included only when given). */
  sendRaw(message: unknown): void {
    const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
    this.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  send(message: Record<string, unknown>): void {
    this.sendRaw({ jsonrpc: '2.0', ...message });
  }

  notify(method: string, params?: unknown): void {
    this.send({ method, ...(params === undefined ? {} : { params }) });
  }

  /**
   * Sends a request with the given id and waits for the answer with that id:
   * rejects when none comes within the bound or the server exits first.
   */
  requestWithId(id: unknown, method: unknown, params: unknown, bound = ANSWER_BOUND_MS, omitParams = params === undefined): Promise<Answer> {
    const key = JSON.stringify(id ?? null);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.answers.delete(key);
        const index = this.notificationWaiters.indexOf(onExit);
        if (index >= 0) this.notificationWaiters.splice(index, 1);
      };
      const timer = setTimeout(() => {
        done();
        reject(new FuzzFailure(`no answer to ${String(method)} (id ${key}) within ${bound / 1000} s${this.tail()}`));
      }, bound);
      const onExit = () => {
        if (this.exitCode === undefined) return;
        done();
        reject(new FuzzFailure(`the server exited with code ${this.exitCode} before answering ${String(method)} (id ${key})${this.tail()}`));
      };
      this.answers.set(key, (answer) => {
        done();
        resolve(answer);
      });
      this.notificationWaiters.push(onExit);
      onExit();
      this.send({ id, method, ...(omitParams ? {} : { params }) });
    });
  }

  /** A request with a fresh numeric id. */
  request(method: string, params?: unknown, bound = ANSWER_BOUND_MS): Promise<Answer> {
    return this.requestWithId(this.nextId++, method, params, bound);
  }

  /** A request that must succeed: its result, or a FuzzFailure saying what came instead. */
  async result<T = any>(method: string, params?: unknown, bound = ANSWER_BOUND_MS): Promise<T> {
    const answer = await this.request(method, params, bound);
    if (answer.error) throw new FuzzFailure(`${method} ${short(params)} failed: ${JSON.stringify(answer.error)}${this.tail()}`);
    return answer.result as T;
  }

  /** The next notification accepted by `accept` after `since` (a `notificationCount`), within the bound. */
  waitForNotification(method: string, accept: (params: any) => boolean = () => true, since = 0, bound = ANSWER_BOUND_MS): Promise<any> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const first = Math.max(0, this.notifications.length - (this.notificationCount - since));
        const found = this.notifications.slice(first).find((entry) => entry.method === method && accept(entry.params));
        if (found || this.exitCode !== undefined) {
          clearTimeout(timer);
          this.notificationWaiters.splice(this.notificationWaiters.indexOf(check), 1);
          if (found) resolve(found.params);
          else reject(new FuzzFailure(`the server exited with code ${this.exitCode} while a ${method} was awaited${this.tail()}`));
        }
      };
      const timer = setTimeout(() => {
        this.notificationWaiters.splice(this.notificationWaiters.indexOf(check), 1);
        reject(new FuzzFailure(`no ${method} within ${bound / 1000} s${this.tail()}`));
      }, bound);
      this.notificationWaiters.push(check);
      check();
    });
  }

  /** Gives the server new settings and waits until it has read them and re-checked (its next status). */
  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    const since = this.notificationCount;
    this.notify('workspace/didChangeConfiguration', { settings: {} });
    await this.waitForNotification(CONFIGURATION_READ, () => true, since);
    await this.waitForNotification('oewgCite/status', () => true, this.notificationCount - 1);
  }

  async initialize(): Promise<void> {
    const root = this.options.root;
    const pull = this.options.pullDiagnostics ?? false;
    await this.result('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
      initializationOptions: this.options.initializationOptions ?? { trusted: true },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true }, ...(pull ? { diagnostics: { refreshSupport: true } } : {}) },
        textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true } }, definition: { linkSupport: true }, ...(pull ? { diagnostic: {} } : {}) },
      },
    });
    this.notify('initialized', {});
  }

  uri(file: string): string {
    return URI.file(path.resolve(this.options.root, file)).toString();
  }

  /** The end of stderr, for failure messages. */
  tail(): string {
    return this.stderr ? `\nserver stderr (end): ${this.stderr.slice(-1500)}` : '';
  }

  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      try {
        await this.request('shutdown', undefined, 5000);
        this.notify('exit');
        await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      } catch {
        // already gone
      }
    }
    this.process.kill();
  }

  /** Ends the server's input, as an editor that goes away does. */
  endInput(): void {
    this.process.stdin!.end();
  }

  kill(): void {
    this.process.kill();
  }
}

export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

// ---- what every answer must be ------------------------------------------------

/** A proper JSON-RPC answer: a result, or an error with an integer code and a message that is not an internal failure. */
export function checkAnswer(answer: Answer, what: string): void {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(answer, key);
  if (has('result') === has('error')) throw new FuzzFailure(`${what}: an answer must have a result or an error, not ${short(answer)}`);
  if (!answer.error) return;
  const { code, message } = answer.error;
  if (!Number.isInteger(code) || typeof message !== 'string') throw new FuzzFailure(`${what}: a malformed error ${short(answer.error)}`);
  if (code === ErrorCode.InternalError || /TypeError|RangeError|Cannot read propert|is not a function|is not iterable|undefined|\bnull\b/.test(message)) {
    throw new FuzzFailure(`${what}: an internal error ${short(answer.error)}`);
  }
}

/** Lines as the LSP counts them (\n, \r\n or a lone \r end a line). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function isPosition(value: any): value is Position {
  return value && Number.isInteger(value.line) && Number.isInteger(value.character) && value.line >= 0 && value.character >= 0;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Throws unless `range` is a range inside `text`, start before end, splitting no surrogate pair. */
export function checkRange(range: any, text: string, what: string, lines = linesOf(text)): void {
  if (!range || !isPosition(range.start) || !isPosition(range.end)) throw new FuzzFailure(`${what}: not a range: ${short(range)}`);
  if (!before(range.start, range.end)) throw new FuzzFailure(`${what}: a range that ends before it starts: ${short(range)}`);
  for (const end of [range.start, range.end] as Position[]) {
    const line = lines[end.line];
    if (line === undefined || end.character > line.length) throw new FuzzFailure(`${what}: ${short(end)} is outside the text (${lines.length} lines; that line has ${line?.length ?? 'no'} characters)`);
    const code = line.charCodeAt(end.character);
    if (end.character > 0 && code >= 0xdc00 && code <= 0xdfff && line.charCodeAt(end.character - 1) >= 0xd800 && line.charCodeAt(end.character - 1) <= 0xdbff) {
      throw new FuzzFailure(`${what}: ${short(end)} splits a surrogate pair`);
    }
  }
}

/** The texts the server's answers may point into: open documents first, then the disk. */
export class Texts {
  readonly open = new Map<string, string>();
  private readonly disk = new Map<string, string | undefined>();
  private readonly linesCache = new Map<string, { text: string; lines: string[] }>();

  textOf(uri: string): string | undefined {
    const opened = this.open.get(uri);
    if (opened !== undefined) return opened;
    if (!this.disk.has(uri)) {
      const parsed = URI.parse(uri);
      let text: string | undefined;
      try {
        text = parsed.scheme === 'file' ? fs.readFileSync(parsed.fsPath, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      this.disk.set(uri, text);
    }
    return this.disk.get(uri);
  }

  lines(uri: string): string[] | undefined {
    const text = this.textOf(uri);
    if (text === undefined) return undefined;
    const cached = this.linesCache.get(uri);
    if (cached?.text === text) return cached.lines;
    const lines = linesOf(text);
    if (this.linesCache.size > 50) this.linesCache.clear();
    this.linesCache.set(uri, { text, lines });
    return lines;
  }

  /** Files changed on disk: read them again. */
  forgetDisk(): void {
    this.disk.clear();
    this.linesCache.clear();
  }

  /** A range into `uri` (skipped for texts the fuzzer cannot see: PDF and Word views, files that are gone). */
  checkRange(uri: unknown, range: unknown, what: string): void {
    if (typeof uri !== 'string') throw new FuzzFailure(`${what}: a location without a URI: ${short(uri)}`);
    const text = this.textOf(uri);
    if (text === undefined) {
      if (!range) throw new FuzzFailure(`${what}: a location without a range`);
      return;
    }
    checkRange(range, text, `${what} (${path.basename(URI.parse(uri).path)})`, this.lines(uri));
  }
}

/**
 * The shape of a successful answer to `method` on the document `uri` (all
 * ranges inside the texts they point into). Unknown methods are not checked.
 */
export function checkResult(method: string, uri: string | undefined, result: any, texts: Texts): void {
  const what = method;
  const inDoc = (range: unknown, label: string) => texts.checkRange(uri, range, `${what} ${label}`);
  const array = (value: unknown) => {
    if (!Array.isArray(value)) throw new FuzzFailure(`${what}: expected a list, got ${short(value)}`);
    return value as any[];
  };
  switch (method) {
    case 'textDocument/hover':
      if (result === null) return;
      if (!result.contents || typeof result.contents.value !== 'string') throw new FuzzFailure(`${what}: contents ${short(result)}`);
      if (result.range) inDoc(result.range, 'range');
      return;
    case 'textDocument/definition':
      if (result === null) return;
      for (const link of array(result)) {
        inDoc(link.originSelectionRange, 'originSelectionRange');
        texts.checkRange(link.targetUri, link.targetRange, `${what} targetRange`);
        texts.checkRange(link.targetUri, link.targetSelectionRange, `${what} targetSelectionRange`);
      }
      return;
    case 'textDocument/completion':
      for (const item of Array.isArray(result) ? result : array(result?.items)) {
        if (typeof item.label !== 'string') throw new FuzzFailure(`${what}: an item without a label ${short(item)}`);
        if (item.textEdit) inDoc(item.textEdit.range ?? item.textEdit.replace, 'textEdit');
      }
      return;
    case 'textDocument/codeAction':
      for (const action of array(result)) {
        if (typeof action.title !== 'string') throw new FuzzFailure(`${what}: an action without a title`);
        for (const [target, edits] of Object.entries<any[]>(action.edit?.changes ?? {})) for (const edit of edits) texts.checkRange(target, edit.range, `${what} edit "${action.title}"`);
        for (const change of action.edit?.documentChanges ?? []) for (const edit of change.edits ?? []) texts.checkRange(change.textDocument?.uri, edit.range, `${what} edit "${action.title}"`);
      }
      return;
    case 'textDocument/references':
      for (const location of array(result)) texts.checkRange(location.uri, location.range, what);
      return;
    case 'textDocument/documentSymbol': {
      const walk = (symbols: any[]) => {
        for (const symbol of symbols) {
          inDoc(symbol.range, `range of "${symbol.name}"`);
          inDoc(symbol.selectionRange, `selectionRange of "${symbol.name}"`);
          if (!before(symbol.range.start, symbol.selectionRange.start) || !before(symbol.selectionRange.end, symbol.range.end)) {
            throw new FuzzFailure(`${what}: the selectionRange of "${symbol.name}" is not inside its range: ${short(symbol)}`);
          }
          walk(symbol.children ?? []);
        }
      };
      walk(array(result));
      return;
    }
    case 'workspace/symbol':
      for (const symbol of array(result)) texts.checkRange(symbol.location?.uri, symbol.location?.range, `${what} "${symbol.name}"`);
      return;
    case 'textDocument/codeLens':
      for (const lens of array(result)) {
        inDoc(lens.range, 'range');
        for (const location of lens.command?.arguments?.[2] ?? []) texts.checkRange(location.uri, location.range, `${what} reference`);
      }
      return;
    case 'textDocument/documentLink':
      for (const link of array(result)) inDoc(link.range, 'range');
      return;
    case 'textDocument/diagnostic':
      for (const diagnostic of array(result?.items)) inDoc(diagnostic.range, `diagnostic ${diagnostic.code}`);
      return;
    case 'oewgCite/citationReport':
    case 'oewgCite/compareDrafts':
      if (result !== null && typeof result !== 'string') throw new FuzzFailure(`${what}: expected Markdown, got ${short(result)}`);
      return;
    case 'oewgCite/checkAllQuotations':
      if (!Number.isInteger(result) || result < 0) throw new FuzzFailure(`${what}: expected a count, got ${short(result)}`);
      return;
    case 'oewgCite/updateCitations':
      if (result === null) return;
      if (typeof result.title !== 'string') throw new FuzzFailure(`${what}: no title ${short(result)}`);
      for (const [target, edits] of Object.entries<any[]>(result.edit?.changes ?? {})) for (const edit of edits) texts.checkRange(target, edit.range, `${what} edit`);
      for (const change of result.edit?.documentChanges ?? []) for (const edit of change.edits ?? []) texts.checkRange(change.textDocument?.uri, edit.range, `${what} edit`);
      return;
    case 'oewgCite/drafts':
    case 'oewgCite/recommendations':
      array(result);
      return;
    case 'oewgCite/draftText':
      if (!result || (typeof result.text !== 'string' && typeof result.error !== 'string')) throw new FuzzFailure(`${what}: expected { text } or { error }, got ${short(result)}`);
      return;
  }
}
