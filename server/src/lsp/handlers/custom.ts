// The oewgCite/* requests of the VS Code client (declared in protocol.ts).
// They answer only for documents of the workspace: a file inside a workspace
// folder, or a document open in the editor; any other URI fails with a clear
// error and nothing is read.
import { URI } from 'vscode-uri';
import { WorkspaceEdit } from 'vscode-languageserver';
import { citationReport } from '../../core/report';
import { changePairs, renderChangePicture } from '../../core/changePicture';
import { draftTree } from '../../core/draftsTree';
import type { Span } from '../../core/model';
import { isExtractedDraft } from '../../core/draftExtraction';
import {
  AlignmentRequest,
  AlignmentResult,
  DraftsTreeRequest,
  DraftTreeNode,
  PlaceInFile,
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
import { documentUri, draftFileOf, fileOf, toLocations, toWorkspaceEdit } from '../convert';
import { Folder } from '../folders';
import { draftsTreeParams, folderScopedParams, invalidParams, requestFailed, stringFields, updateCitationsParams, uriParams, withTimeout } from '../requests';

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

  // ------------------------------------------------------------ drafts view and the picture of what changed

  /** Where each span of a draft file is, as places the editor opens. */
  function places(file: string | undefined, spans: Span[]): Array<PlaceInFile | undefined> {
    if (!file) return spans.map(() => undefined);
    return toLocations(spans.map((span) => ({ file, span })), ctx.linesOf);
  }

  registrar.request(DraftsTreeRequest.method, draftsTreeParams, ({ uri, draft }): DraftTreeNode[] => {
    const service = folderOf(uri, DraftsTreeRequest.method)?.service;
    if (!service) return [];
    const drafts = service.drafts();
    if (draft === undefined) return drafts.map((item) => ({ ...item, uri: item.path ? documentUri(item.path) : undefined }));
    const entry = service.draft(draft);
    const item = entry && drafts.find((candidate) => candidate.id === entry.info.id);
    if (!entry || !item) throw requestFailed(`${DraftsTreeRequest.method}: no draft "${draft}" (${drafts.map((candidate) => candidate.id).join(', ') || 'none configured'})`);
    const sections = entry.parsed ? draftTree(entry.parsed, service.citationCounts(entry.info.id)) : [];
    const where = places(entry.info.path, sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.span)));
    let k = 0;
    return [
      {
        ...item,
        uri: item.path ? documentUri(item.path) : undefined,
        sections: sections.map((section) => ({
          label: section.label,
          paragraphs: section.paragraphs.map(({ span: _span, ...paragraph }) => ({ ...paragraph, location: where[k++] })),
        })),
      },
    ];
  });

  registrar.request(AlignmentRequest.method, stringFields('older', 'newer'), ({ uri, older, newer }): AlignmentResult | null => {
    const service = folderOf(uri, AlignmentRequest.method)?.service;
    const found = service?.alignment(older, newer);
    if (!service || !found) return null;
    const side = (info: typeof found.older) => {
      const paragraphs = service.draft(info.id)?.parsed?.paragraphs ?? [];
      const where = places(info.path, paragraphs.map((paragraph) => paragraph.numberSpan));
      return { id: info.id, label: info.label, paragraphs: paragraphs.map((paragraph, i) => ({ number: paragraph.number, location: where[i] })) };
    };
    const pairs = changePairs(found.alignment);
    return {
      older: side(found.older),
      newer: side(found.newer),
      pairs: pairs.map(({ olderIndex: _older, newerIndex: _newer, ...pair }) => pair),
      svg: renderChangePicture(found.alignment, found.older.label, found.newer.label, pairs),
      report: service.compareDrafts(found.older.id, found.newer.id) ?? '',
    };
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
