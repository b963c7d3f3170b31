// The VS Code side: start the language server, show the current draft in the
// status bar, and the commands. What lives as long as the extension (status
// bar, commands) is kept apart from what dies with the client (a restart
// makes a new client and nothing else).
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, Location as LspLocation, Position as LspPosition, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  CheckAllQuotationsRequest,
  CompareDraftsRequest,
  UpdateCitationsRequest,
  CitationReportRequest,
  DRAFT_TEXT_SCHEME,
  DraftItem,
  DraftsRequest,
  DraftTextChangedNotification,
  DraftTextRequest,
  InitializationOptions,
  RecommendationsRequest,
  SETTINGS_SECTION,
  StatusNotification,
  StatusParams,
  WORD_SUBMISSION_SCHEME,
  WorkspaceTrustNotification,
} from '../../server/src/protocol';

let client: LanguageClient | undefined;

export interface OewgCiteApi {
  /** Resolves once the language server is running (tests wait on it). */
  ready: Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<OewgCiteApi> {
  const status = vscode.window.createStatusBarItem('oewgCite.currentDraft', vscode.StatusBarAlignment.Left, 50);
  status.name = 'OEWG current draft';
  status.command = 'oewgCite.selectCurrentDraft';
  status.text = '$(book) OEWG: …';
  status.tooltip = 'OEWG Cite: the draft citations resolve to by default. Click to choose another.';
  status.show();
  context.subscriptions.push(status);
  // PDF and Word drafts open (go to definition, references) as a read-only view of their text.
  const draftTexts = new DraftTextProvider();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DRAFT_TEXT_SCHEME, draftTexts), draftTexts);
  // A Word submission opens ("OEWG: Open Word Submission") as a read-only view of its text, checked by the server.
  const wordTexts = new DraftTextProvider();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(WORD_SUBMISSION_SCHEME, wordTexts), wordTexts);

  // The server sends one status per folder; the bar shows that of the active editor's folder.
  const statuses = new Map<string, StatusParams>();
  const showStatus = () => {
    const params = statusOfActiveFolder(statuses);
    if (!params) return;
    status.text = params.currentDraft ? `$(book) ${params.currentDraft.label}` : '$(book) OEWG: no draft';
    status.tooltip = params.currentDraft
      ? `OEWG Cite: current draft ${params.currentDraft.label} (${params.currentDraft.paragraphCount} paragraphs, ${params.draftCount} drafts indexed). Click to choose another.`
      : 'OEWG Cite: no draft is indexed. Add oewg-cite.json or put drafts under drafts/.';
    status.backgroundColor = params.configProblems ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(showStatus));

  const start = async () => {
    statuses.clear();
    client = createClient(context);
    client.onNotification(StatusNotification, (params) => {
      statuses.set(vscode.Uri.parse(params.folder).toString(), params);
      showStatus();
    });
    client.onNotification(DraftTextChangedNotification, (params) => draftTexts.changed(vscode.Uri.parse(params.uri)));
    await client.start();
  };
  // Trust granted while the server runs: it may now read what an untrusted workspace may not.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client?.isRunning()) void client.sendNotification(WorkspaceTrustNotification, { trusted: true });
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('oewgCite.selectCurrentDraft', (id?: string) => selectCurrentDraft(id)),
    vscode.commands.registerCommand('oewgCite.restartServer', async () => {
      await client?.stop();
      await start();
    }),
    vscode.commands.registerCommand('oewgCite.insertRecommendationResponse', (number?: string) => insertRecommendationResponse(number)),
    vscode.commands.registerCommand('oewgCite.showCitationReport', (uri?: vscode.Uri) => showCitationReport(uri)),
    vscode.commands.registerCommand('oewgCite.compareDrafts', (older?: string, newer?: string) => compareDrafts(older, newer)),
    vscode.commands.registerCommand('oewgCite.updateCitations', (uri?: vscode.Uri, options?: { preview?: boolean }) => updateCitations(uri, options)),
    vscode.commands.registerCommand('oewgCite.checkAllQuotations', (uri?: vscode.Uri) => checkAllQuotations(uri)),
    vscode.commands.registerCommand('oewgCite.openWordSubmission', (uri?: vscode.Uri) => openWordSubmission(uri)),
    // SHOW_REFERENCES_COMMAND of the protocol: what a "cited N times" code lens runs.
    vscode.commands.registerCommand('oewgCite.showReferences', (uri: string, position: LspPosition, locations: LspLocation[]) => showReferences(uri, position, locations)),
    { dispose: () => void client?.stop() },
  );

  const ready = start();
  await ready;
  return { ready };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', pattern: '**/oewg-cite.json' },
      // The read-only text of a Word submission ("OEWG: Open Word Submission").
      { scheme: WORD_SUBMISSION_SCHEME },
    ],
    outputChannelName: 'OEWG Cite',
    initializationOptions: { trusted: vscode.workspace.isTrusted, cacheDir: context.globalStorageUri.fsPath } satisfies InitializationOptions,
  };
  return new LanguageClient('oewgCite', 'OEWG Cite', serverOptions, clientOptions);
}

