// LSP handlers: find the document, ask the language service, translate the
// answer. No citation logic lives here.
import * as path from 'path';
import { URI } from 'vscode-uri';
import {
  CodeAction,
  CodeActionKind,
  CodeLens,
  CodeLensRefreshRequest,
  CompletionItem,
  CompletionItemKind,
  Connection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Diagnostic,
  DocumentSymbol,
  InitializeResult,
  Location,
  LocationLink,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  SymbolInformation,
  SymbolKind,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config';
import { citationReport } from '../core/report';
import { createLanguageService, LanguageService, ServiceSettings } from '../core/languageService';
import { MAX_WORKSPACE_SYMBOLS } from '../core/navigationFeature';
import { LineMap } from '../core/lines';
import { CoreDiagnostic, Severity, Span } from '../core/model';
import { DiskFileSystem, FileSystem } from '../core/workspace';
import { isExtractedDraft, refreshExtractedDrafts, withExtractedDrafts } from '../core/draftExtraction';
import { createDraftExtraction } from '../extraction';
import type { CoreCodeAction, OutlineKind, OutlineSymbol, ReferenceEntry } from '../core/features';
import {
  CheckAllQuotationsParams,
  CheckAllQuotationsRequest,
  CompareDraftsParams,
  CompareDraftsRequest,
  UpdateCitationsParams,
  UpdateCitationsRequest,
  CitationReportParams,
  CitationReportRequest,
  DRAFT_TEXT_SCHEME,
  DraftItem,
  DraftsRequest,
  DraftTextChangedNotification,
  DraftTextChangedParams,
  DraftTextParams,
  DraftTextRequest,
  DraftTextResult,
  RecommendationItem,
  RecommendationsRequest,
  SETTINGS_SECTION,
  SHOW_REFERENCES_COMMAND,
  StatusNotification,
  StatusParams,
} from '../protocol';

/** Sections hold sub-headings, which hold paragraphs; a submission's headings hold its citations. */
const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.Namespace,
  subheading: SymbolKind.Module,
  paragraph: SymbolKind.String,
  heading: SymbolKind.Namespace,
  citation: SymbolKind.Key,
};

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What `oewgCite.severity` may say of a code. */
const SEVERITY_NAMES: readonly unknown[] = ['error', 'warning', 'information', 'hint', 'off'];

