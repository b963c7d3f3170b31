// The contract between the language service and the features built on top
// of paragraph citations (where a paragraph went between drafts, quotations,
// UN documents). A feature is a set of pure functions over a read-only view
// of the workspace; the service calls every feature and combines the answers,
// so adding a feature is one file and one line in languageService.ts.
import type { Alignment } from './alignment';
import type { ReferenceDocument } from './catalogue';
import type { ConfigProblem, OewgConfig } from './config';
import type { Citation, CoreDiagnostic, DraftInfo, Paragraph, ParsedDraft, Span } from './model';
import type { QuotationIndex } from './quotations';
import type { CitationTarget, DocumentContext, FrontMatter } from './resolver';

export interface DraftEntry {
  info: DraftInfo;
  /** Parsed content; undefined when the draft has no path. */
  parsed?: ParsedDraft;
  /** Why an indexed draft could not be read. */
  error?: string;
  /** Paragraphs by number, for lookups. */
  byNumber: Map<string, Paragraph>;
}

/**
 * A text as the service understands it: a whole file, or one block of a file
 * (see analysis.ts). Every span is an offset into `text`.
 */
export interface DocumentAnalysis {
  text: string;
  citations: Citation[];
  /** The draft (or document) each citation resolves to, index for index. */
  targets: CitationTarget[];
  /** Footnote citations ("footnote 2 of the Zero Draft", "fns 2 and 3"), kept apart from the paragraph citations above. */
  footnoteCitations?: Citation[];
  /** The draft each footnote citation resolves to, index for index. */
  footnoteTargets?: CitationTarget[];
  context: DocumentContext;
  /** The draft this document is, when it is one. */
  ownDraft?: DraftEntry;
}

/** What a feature may read. Everything is cached by the service and reset when a draft or the configuration changes. */
export interface WorkspaceView {
  readonly config: OewgConfig;
  readonly configProblems: ConfigProblem[];
  /** The "references" of oewg-cite.json, as read with the configuration. */
  readonly references: readonly ReferenceDocument[];
  currentDraft(): DraftInfo | undefined;
  draftEntry(id: string): DraftEntry | undefined;
  /** Every configured draft, in negotiation order. */
  draftEntries(): DraftEntry[];
  /** Alignment of two indexed drafts (older first), computed once per pair. */
  alignment(olderId: string, newerId: string): Alignment | undefined;
  /** A quotation index over an indexed draft's paragraphs, built once. */
  quotationIndex(draftId: string): QuotationIndex | undefined;
  /** A diagnostic with the severity the user chose for `code` (none when "off"). */
  diagnostic(code: string, span: Span, message: string, data?: unknown): CoreDiagnostic[];
  /** Text of a file (the editor's when open). */
  textOf(file: string): string | undefined;
  /** The analysis of another file (a submission or draft), for references across files. */
  analyse(file: string): DocumentAnalysis | undefined;
  /** Every file the service checks: submissions and drafts. */
  checkedFiles(): string[];
  /** Whether the user asked to check every quotation of this file, cited or not ("Check All Quotations"). */
  auditsQuotations(file: string): boolean;
}

export interface HoverResult {
  span: Span;
  markdown: string;
}

export interface DefinitionTarget {
  /** What the request started from (the citation, the symbol). */
  originSpan: Span;
  file: string;
  /** The whole target (paragraph, footnote). */
  span: Span;
  /** The part to select ("74."). */
  selectionSpan: Span;
}

export interface CompletionEntry {
  label: string;
  detail: string;
  documentation: string;
  sortText: string;
  /** What the completion replaces. */
  replaceSpan: Span;
  /** Inserted instead of the label when set. */
  insertText?: string;
}

export interface CoreTextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface CoreCodeAction {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite' | 'source';
  edits: CoreTextEdit[];
  /** Codes of the diagnostics it fixes. */
  fixes?: CoreDiagnostic[];
  isPreferred?: boolean;
  /** Shown in a preview before it is applied (a whole-file rewrite). */
  needsConfirmation?: boolean;
}