/** The status of the active editor's folder, or of the first folder that has one. */
function statusOfActiveFolder(statuses: Map<string, StatusParams>): StatusParams | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = active && vscode.workspace.getWorkspaceFolder(active);
  return (folder && statuses.get(folder.uri.toString())) ?? statuses.values().next().value;
}

/**
 * Which folder a command is about, as a URI the server routes by: the active
 * editor's document, the only workspace folder, or the one the user picks.
 */
async function scopeUri(): Promise<vscode.Uri | undefined | null> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return active;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which workspace folder?' });
  return picked ? picked.uri : null;
}

async function requireClient(): Promise<LanguageClient | undefined> {
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('OEWG Cite: the language server is not running. Run "OEWG: Restart Language Server".');
    return undefined;
  }
  return client;
}

async function selectCurrentDraft(id?: string): Promise<string | undefined> {
  const running = await requireClient();
  if (!running) return undefined;
  const scope = await scopeUri();
  if (scope === null) return undefined;
  const drafts = await running.sendRequest(DraftsRequest, { uri: scope?.toString() });
  const indexed = drafts.filter((draft) => draft.indexed);
  let chosen: DraftItem | undefined;
  if (id !== undefined) {
    chosen = indexed.find((draft) => draft.id === id || draft.label.toLowerCase() === id.toLowerCase());
    if (!chosen) {
      void vscode.window.showErrorMessage(`OEWG Cite: no indexed draft "${id}" (indexed: ${indexed.map((draft) => draft.id).join(', ') || 'none'}).`);
      return undefined;
    }
  } else {
    if (indexed.length === 0) {
      void vscode.window.showWarningMessage('OEWG Cite: no draft is indexed. Add oewg-cite.json or put drafts under drafts/.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      indexed.map((draft) => ({
        label: draft.label,
        description: `${draft.paragraphCount} paragraphs${draft.date ? ` · ${draft.date}` : ''}${draft.current ? ' · current' : ''}`,
        detail: draft.path ? vscode.workspace.asRelativePath(draft.path) : undefined,
        draft,
      })),
      { placeHolder: 'Citations without a named draft resolve to the current draft' },
    );
    chosen = picked?.draft;
  }
  if (!chosen) return undefined;
  // Several folders: the choice is the folder's own.
  const folder = scope && vscode.workspace.getWorkspaceFolder(scope);
  const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const target = folder && several ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION, folder && several ? folder.uri : undefined).update('currentDraft', chosen.id, target);
  return chosen.id;
}

async function insertRecommendationResponse(number?: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const running = await requireClient();
  if (!editor || !running) return;
  const scope = await scopeUri();
  if (scope === null) return;
  const recommendations = await running.sendRequest(RecommendationsRequest, { uri: scope?.toString() });
  if (recommendations.length === 0) {
    void vscode.window.showInformationMessage('OEWG Cite: the current draft has no recommendation paragraphs ("The OEWG recommends that").');
    return;
  }
  let chosen = number !== undefined ? recommendations.find((item) => item.number === number) : undefined;
  if (number !== undefined && !chosen) {
    void vscode.window.showErrorMessage(`OEWG Cite: para ${number} is not a recommendation of the current draft.`);
    return;
  }
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      recommendations.map((item) => ({ label: `para ${item.number}`, description: item.section, detail: item.text.slice(0, 160), item })),
      { placeHolder: 'Respond to which recommendation?', matchOnDetail: true },
    );
    chosen = picked?.item;
  }
  if (!chosen) return;
  const quoted = chosen.text.replace(/\s+/g, ' ').replace(/[$}\\]/g, '\\$&');
  const snippet = new vscode.SnippetString(
    `- “${quoted}” (para ${chosen.number} of the ${chosen.draftLabel})\n\nRecommendation: \${1:Organisation} \${2|supports,does not support,proposes to amend|} this recommendation\${3:.}\n`,
  );
  await editor.insertSnippet(snippet);
}

async function showCitationReport(uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const running = await requireClient();
  if (!target || !running) return;
  const markdown = await running.sendRequest(CitationReportRequest, { uri: target.toString() });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

async function openMarkdown(markdown: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return document;
}

async function pickDraft(drafts: DraftItem[], placeHolder: string, exclude?: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    drafts.filter((draft) => draft.id !== exclude).map((draft) => ({ label: draft.label, description: `${draft.paragraphCount} paragraphs`, id: draft.id })),
    { placeHolder },
  );
  return picked?.id;
}

