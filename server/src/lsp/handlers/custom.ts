// The oewgCite/* requests of the VS Code client (declared in protocol.ts).
// They answer only for documents of the workspace: a file inside a workspace
// folder, or a document open in the editor; any other URI fails with a clear
// error and nothing is read.
import { URI } from 'vscode-uri';
import { WorkspaceEdit } from 'vscode-languageserver';
import { citationReport } from '../../core/report';
import { isExtractedDraft } from '../../core/draftExtraction';
import {
  CheckAllQuotationsRequest,
  CitationReportRequest,
  CompareDraftsRequest,
  DraftItem,
  DraftsRequest,
  DraftTextRequest,
  DraftTextResult,
  RecommendationItem,
  RecommendationsRequest,
  UpdateCitationsRequest,
} from '../../protocol';
import { ServerContext } from '../context';
import { DiagnosticsChannel } from '../diagnostics';
import { draftFileOf, fileOf, toWorkspaceEdit } from '../convert';
import { Folder } from '../folders';
import { folderScopedParams, invalidParams, requestFailed, stringFields, updateCitationsParams, uriParams, withTimeout } from '../requests';

export function registerCustomHandlers(ctx: ServerContext, diagnostics: DiagnosticsChannel): void {
  const { registrar, documents, folders } = ctx;

  /** The file of a document of the workspace, or a RequestFailed error saying why not. */
  function workspaceFile(uri: string, method: string): string {
    if (documents.get(uri)) return fileOf(uri);
    const parsed = URI.parse(uri);
    if (parsed.scheme === 'file' && folders.isInWorkspace(parsed.fsPath)) return parsed.fsPath;
    throw requestFailed(`${method}: ${uri} is not a document of this workspace (a file inside a workspace folder, or a document open in the editor)`);
  }

  /** The folder a folder-scoped request is about: the one holding `uri`, or the only workspace folder. */
  function folderOf(uri: string | undefined, method: string): Folder | undefined {
    if (uri !== undefined) {
      const parsed = URI.parse(uri);
      // A folder's own URI names it; anything else must be a document of the workspace.
      const folder = folders.workspaceFolders().find((candidate) => candidate.root === parsed.fsPath);
      return folder ?? folders.route(workspaceFile(uri, method));
    }
    const workspace = folders.workspaceFolders();
    if (workspace.length > 1) throw invalidParams(`${method}: ${workspace.length} workspace folders are open: say which with "uri" (a document or folder URI)`);
    return workspace[0] ?? folders.all()[0];
  }

  registrar.request(DraftsRequest.method, folderScopedParams, ({ uri }): DraftItem[] => folderOf(uri, DraftsRequest.method)?.service.drafts() ?? []);

  registrar.request(RecommendationsRequest.method, folderScopedParams, ({ uri }): RecommendationItem[] => {
    const service = folderOf(uri, RecommendationsRequest.method)?.service;
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

  registrar.request(CompareDraftsRequest.method, stringFields('older', 'newer'), ({ uri, older, newer }): string | null => {
    return folderOf(uri, CompareDraftsRequest.method)?.service.compareDrafts(older, newer) ?? null;
  });

  registrar.request(CitationReportRequest.method, uriParams, ({ uri }): string => {
    const file = workspaceFile(uri, CitationReportRequest.method);
    const text = ctx.textOf(file);
    if (text === undefined) throw requestFailed(`${CitationReportRequest.method}: cannot read ${file}`);
    return citationReport(folders.route(file).service, file, text);
  });

  registrar.request(UpdateCitationsRequest.method, updateCitationsParams, ({ uri, preview = true }): { title: string; edit: WorkspaceEdit } | null => {
    const file = workspaceFile(uri, UpdateCitationsRequest.method);
    const action = folders
      .route(file)
      .service.codeActions(file, { start: 0, end: 0 }, [])
      .find((candidate) => candidate.kind === 'source');
    return action && action.edits.length ? { title: action.title, edit: toWorkspaceEdit({ ...action, needsConfirmation: preview && action.needsConfirmation }, ctx.linesOf) } : null;
  });

  registrar.request(CheckAllQuotationsRequest.method, uriParams, ({ uri }): number => {
    const file = workspaceFile(uri, CheckAllQuotationsRequest.method);
    const service = folders.route(file).service;
    service.auditQuotations(file, true);
    diagnostics.refreshDocument(uri);
    return service.diagnostics(file).length;
  });

  registrar.request(DraftTextRequest.method, uriParams, async ({ uri }): Promise<DraftTextResult> => {
    const file = draftFileOf(uri);
    // A draft the configuration names may lie outside the workspace folders (when the workspace is trusted).
    if (!folders.isInWorkspace(file) && !folders.all().some(({ service }) => service.isDraft(file))) {
      throw requestFailed(`${DraftTextRequest.method}: ${uri} is neither in the workspace nor a draft of its configuration`);
    }
    if (!isExtractedDraft(file)) return { error: `${file} is not a PDF or Word (.docx) draft` };
    await withTimeout(
      (async () => {
        // A draft changed on disk before its watcher said so: the view and the definitions must read the same text.
        if (await ctx.extracted.refresh()) ctx.refreshAll();
        if (!ctx.extractions.get(file)) await ctx.extractions.refresh(file);
      })(),
      ctx.waitLimitMs,
      `reading ${file}`,
    );
    const entry = ctx.extractions.get(file);
    return entry?.text !== undefined ? { text: entry.text } : { error: entry?.error ?? `cannot read ${file}` };
  });
}