export interface DocumentLinkEntry {
  span: Span;
  /** An https:// address or an absolute file path. */
  target: string;
  tooltip?: string;
}

export interface ReferenceEntry {
  file: string;
  span: Span;
}

export interface ReferenceOptions {
  /** LSP `context.includeDeclaration`: also the place that is referred to (the paragraph in its draft). Default true. */
  includeDeclaration?: boolean;
}

/** What an outline entry is; the LSP layer picks the editor's symbol kind. */
export type OutlineKind = 'section' | 'subheading' | 'paragraph' | 'heading' | 'citation';

/** One entry of a document's outline, with the entries inside it. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** All of it (contains `selectionSpan` and every child's span). */
  span: Span;
  /** The part to select: the paragraph number, the heading line. */
  selectionSpan: Span;
  children: OutlineSymbol[];
}

/** A match of "Go to Symbol in Workspace". */
export interface WorkspaceSymbolEntry {
  name: string;
  kind: OutlineKind;
  /** The draft's label. */
  containerName?: string;
  file: string;
  span: Span;
}

/** A code lens: a line of text above `span`, opening `references` at `position` when it has any. */
export interface CodeLensEntry {
  span: Span;
  title: string;
  /** Offset where the references view opens. */
  position: number;
  references: readonly ReferenceEntry[];
}

/** A checked file at file level: its front matter, the draft it is, and its blocks' analyses in text order. */
export interface FileView {
  text: string;
  frontMatter?: FrontMatter;
  ownDraft?: DraftEntry;
  blocks: ReadonlyArray<Span & { analysis: DocumentAnalysis }>;
}

export interface Feature {
  /** Diagnostic codes this feature may report, with their default severity. */
  readonly diagnosticCodes?: Record<string, 'error' | 'warning' | 'information' | 'hint'>;
  /**
   * Findings in one block of a file (`analysis` is the block's): what is found
   * there may depend only on the block and the workspace, so that it is
   * computed once per block text and reused while the user types elsewhere.
   */
  diagnostics?(view: WorkspaceView, file: string, analysis: DocumentAnalysis): CoreDiagnostic[];
  /** Findings about the file as a whole (its front matter, the draft it is). */
  fileDiagnostics?(view: WorkspaceView, file: string, analysis: FileView): CoreDiagnostic[];
  /** A last look at a block's findings from every feature (joining two that say one thing on the same words). */
  refineDiagnostics?(found: CoreDiagnostic[]): CoreDiagnostic[];
  /** Markdown added below a citation's hover (e.g. where the paragraph went). */
  citationHover?(view: WorkspaceView, file: string, analysis: DocumentAnalysis, index: number): string | undefined;
  /** A hover where no citation is (a quotation, a document symbol). */
  hover?(view: WorkspaceView, file: string, analysis: DocumentAnalysis, offset: number): HoverResult | undefined;
  definition?(view: WorkspaceView, file: string, analysis: DocumentAnalysis, offset: number): DefinitionTarget[];
  /** Fixes and rewrites for a range of the document; `diagnostics` are the service's diagnostics overlapping it. */
  codeActions?(view: WorkspaceView, file: string, analysis: DocumentAnalysis, span: Span, diagnostics: CoreDiagnostic[]): CoreCodeAction[];
  documentLinks?(view: WorkspaceView, file: string, analysis: DocumentAnalysis): DocumentLinkEntry[];
  references?(view: WorkspaceView, file: string, analysis: DocumentAnalysis, offset: number, options?: ReferenceOptions): ReferenceEntry[];
  /** Outline entries of a checked document (top level; children nested). */
  documentSymbols?(view: WorkspaceView, file: string, analysis: DocumentAnalysis): OutlineSymbol[];
  /** Matches of a workspace symbol query, best first. */
  workspaceSymbols?(view: WorkspaceView, query: string): WorkspaceSymbolEntry[];
  codeLenses?(view: WorkspaceView, file: string, analysis: DocumentAnalysis): CodeLensEntry[];
  /** Completions at `offset`; an empty list lets other features answer. */
  completions?(view: WorkspaceView, file: string, analysis: DocumentAnalysis, offset: number): CompletionEntry[];
}
