// What the handler modules share: the connection, the open documents, the
// folders and what the client said it supports.
import { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineMap } from '../core/lines';
import { ExtractionCache } from '../core/draftExtraction';
import { FileSystem } from '../core/workspace';
import { LinesOf } from './convert';
import { ExtractedDraftRefresher } from './extractedDrafts';
import { Folders } from './folders';
import { Lifecycle, Registrar } from './requests';

/** What the client declared in `initialize`. */
export interface ClientSupport {
  watchFiles: boolean;
  readConfiguration: boolean;
  refreshCodeLenses: boolean;
  /** textDocument/diagnostic (LSP 3.17): the client pulls diagnostics; otherwise the server publishes them. */
  pullDiagnostics: boolean;
  refreshDiagnostics: boolean;
  workspaceFolders: boolean;
  /** window/workDoneProgress/create: the server may show progress (reading PDF and Word drafts). */
  workDoneProgress: boolean;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folders: Folders;
  readonly fileSystem: FileSystem;
  readonly extractions: ExtractionCache;
  readonly extracted: ExtractedDraftRefresher;
  readonly lifecycle: Lifecycle;
  readonly registrar: Registrar;
  readonly client: ClientSupport;
  /** How long a request may wait for background work (reading drafts, the client's settings) before it answers anyway. */
  readonly waitLimitMs: number;
  /** Resolves once the user's settings were read after `initialized`, or `waitLimitMs` after `initialize` (diagnostics wait for it). */
  readonly settingsReady: Promise<void>;
  readonly linesOf: LinesOf;
  /** The text of a file as the editor has it (open) or as it is on disk. */
  textOf(file: string): string | undefined;
  /** Everything that depends on drafts or configuration changed: diagnostics, lenses, status, alerts. */
  refreshAll(): void;
}

export function lineMapOf(document: TextDocument): LineMap {
  return new LineMap(document.getText());
}
