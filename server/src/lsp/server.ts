// The language server: `startServer(connection, deps)` builds the shared
// context and wires the handler modules. Handlers only translate: find the
// document, ask the service of its folder (folders.ts), convert the answer
// (convert.ts). See docs/ARCHITECTURE.md for the layout of this folder.
import * as path from 'path';
import { URI } from 'vscode-uri';
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config';
import { withExtractedDrafts } from '../core/draftExtraction';
import { createDraftExtraction, DiskExtractionStore } from '../extraction';
import { DEFAULT_CACHE_MAX_BYTES } from '../extraction/diskStore';
import { LineMap } from '../core/lines';
import { DiskFileSystem, FileSystem } from '../core/workspace';
import { InitializationOptions, SETTINGS_SECTION } from '../protocol';
import { ClientSupport, ServerContext } from './context';
import { fileOf } from './convert';
import { createDiagnostics } from './diagnostics';
import { createExtractedDraftRefresher } from './extractedDrafts';
import { Folders } from './folders';
import { registerCustomHandlers } from './handlers/custom';
import { registerLanguageHandlers } from './handlers/language';
import { guardedDocumentSync, refreshCodeLenses, registerSyncHandlers } from './handlers/sync';
import { createRegistrar, Lifecycle } from './requests';
import { createStatusReporter } from './status';

export interface ServerDeps {
  /** Where files are read (default: the disk). */
  fileSystem?: FileSystem;
  /** An explicit configuration file (`--config`), used instead of the folders' oewg-cite.json. */
  configFile?: string;
  /** How long a request may wait for background work before it answers anyway (default 30 s). */
  waitLimitMs?: number;
}

export function startServer(connection: Connection, deps: ServerDeps = {}): { lifecycle: Lifecycle } {
  // PDF and Word drafts are read (in a worker thread, through the disk cache) into this cache; the services read them from it.
  const extractions = createDraftExtraction().cache;
  const fileSystem = withExtractedDrafts(deps.fileSystem ?? new DiskFileSystem(), extractions);
  const documents = new TextDocuments(TextDocument);
  const folders = new Folders(fileSystem, { configFile: deps.configFile });
  const lifecycle = new Lifecycle();
  const client: ClientSupport = {
    watchFiles: false,
    readConfiguration: false,
    refreshCodeLenses: false,
    workDoneProgress: false,
    pullDiagnostics: false,
    refreshDiagnostics: false,
    workspaceFolders: false,
  };

  // Diagnostics wait for the user's settings, read after `initialized`; not longer than the wait limit from `initialize` on.
  let settingsRead: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => (settingsRead = resolve));
  const textOf = (file: string) => documents.get(URI.file(file).toString())?.getText() ?? fileSystem.readFile(file);
  const ctx: ServerContext = {
    connection,
    documents,
    folders,
    fileSystem,
    extractions,
    extracted: createExtractedDraftRefresher(connection, extractions, folders, () => client.workDoneProgress),
    lifecycle,
    registrar: createRegistrar(connection, lifecycle),
    client,
    waitLimitMs: deps.waitLimitMs ?? 30_000,
    settingsReady,
    textOf,
    linesOf: (file) => {
      const document = documents.get(URI.file(file).toString());
      return { lines: new LineMap(document?.getText() ?? fileSystem.readFile(file) ?? ''), version: document?.version ?? null };
    },
    refreshAll: () => undefined,
  };
  const status = createStatusReporter(connection, folders);
  // Every handler is registered now: what arrives before initialize is answered per the lifecycle (requests.ts).
  const diagnostics = createDiagnostics(ctx);
  const sync = registerSyncHandlers(ctx, diagnostics);
  registerLanguageHandlers(ctx);
  registerCustomHandlers(ctx, diagnostics);
  ctx.refreshAll = () => {
    refreshCodeLenses(ctx);
    diagnostics.refreshAll();
    status.report();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (lifecycle.state !== 'starting') throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize: the server is already initialized');
    const capabilities = params.capabilities ?? {};
    client.watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client.readConfiguration = capabilities.workspace?.configuration === true;
    client.refreshCodeLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
    client.workDoneProgress = capabilities.window?.workDoneProgress === true;
    client.pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    client.refreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
    client.workspaceFolders = capabilities.workspace?.workspaceFolders === true;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.trusted === 'boolean') folders.setTrusted(options.trusted);
    if (typeof options.cacheDir === 'string' && path.isAbsolute(options.cacheDir)) extractions.useStore(new DiskExtractionStore(options.cacheDir, DEFAULT_CACHE_MAX_BYTES));

    const given = Array.isArray(params.workspaceFolders) ? params.workspaceFolders.filter((folder) => typeof folder?.uri === 'string') : [];
    if (given.length) for (const folder of given) folders.add(fileOf(folder.uri), folder.uri);
    else if (typeof params.rootUri === 'string') folders.add(fileOf(params.rootUri), params.rootUri);
    else if (typeof params.rootPath === 'string') folders.add(params.rootPath);

    lifecycle.state = 'running';
    setTimeout(settingsRead, ctx.waitLimitMs).unref();
    // Documents opened before initialize are served from now on.
    sync.resync();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: [' ', '¶', '-', '–', ',', '/'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Source] },
        documentLinkProvider: { resolveProvider: false },
        referencesProvider: true,
        documentSymbolProvider: { label: 'OEWG Cite' },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        // The server asks for a refresh itself when a draft or the configuration changes.
        ...(client.pullDiagnostics ? { diagnosticProvider: { identifier: 'oewg-cite', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'oewg-cite' },
    };
  });

  connection.onInitialized(() => {
    if (client.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => void sync.foldersChanged(event));
    // Documents opened meanwhile wait for the user's settings (not forever), so their first diagnostics have the chosen severities.
    void readSettingsFirstTime()
      .catch((error) => connection.console.error(`oewg-cite: the settings could not be read: ${error instanceof Error ? error.message : String(error)}`))
      .finally(settingsRead);
    void settingsReady.then(async () => {
      ctx.refreshAll();
      // PDF and Word drafts are read after that: their citations say they are still being read until then.
      if (await ctx.extracted.refresh()) ctx.refreshAll();
    });
  });

  async function readSettingsFirstTime() {
    if (client.watchFiles) {
      // Drafts and the configuration change on disk (a new draft arrives, a
      // colleague edits oewg-cite.json): re-read them when they do.
      const explicit = folders.explicitConfigFile();
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{txt,md,markdown,pdf,docx}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }, ...(explicit ? [{ globPattern: explicit }] : [])],
      });
    }
    if (client.readConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    await sync.refreshSettings();
  }

  connection.onShutdown(() => {
    lifecycle.state = 'shutdown';
  });

  documents.listen(guardedDocumentSync(ctx));
  connection.listen();
  return { lifecycle };
}
