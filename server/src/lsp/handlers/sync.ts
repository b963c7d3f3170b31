// What the client tells the server without asking: documents opened, edited
// and closed; settings, files on disk, workspace folders and workspace trust
// that change.
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileEvent,
  TextDocumentContentChangeEvent,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { SETTINGS_SECTION, WorkspaceTrustNotification } from '../../protocol';
import { readUserSettings } from '../settings';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerContext } from '../context';

/** What TextDocuments listens to. */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];
type SyncMethod = Exclude<keyof TextDocumentConnection, '__textDocumentSync'> & string;
import { DiagnosticsChannel } from '../diagnostics';
import { fileOf } from '../convert';
import { invalidParams, Validator } from '../requests';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Document notifications with the shape TextDocuments reads; anything else is dropped with a message. */
const SYNC_SHAPES: Record<string, (params: Record<string, unknown>) => boolean> = {
  onDidOpenTextDocument: (params) => {
    const document = params.textDocument;
    return isObject(document) && typeof document.uri === 'string' && typeof document.text === 'string' && typeof document.version === 'number';
  },
  onDidChangeTextDocument: (params) =>
    isObject(params.textDocument) &&
    typeof params.textDocument.uri === 'string' &&
    typeof params.textDocument.version === 'number' &&
    Array.isArray(params.contentChanges) &&
    params.contentChanges.every((change: unknown) => TextDocumentContentChangeEvent.isIncremental(change as never) || TextDocumentContentChangeEvent.isFull(change as never)),
  onDidCloseTextDocument: (params) => isObject(params.textDocument) && typeof params.textDocument.uri === 'string',
  onDidSaveTextDocument: (params) => isObject(params.textDocument) && typeof params.textDocument.uri === 'string',
};

/**
 * The document notifications as TextDocuments receives them: malformed ones
 * dropped, and none after shutdown. Documents opened before `initialize` are
 * kept (and served once the folders are known), so that a client that opens
 * too early loses nothing.
 */
export function guardedDocumentSync(ctx: ServerContext): TextDocumentConnection {
  const { connection, lifecycle } = ctx;
  const wrap =
    (name: SyncMethod) =>
    (handler: (params: any) => any) =>
      (connection[name] as unknown as (handler: (params: any) => any) => { dispose(): void })((params: unknown) => {
        if (lifecycle.state === 'shutdown') return undefined;
        const accept = SYNC_SHAPES[name];
        if (accept && !(isObject(params) && accept(params))) {
          connection.console.error(`a ${name.replace(/^on/, '')} notification with malformed params was ignored`);
          return undefined;
        }
        return handler(params);
      });
  return {
    onDidOpenTextDocument: wrap('onDidOpenTextDocument'),
    onDidChangeTextDocument: wrap('onDidChangeTextDocument'),
    onDidCloseTextDocument: wrap('onDidCloseTextDocument'),
    onWillSaveTextDocument: wrap('onWillSaveTextDocument'),
    onWillSaveTextDocumentWaitUntil: wrap('onWillSaveTextDocumentWaitUntil') as TextDocumentConnection['onWillSaveTextDocumentWaitUntil'],
    onDidSaveTextDocument: wrap('onDidSaveTextDocument'),
  };
}

const fileEvents: Validator<{ changes: FileEvent[] }> = (params, method) => {
  if (!isObject(params) || !Array.isArray(params.changes) || !params.changes.every((change) => isObject(change) && typeof change.uri === 'string')) {
    throw invalidParams(`${method}: params must be { changes: [{ uri, type }] }`);
  }
  return params as unknown as { changes: FileEvent[] };
};

const trustParams: Validator<{ trusted: boolean }> = (params, method) => {
  if (!isObject(params) || typeof params.trusted !== 'boolean') throw invalidParams(`${method}: params must be { trusted: boolean }`);
  return { trusted: params.trusted };
};

export interface SyncHandlers {
  /** Gives every open document to the service of its folder (after initialize, after folders change). */
  resync(): void;
  /** Reads the user's settings for every folder. */
  refreshSettings(): Promise<void>;
  /** Workspace folders added or removed. */
  foldersChanged(event: WorkspaceFoldersChangeEvent | undefined): Promise<void>;
}