export function startServer(connection: Connection, baseFileSystem: FileSystem = new DiskFileSystem()): void {
  // PDF and Word drafts are read (in a worker thread, through the disk cache) into this cache; the services read them from it.
  const extractions = createDraftExtraction().cache;
  const fileSystem = withExtractedDrafts(baseFileSystem, extractions);
  const documents = new TextDocuments(TextDocument);
  const services = new Map<string, LanguageService>();
  let settings: ServiceSettings = {};
  let settingsReady: Promise<void> = Promise.resolve();
  let lastCurrentDraftAlert = '';
  let canWatchFiles = false;
  let canReadConfiguration = false;
  let canRefreshCodeLenses = false;
  let lastConfigAlert = '';

  /** The service of the workspace folder holding `file` (the deepest one). */
  function serviceFor(file: string): LanguageService {
    let best: string | undefined;
    for (const root of services.keys()) {
      if ((file === root || file.startsWith(root + path.sep)) && (!best || root.length > best.length)) best = root;
    }
    if (best) return services.get(best)!;
    // A file outside every folder: its own folder is its workspace.
    const root = path.dirname(file);
    const service = createLanguageService(fileSystem, root, settings);
    services.set(root, service);
    return service;
  }

  const fileOf = (uri: string) => URI.parse(uri).fsPath;
  /** The URI the editor opens a file by: a PDF or Word draft opens as the read-only view of its text. */
  const documentUri = (file: string) => (isExtractedDraft(file) ? URI.file(file).with({ scheme: DRAFT_TEXT_SCHEME }) : URI.file(file)).toString();

  const lineMapOf = (document: TextDocument) => new LineMap(document.getText());

  let refreshing: Promise<boolean> = Promise.resolve(false);
  const announced = new Map<string, string>();
  /**
   * Reads the PDF and Word drafts of every workspace that are new or changed
   * on disk (one refresh at a time); says once why one cannot be read or
   * seems misread. True when a draft's text changed.
   */
  function refreshExtracted(): Promise<boolean> {
    // One failed refresh must not stop the next ones.
    refreshing = refreshing.catch(() => false).then(async () => {
      let changed = false;
      for (const service of [...services.values()]) {
        for (const file of await refreshExtractedDrafts(service, extractions)) {
          changed = true;
          void connection.sendNotification(DraftTextChangedNotification, { uri: documentUri(file) } satisfies DraftTextChangedParams);
          const entry = extractions.get(file);
          const news = [entry?.error, ...(entry?.warnings ?? [])].filter((message): message is string => !!message).join('\n');
          if (news && announced.get(file) !== news) {
            const message = entry?.error ? `oewg-cite: ${entry.error}. Its citations are reported as not indexed; the other drafts are checked as usual.` : `oewg-cite: ${news}`;
            void connection.sendNotification(ShowMessageNotification.type, { type: entry?.error ? MessageType.Error : MessageType.Warning, message });
          }
          announced.set(file, news);
        }
      }
      return changed;
    });
    return refreshing;
  }

  function toRange(lines: LineMap, span: Span) {
    return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
  }

  function toDiagnostic(lines: LineMap, found: CoreDiagnostic): Diagnostic {
    return { range: toRange(lines, found.span), severity: SEVERITY[found.severity], code: found.code, source: 'oewg-cite', message: found.message, data: found.data };
  }

  function publish(uri: string) {
    const file = fileOf(uri);
    const document = documents.get(uri);
    const service = serviceFor(file);
    const text = document?.getText() ?? fileSystem.readFile(file);
    if (text === undefined) return;
    const lines = new LineMap(text);
    connection.sendDiagnostics({ uri, version: document?.version, diagnostics: service.diagnostics(file).map((found) => toDiagnostic(lines, found)) });
  }

  /** Everything that depends on drafts or configuration: every open document and each oewg-cite.json. */
  function publishAll() {
    refreshCodeLenses();
    for (const document of documents.all()) publish(document.uri);
    for (const [root, service] of services) {
      const { config, problems } = service.configuration();
      const configFile = config.file ?? path.join(root, CONFIG_FILE_NAME);
      if (!documents.get(URI.file(configFile).toString()) && (config.origin === 'file' || problems.length > 0)) publish(URI.file(configFile).toString());
      alertOnBrokenConfig(configFile, problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message));
    }
    sendStatus();
  }

  function alertOnBrokenConfig(configFile: string, errors: string[]) {
    const key = errors.length ? `${configFile}\n${errors.join('\n')}` : '';
    if (key && key !== lastConfigAlert) {
      // A notification, not a request: nothing waits for the user to dismiss it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `oewg-cite: ${path.basename(configFile)} has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors[0]}${errors.length > 1 ? ' …' : ''} (see the Problems panel; defaults are used meanwhile)` });
    }
    lastConfigAlert = key;
  }

  function sendStatus() {
    const service = services.values().next().value as LanguageService | undefined;
    if (!service) return;
    const current = service.currentDraft();
    const summary = service.drafts().find((draft) => draft.id === current?.id);
    const params: StatusParams = {
      currentDraft: current && summary ? { id: current.id, label: current.label, paragraphCount: summary.paragraphCount } : undefined,
      draftCount: service.drafts().filter((draft) => draft.indexed).length,
      configProblems: service.configuration().problems.length,
    };
    void connection.sendNotification(StatusNotification, params);
  }

  /** Only the severities a diagnostic can have: a misspelt value in settings.json is left out, not published as none. */
  function validSeverities(value: unknown): NonNullable<ServiceSettings['severity']> {
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value).filter(([, severity]) => SEVERITY_NAMES.includes(severity)));
  }

  async function refreshSettings() {
    if (canReadConfiguration) {
      const value = (await connection.workspace.getConfiguration(SETTINGS_SECTION)) ?? {};
      settings = {
        severity: validSeverities(value.severity),
        draftGlobs: Array.isArray(value.draftGlobs) ? value.draftGlobs : undefined,
        currentDraft: typeof value.currentDraft === 'string' && value.currentDraft.trim() ? value.currentDraft.trim() : undefined,
      };
    }
    for (const service of services.values()) service.updateSettings(settings);
    alertOnUnknownCurrentDraft();
  }

  /** "oewgCite.currentDraft" naming no draft of the workspace: said once, and which draft is used instead. */
  function alertOnUnknownCurrentDraft() {
    const wanted = settings.currentDraft;
    const service = services.values().next().value as LanguageService | undefined;
    const unknown = wanted && service && !service.draft(wanted) ? wanted : '';
    if (unknown && unknown !== lastCurrentDraftAlert) {
      const known = service!.drafts().filter((draft) => draft.indexed).map((draft) => draft.label).join(', ') || 'none is indexed';
      const used = service!.currentDraft();
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `oewg-cite: the setting oewgCite.currentDraft names "${unknown}", which is not a draft of this workspace (${known})${used ? `; the ${used.label} is used instead` : ''}. Choose one with "OEWG: Select Current Draft".`,
      });
    }
    lastCurrentDraftAlert = unknown;
  }

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((folder) => fileOf(folder.uri)) ?? (params.rootUri ? [fileOf(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    for (const root of folders) services.set(root, createLanguageService(fileSystem, root, settings));
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    canRefreshCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
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
      },
      serverInfo: { name: 'oewg-cite' },
    };
  });

  connection.onInitialized(() => {
    // Documents opened meanwhile wait for the user's settings, so their first diagnostics have the chosen severities.
    settingsReady = initialize();
    void settingsReady.then(async () => {
      publishAll();
      // PDF and Word drafts are read after that: their citations say they are still being read until then.
      if (await refreshExtracted()) publishAll();
    });
  });

  async function initialize() {
    if (canWatchFiles) {
      // Drafts and the configuration change on disk (a new draft arrives, a
      // colleague edits oewg-cite.json): re-read them when they do.
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{txt,md,markdown,pdf,docx}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
      });
    }
    if (canReadConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    await refreshSettings();
  }

  connection.onDidChangeConfiguration(async () => {
    await refreshSettings();
    await refreshExtracted();
    publishAll();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      const file = fileOf(change.uri);
      serviceFor(file).fileChanged(file);
    }
    await refreshExtracted();
    publishAll();
  });

  documents.onDidChangeContent((change) => {
    const file = fileOf(change.document.uri);
    const service = serviceFor(file);
    const affectsOthers = service.isDraft(file) || path.basename(file) === CONFIG_FILE_NAME;
    service.setDocument(file, change.document.getText(), change.document.version);
    void settingsReady.then(() => {
      if (affectsOthers || service.isDraft(file)) {
        publishAll();
        // The configuration may now name a PDF or Word draft that was never read.
        if (path.basename(file) === CONFIG_FILE_NAME) void refreshExtracted().then((changed) => changed && publishAll());
      } else {
        publish(change.document.uri);
        // A citation typed in a submission changes the counts on the drafts' lenses.
        if (service.isChecked(file)) refreshCodeLenses();
      }
    });
  });

  documents.onDidClose((event) => {
    const file = fileOf(event.document.uri);
    const service = serviceFor(file);
    const wasDraft = service.isDraft(file) || path.basename(file) === CONFIG_FILE_NAME;
    service.closeDocument(file);
    if (!service.isChecked(file) && path.basename(file) !== CONFIG_FILE_NAME) connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    if (wasDraft) publishAll();
  });

  connection.onHover(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const lines = lineMapOf(document);
    const found = serviceFor(fileOf(textDocument.uri)).hover(fileOf(textDocument.uri), lines.offsetAt(position));
    return found ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(lines, found.span) } : null;
  });

  connection.onDefinition(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const lines = lineMapOf(document);
    const targets = serviceFor(fileOf(textDocument.uri)).definition(fileOf(textDocument.uri), lines.offsetAt(position));
    const draftLines = new Map<string, LineMap>();
    return targets.map((target): LocationLink => {
      let targetLines = draftLines.get(target.file);
      if (!targetLines) {
        const uri = URI.file(target.file).toString();
        targetLines = new LineMap(documents.get(uri)?.getText() ?? fileSystem.readFile(target.file) ?? '');
        draftLines.set(target.file, targetLines);
      }
      return {
        originSelectionRange: toRange(lines, target.originSpan),
        targetUri: documentUri(target.file),
        targetRange: toRange(targetLines, target.span),
        targetSelectionRange: toRange(targetLines, target.selectionSpan),
      };
    });
  });

  connection.onCompletion(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const lines = lineMapOf(document);
    const entries = serviceFor(fileOf(textDocument.uri)).completions(fileOf(textDocument.uri), lines.offsetAt(position));
    return entries.map(
      (entry): CompletionItem => ({
        label: entry.label,
        kind: CompletionItemKind.Reference,
        detail: entry.detail,
        documentation: { kind: MarkupKind.Markdown, value: entry.documentation },
        sortText: entry.sortText,
        filterText: entry.label,
        textEdit: { range: toRange(lines, entry.replaceSpan), newText: entry.label },
      }),
    );
  });

  connection.onRequest(DraftsRequest, (): DraftItem[] => {
    const service = services.values().next().value as LanguageService | undefined;
    return service ? service.drafts() : [];
  });

  connection.onRequest(RecommendationsRequest, (): RecommendationItem[] => {
    const service = services.values().next().value as LanguageService | undefined;
    const current = service?.currentDraft();
    if (!service || !current) return [];
    return service.recommendations().map((paragraph) => ({
      number: paragraph.number,
      text: paragraph.text,
      section: paragraph.section ? `${paragraph.section.letter ? `${paragraph.section.letter}. ` : ''}${paragraph.section.title}` : undefined,
      subheading: paragraph.subheading,
      draftLabel: current.label,
    }));
  });

  connection.onRequest(CitationReportRequest, ({ uri }: CitationReportParams): string => {
    const file = fileOf(uri);
    const service = serviceFor(file);
    const text = documents.get(uri)?.getText() ?? fileSystem.readFile(file) ?? '';
    return citationReport(service, file, text);
  });

  /** Lines of a file as the editor has it (open) or as it is on disk. */
  function linesOf(file: string): { lines: LineMap; version: number | null } {
    const document = documents.get(URI.file(file).toString());
    return { lines: new LineMap(document?.getText() ?? fileSystem.readFile(file) ?? ''), version: document?.version ?? null };
  }

  function toWorkspaceEdit(action: CoreCodeAction): WorkspaceEdit {
    const byFile = new Map<string, CoreCodeAction['edits']>();
    for (const edit of action.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    const annotationId = action.needsConfirmation ? 'oewg-cite.preview' : undefined;
    const documentChanges = [...byFile].map(([file, edits]) => {
      const { lines, version } = linesOf(file);
      return TextDocumentEdit.create(
        { uri: URI.file(file).toString(), version },
        edits.map((edit) => ({ range: toRange(lines, edit.span), newText: edit.newText, ...(annotationId ? { annotationId } : {}) })),
      );
    });
    return annotationId
      ? { documentChanges, changeAnnotations: { [annotationId]: { label: action.title, needsConfirmation: true } } }
      : { documentChanges };
  }

  function toCodeAction(file: string, action: CoreCodeAction): CodeAction {
    const { lines } = linesOf(file);
    return {
      title: action.title,
      kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : action.kind === 'source' ? `${CodeActionKind.Source}.oewgCite` : CodeActionKind.RefactorRewrite,
      diagnostics: action.fixes?.map((found) => toDiagnostic(lines, found)),
      isPreferred: action.isPreferred,
      edit: toWorkspaceEdit(action),
    };
  }

  connection.onCodeAction(({ textDocument, range, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const file = fileOf(textDocument.uri);
    const service = serviceFor(file);
    const lines = lineMapOf(document);
    const span = { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
    const overlapping = service.diagnostics(file).filter((found) => found.span.start <= span.end && found.span.end >= span.start);
    const actions = service.codeActions(file, span, overlapping).map((action) => toCodeAction(file, action));
    // The editor asks for one family at a time ("Source Action…" asks for source.*): answer only that.
    const only = context.only;
    return only?.length ? actions.filter((action) => only.some((kind) => action.kind === kind || action.kind!.startsWith(`${kind}.`))) : actions;
  });

  connection.onDocumentLinks(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const lines = lineMapOf(document);
    return serviceFor(fileOf(textDocument.uri))
      .documentLinks(fileOf(textDocument.uri))
      .map((link) => ({ range: toRange(lines, link.span), target: /^[a-z]+:\/\//.test(link.target) ? link.target : documentUri(link.target), tooltip: link.tooltip }));
  });

  /** Locations of places in several files, each file's lines read once. */
  function toLocations(references: readonly ReferenceEntry[]): Location[] {
    const lines = new Map<string, LineMap>();
    return references.map((reference) => {
      let fileLines = lines.get(reference.file);
      if (!fileLines) lines.set(reference.file, (fileLines = linesOf(reference.file).lines));
      return { uri: documentUri(reference.file), range: toRange(fileLines, reference.span) };
    });
  }

  function refreshCodeLenses() {
    if (canRefreshCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  connection.onReferences(({ textDocument, position, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const file = fileOf(textDocument.uri);
    return toLocations(serviceFor(file).references(file, lineMapOf(document).offsetAt(position), { includeDeclaration: context?.includeDeclaration }));
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const lines = lineMapOf(document);
    const toSymbol = (symbol: OutlineSymbol): DocumentSymbol => ({
      name: symbol.name,
      detail: symbol.detail,
      kind: SYMBOL_KIND[symbol.kind],
      range: toRange(lines, symbol.span),
      selectionRange: toRange(lines, symbol.selectionSpan),
      children: symbol.children.map(toSymbol),
    });
    return serviceFor(fileOf(textDocument.uri)).documentSymbols(fileOf(textDocument.uri)).map(toSymbol);
  });

  connection.onWorkspaceSymbol(({ query }): SymbolInformation[] => {
    const found = [...services.values()].flatMap((service) => service.workspaceSymbols(query)).slice(0, MAX_WORKSPACE_SYMBOLS);
    const locations = toLocations(found);
    return found.map((symbol, i) => ({ name: symbol.name, kind: SYMBOL_KIND[symbol.kind], containerName: symbol.containerName, location: locations[i] }));
  });

  connection.onCodeLens(({ textDocument }): CodeLens[] => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const lines = lineMapOf(document);
    return serviceFor(fileOf(textDocument.uri))
      .codeLenses(fileOf(textDocument.uri))
      .map((lens) => ({
        range: toRange(lines, lens.span),
        // Nothing to open: a title without a command, which VS Code shows as plain text.
        command: lens.references.length
          ? { title: lens.title, command: SHOW_REFERENCES_COMMAND, arguments: [textDocument.uri, lines.positionAt(lens.position), toLocations(lens.references)] }
          : { title: lens.title, command: '' },
      }));
  });

  connection.onRequest(CompareDraftsRequest, ({ older, newer }: CompareDraftsParams): string | null => {
    const service = services.values().next().value as LanguageService | undefined;
    return service?.compareDrafts(older, newer) ?? null;
  });

  connection.onRequest(UpdateCitationsRequest, ({ uri, preview = true }: UpdateCitationsParams): { title: string; edit: WorkspaceEdit } | null => {
    const file = fileOf(uri);
    const service = serviceFor(file);
    const action = service.codeActions(file, { start: 0, end: 0 }, []).find((candidate) => candidate.kind === 'source');
    return action && action.edits.length ? { title: action.title, edit: toWorkspaceEdit({ ...action, needsConfirmation: preview && action.needsConfirmation }) } : null;
  });

  connection.onRequest(DraftTextRequest, async ({ uri }: DraftTextParams): Promise<DraftTextResult> => {
    const file = URI.parse(uri).with({ scheme: 'file' }).fsPath;
    if (!isExtractedDraft(file)) return { error: `${file} is not a PDF or Word (.docx) draft` };
    // A draft changed on disk before its watcher said so: the view and the definitions must read the same text.
    if (await refreshExtracted()) publishAll();
    if (!extractions.get(file)) await extractions.refresh(file);
    const entry = extractions.get(file);
    return entry?.text !== undefined ? { text: entry.text } : { error: entry?.error ?? `cannot read ${file}` };
  });

  connection.onRequest(CheckAllQuotationsRequest, ({ uri }: CheckAllQuotationsParams): number => {
    const file = fileOf(uri);
    const service = serviceFor(file);
    service.auditQuotations(file, true);
    publish(uri);
    return service.diagnostics(file).length;
  });

  documents.listen(connection);
  connection.listen();
}
