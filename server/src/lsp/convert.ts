// Conversions between the core's answers (UTF-16 offsets into a text, files)
// and LSP's (lines and characters, URIs). Nothing here decides anything.
import { URI } from 'vscode-uri';
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  Hover,
  Location,
  MarkupKind,
  Range,
  SymbolKind,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { LineMap } from '../core/lines';
import { CoreDiagnostic, Severity, Span } from '../core/model';
import { isExtractedDraft } from '../core/draftExtraction';
import type { CompletionEntry, CoreCodeAction, HoverResult, OutlineKind, OutlineSymbol, ReferenceEntry } from '../core/features';
import { DRAFT_TEXT_SCHEME } from '../protocol';

/** Sections hold sub-headings, which hold paragraphs; a submission's headings hold its citations. */
export const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
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

/** The lines of a file as the editor has it (open) or as it is on disk, and the open document's version. */
export type LinesOf = (file: string) => { lines: LineMap; version: number | null };

/** The file of a `file:` URI. */
export function fileOf(uri: string): string {
  return URI.parse(uri).fsPath;
}

/** The file of a draft's text view (`oewg-draft:`) or of its `file:` URI. */
export function draftFileOf(uri: string): string {
  return URI.parse(uri).with({ scheme: 'file' }).fsPath;
}

/** The URI the editor opens a file by: a PDF or Word draft opens as the read-only view of its text. */
export function documentUri(file: string): string {
  return (isExtractedDraft(file) ? URI.file(file).with({ scheme: DRAFT_TEXT_SCHEME }) : URI.file(file)).toString();
}

export function toRange(lines: LineMap, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toSpan(lines: LineMap, range: Range): Span {
  return { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
}

export function toDiagnostic(lines: LineMap, found: CoreDiagnostic): Diagnostic {
  return { range: toRange(lines, found.span), severity: SEVERITY[found.severity], code: found.code, source: 'oewg-cite', message: found.message, data: found.data };
}

export function toHover(lines: LineMap, found: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(lines, found.span) };
}

export function toCompletionItem(lines: LineMap, entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: CompletionItemKind.Reference,
    detail: entry.detail,
    documentation: { kind: MarkupKind.Markdown, value: entry.documentation },
    sortText: entry.sortText,
    filterText: entry.label,
    textEdit: { range: toRange(lines, entry.replaceSpan), newText: entry.label },
  };
}

export function toDocumentSymbol(lines: LineMap, symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KIND[symbol.kind],
    range: toRange(lines, symbol.span),
    selectionRange: toRange(lines, symbol.selectionSpan),
    children: symbol.children.map((child) => toDocumentSymbol(lines, child)),
  };
}

/** Locations of places in several files, each file's lines read once. */
export function toLocations(references: readonly ReferenceEntry[], linesOf: LinesOf): Location[] {
  const lines = new Map<string, LineMap>();
  return references.map((reference) => {
    let fileLines = lines.get(reference.file);
    if (!fileLines) lines.set(reference.file, (fileLines = linesOf(reference.file).lines));
    return { uri: documentUri(reference.file), range: toRange(fileLines, reference.span) };
  });
}

/** The edits of an action, per file, against the version of each file the editor has open. */
export function toWorkspaceEdit(action: CoreCodeAction, linesOf: LinesOf): WorkspaceEdit {
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
  return annotationId ? { documentChanges, changeAnnotations: { [annotationId]: { label: action.title, needsConfirmation: true } } } : { documentChanges };
}

export function toCodeAction(file: string, action: CoreCodeAction, linesOf: LinesOf): CodeAction {
  const { lines } = linesOf(file);
  return {
    title: action.title,
    kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : action.kind === 'source' ? `${CodeActionKind.Source}.oewgCite` : CodeActionKind.RefactorRewrite,
    diagnostics: action.fixes?.map((found) => toDiagnostic(lines, found)),
    isPreferred: action.isPreferred,
    edit: toWorkspaceEdit(action, linesOf),
  };
}
