// What the e2e tests share: the workspace, the extension, waiting for the
// language server without fixed sleeps, and reading drafts the way a reader
// would (to know what a hover must say without asking the extension).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'oewg-cite.oewg-cite';
export const SOURCE = 'oewg-cite';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder');
  return folder.uri.fsPath;
}

export function workspacePath(relative: string): string {
  return path.join(workspaceRoot(), relative);
}

export function extension(): vscode.Extension<{ ready: Promise<void> }> {
  const found = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
  if (!found) throw new Error(`${EXTENSION_ID} is not loaded`);
  return found;
}

/** Waits for activation (by whatever event) and for the language server to run. */
export async function activated(): Promise<void> {
  const api = await extension().activate();
  await api?.ready;
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspacePath(relative));
  return vscode.window.showTextDocument(document);
}

/** The position `offset` characters into the first occurrence of `text`. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(text);
  if (index < 0) throw new Error(`"${text}" is not in ${document.uri.fsPath}`);
  return document.positionAt(index + offset);
}

/**
 * Re-checks `check` whenever one of `events` fires, and every 100 ms for what
 * raises no event (a server still indexing), until it returns a value or the
 * deadline passes. Never a fixed sleep.
 */
export function eventually<T>(
  what: string | (() => string),
  check: () => T | undefined | Promise<T | undefined>,
  events: vscode.Event<unknown>[] = [],
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let checking = false;
    let last: unknown;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (error: Error | undefined, value?: T) => {
      if (settled) return;
      settled = true;
      clearInterval(interval);
      clearTimeout(timer);
      subscriptions.forEach((subscription) => subscription.dispose());
      if (error) reject(error);
      else resolve(value as T);
    };
    const attempt = async () => {
      if (settled || checking) return;
      checking = true;
      try {
        const value = await check();
        if (value !== undefined && value !== false) finish(undefined, value);
      } catch (error) {
        last = error;
      } finally {
        checking = false;
      }
    };
    for (const event of events) subscriptions.push(event(() => void attempt()));
    const interval = setInterval(() => void attempt(), 100);
    const timer = setTimeout(() => {
      const detail = last instanceof Error ? `: ${last.message}` : '';
      const described = typeof what === 'string' ? what : what();
      finish(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${described}${detail}`));
    }, timeoutMs);
    void attempt();
  });
}

function markdownText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return content.value;
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((hover) => hover.contents.map(markdownText)).join('\n');
}

/** The hover at `position` once it contains `expected` (the server may still be indexing). */
export function hoverContaining(uri: vscode.Uri, position: vscode.Position, expected: string): Promise<string> {
  let seen = '';
  return eventually(() => `a hover containing "${expected}" (last seen: "${seen.slice(0, 300)}")`, async () => {
    seen = await hoverText(uri, position);
    return plain(seen).includes(plain(expected)) ? seen : undefined;
  });
}

/** Markdown emphasis and escapes removed, whitespace collapsed: what a reader sees. */
export function plain(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1').replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();
}

export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Our diagnostics of `uri` once they satisfy `condition`, re-checked on every diagnostics change. */
export function diagnosticsWhen(
  uri: vscode.Uri,
  what: string,
  condition: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  const described = () => `${what}; the diagnostics were:\n${describeDiagnostics(ourDiagnostics(uri)) || '(none)'}`;
  return eventually(described, () => {
    const diagnostics = ourDiagnostics(uri);
    return condition(diagnostics) ? diagnostics : undefined;
  }, [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>]);
}

export function describeDiagnostics(diagnostics: vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}: [${diagnosticCode(d)}] ${d.message}`).join('\n');
}

/** A numbered paragraph of a draft file as a reader finds it: "12. text". */
export interface DraftParagraph {
  line: number;
  text: string;
  section?: string;
}

export function readParagraph(draftFile: string, number: number): DraftParagraph {
  const lines = fs.readFileSync(draftFile, 'utf8').split(/\r?\n/);
  let section: string | undefined;
  for (let line = 0; line < lines.length; line++) {
    const heading = /^#*\s*\**([A-H])\.\s+(.+?)\**\s*$/.exec(lines[line]);
    if (heading) section = `${heading[1]}. ${heading[2]}`;
    const paragraph = new RegExp(`^${number}\\.\\s+(.+)$`).exec(lines[line]);
    if (paragraph) return { line, text: paragraph[1], section };
  }
  throw new Error(`no paragraph ${number} in ${draftFile}`);
}

/** The first words of a paragraph without emphasis or footnote markers. */
export function opening(paragraph: DraftParagraph, words = 8): string {
  return plain(paragraph.text.replace(/\[\^\d+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+/g, '')).split(' ').slice(0, words).join(' ');
}

export function highestParagraph(draftFile: string): number {
  const numbers = [...fs.readFileSync(draftFile, 'utf8').matchAll(/^(\d+)\.\s/gm)].map((match) => Number(match[1]));
  return Math.max(...numbers);
}

/** Writes a file the way another program would: on disk, not through the editor. */
export function writeOnDisk(relative: string, text: string): vscode.Uri {
  const file = workspacePath(relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}
