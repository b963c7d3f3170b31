// The custom messages between the VS Code client and the server, declared
// once as typed request and notification objects: the client and the server
// both import this file, so a method name or a parameter shape cannot differ
// between the two sides.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Which workspace folder a request is about: any document or folder URI inside it. Optional with one folder. */
export interface FolderScopedParams {
  uri?: string;
}

export interface DraftItem {
  id: string;
  label: string;
  indexed: boolean;
  current: boolean;
  paragraphCount: number;
  path?: string;
  date?: string;
}
/** Client -> server: the drafts of the workspace folder holding `uri`, in negotiation order. */
export const DraftsRequest = new RequestType<FolderScopedParams | null | undefined, DraftItem[], void>('oewgCite/drafts');

export interface RecommendationItem {
  number: string;
  text: string;
  section?: string;
  subheading?: string;
  draftLabel: string;
}
/** Client -> server: the recommendation paragraphs of the current draft of the folder holding `uri`. */
export const RecommendationsRequest = new RequestType<FolderScopedParams | null | undefined, RecommendationItem[], void>('oewgCite/recommendations');

export interface CitationReportParams {
  uri: string;
}
/** Client -> server: the citation report of a document of the workspace, as Markdown. */
export const CitationReportRequest = new RequestType<CitationReportParams, string, void>('oewgCite/citationReport');

export interface StatusParams {
  /** The workspace folder this status is of (a folder URI). */
  folder: string;
  currentDraft?: { id: string; label: string; paragraphCount: number };
  draftCount: number;
  configProblems: number;
}
/** Server -> client: a folder's current draft changed (or its drafts were re-read); one per folder. */
export const StatusNotification = new NotificationType<StatusParams>('oewgCite/status');

/** The settings section the server reads with workspace/configuration. */
export const SETTINGS_SECTION = 'oewgCite';

export interface CompareDraftsParams extends FolderScopedParams {
  older: string;
  newer: string;
}
/** Client -> server: the alignment report of two drafts (ids, labels or aliases), as Markdown; null when one is not indexed. */
export const CompareDraftsRequest = new RequestType<CompareDraftsParams, string | null, void>('oewgCite/compareDrafts');

export interface UpdateCitationsParams {
  uri: string;
  /** false: an edit applied as it is, without VS Code's refactor preview (for scripts and tests). Default true. */
  preview?: boolean;
}
// The edit is an LSP WorkspaceEdit; `unknown` keeps this file free of either side's protocol types.
/** Client -> server: the edit that updates every citation of a file to the current draft (null when nothing to do). */
export const UpdateCitationsRequest = new RequestType<UpdateCitationsParams, { title: string; edit: unknown } | null, void>('oewgCite/updateCitations');

export interface CheckAllQuotationsParams {
  uri: string;
}
/** Client -> server: check every quotation of a file, cited or not; answers how many findings there are now. */
export const CheckAllQuotationsRequest = new RequestType<CheckAllQuotationsParams, number, void>('oewgCite/checkAllQuotations');

/**
 * The client command a "cited N times" code lens runs, with the LSP arguments
 * (uri: string, position: Position, locations: Location[]); the VS Code client
 * converts them and opens editor.action.showReferences.
 */
export const SHOW_REFERENCES_COMMAND = 'oewgCite.showReferences';

/**
 * The read-only text view of a PDF or Word draft: its URI is the draft's file
 * URI with this scheme ("oewg-draft:/…/zero-draft.pdf"). Definitions and
 * references into such a draft point there, with ranges into the text read
 * from the file.
 */
export const DRAFT_TEXT_SCHEME = 'oewg-draft';

/**
 * The read-only text view of a Word (.docx) submission ("OEWG: Open Word
 * Submission"): the file's URI with this scheme. Its text is asked with
 * `oewgCite/draftText`, as a Word draft's; the server checks such a document
 * as a submission wherever it lies.
 */
export const WORD_SUBMISSION_SCHEME = 'oewg-word';

