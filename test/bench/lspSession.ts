// Our server over stdio for the bench: dist/server.js driven by the test
// client, with 1-character edits sent as an editor sends them (incremental
// changes, a new version each) and the diagnostics of that version awaited.
import * as fs from 'fs';
import { LineMap } from '../../server/src/core/lines';
import { Diagnostic, TestLspClient } from '../support/lspClient';

const LONG = 300_000;

export class LspSession {
  private readonly versions = new Map<string, number>();
  private readonly lines = new Map<string, LineMap>();

  private constructor(readonly client: TestLspClient) {}

  static async start(root: string): Promise<LspSession> {
    const session = new LspSession(new TestLspClient({ root }));
    await session.client.start();
    return session;
  }

  /** Opens `file` and waits for its first diagnostics. */
  async open(file: string, text: string): Promise<Diagnostic[]> {
    this.versions.set(file, 1);
    this.lines.set(file, new LineMap(text));
    await this.client.open(file, text);
    return this.diagnosticsOf(file, 1);
  }

  async close(file: string): Promise<void> {
    await this.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.client.uri(file) } });
    this.versions.delete(file);
    this.lines.delete(file);
  }

  /** Sends a new version replacing the one character at `offset` with `letter` (the line breaks stay where they are). */
  async keystroke(file: string, offset: number, letter: string): Promise<number> {
    const version = this.versions.get(file)! + 1;
    this.versions.set(file, version);
    const lines = this.lines.get(file)!;
    const range = { start: lines.positionAt(offset), end: lines.positionAt(offset + 1) };
    await this.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.client.uri(file), version },
      contentChanges: [{ range, text: letter }],
    });
    return version;
  }

  /** The diagnostics published for `version` of `file` (push; the test client announces no pull support). */
  diagnosticsOf(file: string, version: number): Promise<Diagnostic[]> {
    const uri = this.client.uri(file);
    const published = this.client.published;
    let seen = 0;
    let found: Diagnostic[] | undefined;
    return this.client.waitForDiagnostics(file, () => {
      for (; seen < published.length; seen++) {
        const entry = published[seen] as { uri: string; version?: number; diagnostics: Diagnostic[] };
        if (entry.uri === uri && entry.version === version) found = entry.diagnostics;
      }
      return found !== undefined;
    }, LONG).then(() => found!);
  }

  hover(file: string, offset: number): Promise<unknown> {
    return this.client.request('textDocument/hover', { textDocument: { uri: this.client.uri(file) }, position: this.lines.get(file)!.positionAt(offset) });
  }

  /** A request no server handles: the round trip of a MethodNotFound answer. */
  async unknownMethod(): Promise<void> {
    try {
      await this.client.request('$/unknownMethod', {});
    } catch (error) {
      if ((error as { code?: number }).code === -32601) return;
      throw error;
    }
    throw new Error('$/unknownMethod was answered as if it were known');
  }

  /** Peak resident memory of the server process in MB (Linux: VmHWM of the child running dist/server.js). */
  peakMemory(): number | undefined {
    for (const pid of childProcesses()) {
      const status = readOr(`/proc/${pid}/status`);
      const cmdline = readOr(`/proc/${pid}/cmdline`);
      const peak = /VmHWM:\s+(\d+) kB/.exec(status);
      if (peak && cmdline.includes('server.js')) return Number(peak[1]) / 1024;
    }
    return undefined;
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function childProcesses(): number[] {
  const children = readOr(`/proc/${process.pid}/task/${process.pid}/children`);
  return children.split(/\s+/).filter(Boolean).map(Number);
}