export function registerSyncHandlers(ctx: ServerContext, diagnostics: DiagnosticsChannel): SyncHandlers {
  const { connection, documents, folders, registrar } = ctx;

  function resync() {
    for (const document of documents.all()) {
      const file = fileOf(document.uri);
      folders.route(file).service.setDocument(file, document.getText(), document.version);
    }
  }

  async function refreshSettings() {
    if (!ctx.client.readConfiguration) return;
    const targets = folders.all();
    const values: unknown = await connection.workspace.getConfiguration(targets.map((folder) => ({ scopeUri: folder.uri, section: SETTINGS_SECTION })));
    targets.forEach((folder, i) => folders.setUserSettings(folder, readUserSettings(Array.isArray(values) ? values[i] : undefined)));
  }

  /** After anything that changes drafts or settings: everything is re-checked, then PDF/Word drafts are read and it is re-checked again if one changed. */
  async function refreshEverything() {
    ctx.refreshAll();
    if (await ctx.extracted.refresh()) ctx.refreshAll();
  }

  documents.onDidOpen((event) => {
    if (ctx.lifecycle.state === 'running') diagnostics.documentOpened(event.document.uri);
  });

  // While the user types, the lenses follow once the typing pauses: counting every citation of every submission is not a keystroke's work.
  let lensTimer: ReturnType<typeof setTimeout> | undefined;
  function refreshCodeLensesSoon() {
    clearTimeout(lensTimer);
    lensTimer = setTimeout(() => refreshCodeLenses(ctx), LENS_REFRESH_DELAY_MS);
    lensTimer.unref?.();
  }

  documents.onDidChangeContent((change) => {
    // Before initialize the folders are unknown: the document waits (resync gives it to its service).
    if (ctx.lifecycle.state !== 'running') return;
    const file = fileOf(change.document.uri);
    const service = folders.route(file).service;
    const isConfig = folders.isConfigFile(file);
    const affectsOthers = service.isDraft(file) || isConfig;
    service.setDocument(file, change.document.getText(), change.document.version);
    void ctx.settingsReady.then(() => {
      if (affectsOthers || service.isDraft(file)) {
        ctx.refreshAll();
        // The configuration may now name a PDF or Word draft that was never read.
        if (isConfig) void ctx.extracted.refresh().then((changed) => changed && ctx.refreshAll());
      } else {
        diagnostics.documentChanged(change.document.uri);
        // A citation typed in a submission changes the counts on the drafts' lenses.
        if (service.isChecked(file)) refreshCodeLensesSoon();
      }
    });
  });

  documents.onDidClose((event) => {
    if (ctx.lifecycle.state !== 'running') return;
    const file = fileOf(event.document.uri);
    const folder = folders.route(file);
    const service = folder.service;
    const affectsOthers = service.isDraft(file) || folders.isConfigFile(file);
    service.closeDocument(file);
    diagnostics.documentClosed(event.document.uri, service.isChecked(file));
    // A file outside the workspace was served by a service of its own folder: kept while a document there is open.
    if (!folder.workspace && !documents.all().some((document) => document.uri !== event.document.uri && folders.route(fileOf(document.uri)) === folder)) folders.dropOutside(folder);
    if (affectsOthers) ctx.refreshAll();
  });

  registrar.notification(DidChangeConfigurationNotification.method, (params) => params, async () => {
    await refreshSettings();
    await refreshEverything();
  });

  registrar.notification(DidChangeWatchedFilesNotification.method, fileEvents, async ({ changes }) => {
    for (const change of changes) {
      const file = fileOf(change.uri);
      // A folder's drafts may lie in another folder: every service hears of it (each ignores what is not its own).
      for (const { service } of folders.all()) service.fileChanged(file);
    }
    await refreshEverything();
  });

  registrar.notification(WorkspaceTrustNotification.method, trustParams, async ({ trusted }) => {
    folders.setTrusted(trusted);
    await refreshEverything();
  });

  return {
    resync,
    refreshSettings,
    async foldersChanged(event) {
      if (ctx.lifecycle.state !== 'running' || !event || !Array.isArray(event.added) || !Array.isArray(event.removed)) return;
      for (const removed of event.removed) if (typeof removed?.uri === 'string') folders.remove(fileOf(removed.uri));
      for (const added of event.added) if (typeof added?.uri === 'string') folders.add(fileOf(added.uri), added.uri);
      resync();
      await refreshSettings();
      await refreshEverything();
    },
  };
}

/** How long after the last keystroke in a submission the drafts' "cited N times" lenses are refreshed. */
const LENS_REFRESH_DELAY_MS = 300;

export function refreshCodeLenses(ctx: ServerContext): void {
  if (ctx.client.refreshCodeLenses) void ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}