export interface DraftTextParams {
  uri: string;
}
export interface DraftTextResult {
  text?: string;
  /** Why there is no text: "cannot read …/zero-draft.pdf: the PDF is damaged or truncated (…)". */
  error?: string;
}
/** Client -> server: the text read from a PDF or Word draft (an `oewg-draft:` or `file:` URI). */
export const DraftTextRequest = new RequestType<DraftTextParams, DraftTextResult, void>('oewgCite/draftText');

export interface DraftTextChangedParams {
  /** The `oewg-draft:` URI of the draft. */
  uri: string;
}
/** Server -> client: a PDF or Word draft was read again (it changed on disk): its text view is out of date. */
export const DraftTextChangedNotification = new NotificationType<DraftTextChangedParams>('oewgCite/draftTextChanged');

/** What the client tells the server in `initialize` (`initializationOptions`). */
export interface InitializationOptions {
  /** Whether the user trusts the workspace (VS Code's workspace trust); false limits what is read. Default false. */
  trusted?: boolean;
  /** Where the text extracted from PDF and Word drafts is kept between sessions (VS Code: the extension's global storage). */
  cacheDir?: string;
}

export interface WorkspaceTrustParams {
  trusted: boolean;
}
/** Client -> server: the user granted trust to the workspace after the server started. */
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('oewgCite/workspaceTrust');

// ---------------------------------------------------------------- drafts view and the picture of what changed

/** A place in a file, as LSP writes it (0-based lines and UTF-16 characters). */
export interface PlaceInFile {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface DraftsTreeParams extends FolderScopedParams {
  /** One draft (id, label or alias): its sections and paragraphs. Without it: every draft, without sections. */
  draft?: string;
}
export interface TreeParagraph {
  number: string;
  /** The paragraph's first words ("In their discussions, States …"). */
  firstWords: string;
  subheading?: string;
  /** How many citations of the workspace's submissions name it. */
  cited: number;
  /** Where it is (a PDF or Word draft: in its text view). */
  location?: PlaceInFile;
}
export interface TreeSection {
  /** "A. Introduction"; empty for paragraphs before the first section. */
  label: string;
  paragraphs: TreeParagraph[];
}
export interface DraftTreeNode extends DraftItem {
  /** The URI the draft opens by. */
  uri?: string;
  /** Present when the request named this draft. */
  sections?: TreeSection[];
}
/** Client -> server: the drafts in negotiation order; with `draft`, that draft's sections and paragraphs with citation counts. */
export const DraftsTreeRequest = new RequestType<DraftsTreeParams | null | undefined, DraftTreeNode[], void>('oewgCite/draftsTree');

export interface AlignmentParams extends FolderScopedParams {
  older: string;
  newer: string;
}
export type PairKind = 'unchanged' | 'renumbered' | 'moved' | 'edited' | 'merged' | 'split' | 'deleted' | 'new';
export interface AlignmentPair {
  kind: PairKind;
  older?: string;
  newer?: string;
  similarity: number;
  /** The word-level difference: runs of text both have, or only one. */
  diff: Array<{ kind: 'same' | 'added' | 'removed'; text: string }>;
  summary: string;
}
export interface AlignedDraft {
  id: string;
  label: string;
  /** Where each paragraph is, by number. */
  paragraphs: Array<{ number: string; location?: PlaceInFile }>;
}
export interface AlignmentResult {
  older: AlignedDraft;
  newer: AlignedDraft;
  /** One per line of the picture, in the order of its `data-pair` attributes. */
  pairs: AlignmentPair[];
  /** The picture itself (the SVG `oewg-cite compare --format svg` writes). */
  svg: string;
  /** The Compare Drafts report (Markdown). */
  report: string;
}
/** Client -> server: the alignment of two drafts (ids, labels or aliases) with its picture; null when one is not indexed. */
export const AlignmentRequest = new RequestType<AlignmentParams, AlignmentResult | null, void>('oewgCite/alignment');