/** "Compare Drafts": the alignment report of two drafts, older first; returns the report. */
async function compareDrafts(older?: string, newer?: string): Promise<string | undefined> {
  const running = await requireClient();
  if (!running) return undefined;
  const scope = await scopeUri();
  if (scope === null) return undefined;
  const uri = scope?.toString();
  const indexed = (await running.sendRequest(DraftsRequest, { uri })).filter((draft) => draft.indexed);
  if (indexed.length < 2) {
    void vscode.window.showInformationMessage('OEWG Cite: comparing needs two indexed drafts.');
    return undefined;
  }
  older ??= await pickDraft(indexed.slice(0, -1), 'Compare which draft (the older one)?');
  if (!older) return undefined;
  newer ??= await pickDraft(indexed, 'with which newer draft?', older);
  if (!newer) return undefined;
  const report = await running.sendRequest(CompareDraftsRequest, { uri, older, newer });
  if (report === null) {
    void vscode.window.showErrorMessage(`OEWG Cite: cannot compare "${older}" with "${newer}": both must be indexed drafts.`);
    return undefined;
  }
  await openMarkdown(report);
  return report;
}

/**
 * "Update Citations to the Current Draft": one edit for the whole file,
 * previewed before it is applied; `{ preview: false }` applies it at once
 * (for scripts and tests).
 */
async function updateCitations(uri?: vscode.Uri, options: { preview?: boolean } = {}): Promise<boolean> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const running = await requireClient();
  if (!target || !running) return false;
  const answer = await running.sendRequest(UpdateCitationsRequest, { uri: target.toString(), preview: options.preview !== false });
  if (!answer) {
    void vscode.window.showInformationMessage('OEWG Cite: every citation of this file already points at the current draft.');
    return false;
  }
  const edit = await running.protocol2CodeConverter.asWorkspaceEdit(answer.edit as Parameters<typeof running.protocol2CodeConverter.asWorkspaceEdit>[0]);
  return edit ? vscode.workspace.applyEdit(edit, { isRefactoring: true }) : false;
}

/** "Check All Quotations": also report quotations that cite no paragraph but are found in a draft. */
async function checkAllQuotations(uri?: vscode.Uri): Promise<number | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const running = await requireClient();
  if (!target || !running) return undefined;
  const findings = await running.sendRequest(CheckAllQuotationsRequest, { uri: target.toString() });
  void vscode.window.showInformationMessage(`OEWG Cite: quotations checked, ${findings} finding${findings === 1 ? '' : 's'} in the Problems panel.`);
  return findings;
}

/**
 * "Open Word Submission": a .docx (the one given, else one the user picks)
 * opened as a read-only view of its text, with the tracked changes accepted
 * and without comments; the server checks it as a submission. Returns the
 * view's document.
 */
async function openWordSubmission(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  let file = uri;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Word documents': ['docx'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: 'Open Word Submission',
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  if (!file.path.toLowerCase().endsWith('.docx')) {
    void vscode.window.showErrorMessage(`OEWG Cite: ${path.basename(file.fsPath)} is not a Word (.docx) file.`);
    return undefined;
  }
  if (!(await requireClient())) return undefined;
  const document = await vscode.workspace.openTextDocument(file.with({ scheme: WORD_SUBMISSION_SCHEME }));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** A "cited N times" code lens: the server's LSP arguments turned into what VS Code's references view takes. */
async function showReferences(uri: string, position: LspPosition, locations: LspLocation[]): Promise<void> {
  const running = await requireClient();
  if (!running) return;
  const converter = running.protocol2CodeConverter;
  await vscode.commands.executeCommand('editor.action.showReferences', converter.asUri(uri), converter.asPosition(position), await converter.asReferences(locations));
}

/** The text read from a PDF or Word draft, asked of the server: what its definitions and ranges refer to. */
class DraftTextProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (!client || !client.isRunning()) return `OEWG Cite: the language server is not running, so the text of ${uri.fsPath} cannot be shown. Run "OEWG: Restart Language Server".\n`;
    // The server reads the file itself: it is asked by the file's own URI.
    const result = await client.sendRequest(DraftTextRequest, { uri: uri.with({ scheme: 'file' }).toString() });
    return result.text ?? `OEWG Cite: ${result.error ?? `cannot read ${uri.fsPath}`}\n`;
  }

  changed(uri: vscode.Uri): void {
    this.changes.fire(uri);
  }

  dispose(): void {
    this.changes.dispose();
  }
}
