// The data model shared by every part of the core. Nothing here imports LSP or
// VS Code: the server, the CLI and the tests all speak these types.
import type { UnitKind } from './vocabulary/types';

/** Half-open range of UTF-16 offsets into one source text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A lettered section of a draft: "E. Confidence-building Measures". */
export interface Section {
  /** "E"; undefined for unlettered sections (e.g. Markdown headings of a working paper). */
  letter?: string;
  /** "Confidence-building Measures" (without the letter). */
  title: string;
  /** The heading line in the source. */
  span: Span;
}

/** A footnote of a draft: its number, its text, where it stands. */
export interface Footnote {
  number: string;
  text: string;
  span: Span;
}

/** One numbered paragraph of a draft. */
export interface Paragraph {
  /** As written, without the final dot: "74", "74bis", "13a". */
  number: string;
  /** The numeric part of `number`, for ordering and ranges. */
  ordinal: number;
  /**
   * Full text, footnote markers and page furniture removed, continued pieces
   * joined by a space; bullet items and in-paragraph list headings kept, each
   * on its own line.
   */
  text: string;
  /** Section the paragraph stands in, when the draft has sections. */
  section?: Section;
  /** Nearest sub-heading above it inside its section: "Discussions", "The OEWG recommends that". */
  subheading?: string;
  /** From the paragraph number to the end of its last piece (may include interleaved footnotes). */
  span: Span;
  /** The source pieces that make up the text (more than one when a page break interrupts it). */
  pieces: Span[];
  /** Span of the number marker itself ("74."), the definition target. */
  numberSpan: Span;
  /** Numbers of the footnotes referenced from this paragraph, in order. */
  footnoteRefs: string[];
}

/** A problem found while parsing a draft (reported, never thrown). */
export interface ParseProblem {
  message: string;
  span: Span;
}

/** A parsed draft. */
export interface ParsedDraft {
  /** The document's title, if one could be read (first bold/heading lines). */
  title?: string;
  paragraphs: Paragraph[];
  sections: Section[];
  /** Sub-headings where they stand, in source order (optional: drafts built by hand may leave it out). */
  subheadings?: Subheading[];
  footnotes: Footnote[];
  problems: ParseProblem[];
}

/** A sub-heading line of a draft: "Discussions", "The OEWG recommends that". */
export interface Subheading {
  /** As paragraphs carry it in `Paragraph.subheading` (markup removed). */
  title: string;
  /** The heading line in the source. */
  span: Span;
}

/** A draft as configured: its identity in the negotiation, with or without a file. */
export interface DraftInfo {
  /** Stable id: "zero-draft". */
  id: string;
  /** Human label: "Zero Draft". */
  label: string;
  /** Other names a drafter uses for it ("zero draft", "ZD"). */
  aliases: string[];
  /** Position in the negotiation, 0 = earliest. */
  order: number;
  /** UN symbol, when it has one. */
  symbol?: string;
  /** ISO date, when known. */
  date?: string;
  /** Source file (absolute path); undefined when the draft is known but not indexed. */
  path?: string;
}

/** One number or range as written inside a citation. */
export type CitedPart =
  | { kind: 'single'; number: string; span: Span }
  | { kind: 'range'; from: string; to: string; fromSpan: Span; toSpan: Span; span: Span };

/** What stands next to the number and names the document cited. */
export type Qualifier =
  /** "of the Pre-draft", "Zero Draft, para 74", "in the First Draft": `name` as written, without "the"/quotes. */
  | { kind: 'draft'; name: string; span: Span }
  /** "of this report", "above", "of the present report" (inside a draft). */
  | { kind: 'self'; span: Span }
  /** "of our submission", "of our 2019 response", "our paragraph 3": the author's own text, never a draft's. */
  | { kind: 'own'; span: Span }
  /** "A/70/174, para 12", "paragraph 4 of resolution 68/243": the normalised document symbol. */
  | { kind: 'document'; symbol: string; span: Span }
  /**
   * "of the Tunis Commitment", "of the 2015 GGE report", "of CRP.2": another
   * document named by a title, an alias or the end of its symbol, as written
   * (the catalogue tells which document it is, if any).
   */
  | { kind: 'other'; name: string; span: Span };

/** A paragraph citation found in a text. */
export interface Citation {
  /** From the keyword to the last number: "paras 57-60". Excludes the qualifier. */
  span: Span;
  /** The keyword as written: "para", "paras.", "paragraph", "¶", "Para"; "[" for a pinpoint "A/75/816 at [64]". */
  keyword: string;
  parts: CitedPart[];
  /** Every paragraph number named, ranges expanded, in order, without duplicates. */
  numbers: string[];
  qualifier?: Qualifier;
  /** What the numbers count: paragraphs when absent; "footnote 2 of the Zero Draft" counts footnotes. */
  unit?: UnitKind;
}

/** A UN document symbol or resolution number found in a text. */
export interface SymbolMention {
  span: Span;
  /** As written: "Res 70/237", "A/68/98*". */
  raw: string;
  /** Canonical symbol: "A/RES/70/237", "A/68/98". */
  symbol: string;
  kind: 'resolution' | 'document' | 'decision';
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A diagnostic produced by the core; the LSP layer and the CLI translate it. */
export interface CoreDiagnostic {
  span: Span;
  code: string;
  severity: Severity;
  message: string;
  /** Data a quick fix needs (kept serialisable). */
  data?: unknown;
}
