// The custom messages between the VS Code client and the server, declared
// once. Plain types only: the client and the server both import this file.

export const DraftsRequest = 'oewgCite/drafts';
export interface DraftItem {
  id: string;
  label: string;
  indexed: boolean;
  current: boolean;
  paragraphCount: number;
  path?: string;
  date?: string;
}

export const RecommendationsRequest = 'oewgCite/recommendations';
export interface RecommendationItem {
  number: string;
  text: string;
  section?: string;
  subheading?: string;
  draftLabel: string;
}

export const CitationReportRequest = 'oewgCite/citationReport';
export interface CitationReportParams {
  uri: string;
}

/** Server -> client: the current draft changed (or the drafts were re-read). */
export const StatusNotification = 'oewgCite/status';
export interface StatusParams {
  currentDraft?: { id: string; label: string; paragraphCount: number };
  draftCount: number;
  configProblems: number;
}

/** The settings section the server reads with workspace/configuration. */
export const SETTINGS_SECTION = 'oewgCite';

/** Client -> server: the alignment report of two drafts (ids, labels or aliases), as Markdown. */
export const CompareDraftsRequest = 'oewgCite/compareDrafts';
export interface CompareDraftsParams {
  older: string;
  newer: string;
}

/** Client -> server: the edit that updates every citation of a file to the current draft (null when nothing to do). */
export const UpdateCitationsRequest = 'oewgCite/updateCitations';
export interface UpdateCitationsParams {
  uri: string;
  /** false: an edit applied as it is, without VS Code's refactor preview (for scripts and tests). Default true. */
  preview?: boolean;
}

/** Client -> server: check every quotation of a file, cited or not; answers how many findings there are now. */
export const CheckAllQuotationsRequest = 'oewgCite/checkAllQuotations';
export interface CheckAllQuotationsParams {
  uri: string;
}

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

/** Client -> server: the text read from a PDF or Word draft (an `oewg-draft:` or `file:` URI). */
export const DraftTextRequest = 'oewgCite/draftText';
export interface DraftTextParams {
  uri: string;
}
export interface DraftTextResult {
  text?: string;
  /** Why there is no text: "cannot read …/zero-draft.pdf: the PDF is damaged or truncated (…)". */
  error?: string;
}

/** Server -> client: a PDF or Word draft was read again (it changed on disk): its text view is out of date. */
export const DraftTextChangedNotification = 'oewgCite/draftTextChanged';
export interface DraftTextChangedParams {
  /** The `oewg-draft:` URI of the draft. */
  uri: string;
}
