// Which draft a citation points at. DESIGN.md "Resolving a citation":
// an explicit qualifier wins, then the submission's front matter, then the
// nearest heading above that names a draft, then the current draft.
// A citation in a footnote of the submission is read in the footnote's own
// context: the draft or document the footnote names, else where the footnote
// is referred to in the text.
import { parse as parseYaml } from 'yaml';
import { documentNames } from './catalogue';
import { findDraft } from './config';
import { Citation, DraftInfo, Span } from './model';
import { lastStartingAtOrBefore } from './spans';
import { scanSymbols } from './symbols';

export type ResolutionReason = 'qualifier' | 'footnote' | 'front-matter' | 'heading' | 'current' | 'self';

export type CitationTarget =
  /** A configured draft (indexed or not: `draft.path` tells). */
  | { kind: 'draft'; draft: DraftInfo; reason: ResolutionReason }
  /** The qualifier names a draft nobody configured. */
  | { kind: 'unknown-draft'; name: string; span: Span }
  /** A paragraph of another document: "A/70/174, para 12", "of the Tunis Commitment". */
  | { kind: 'document'; name: string }
  /** The author's own text ("para 3 of our submission"): nothing to check it against. */
  | { kind: 'own' }
  /** No draft at all is configured or current. */
  | { kind: 'none' };

export interface FrontMatter {
  /** The whole block, from the opening to the closing "---". */
  span: Span;
  /** The value of `draft:` and where it stands. */
  draft?: { name: string; span: Span };
  /** A YAML error, if the block does not parse. */
  error?: string;
}

export interface DraftHeading {
  span: Span;
  draft: DraftInfo;
}

/** What a footnote names: a configured draft, or another document (by symbol or title). */
export type FootnoteName = { span: Span } & ({ kind: 'draft'; draft: DraftInfo } | { kind: 'document'; name: string });

/** A footnote of the submission: a Markdown "[^n]: …" definition, or a note under a "Notes" heading. */
export interface Footnote {
  /** The whole note, its label included. */
  span: Span;
  label: string;
  /** Where the text refers to it ("[^n]", a raised "³"), if it does. */
  referenceAt?: number;
  /** The drafts and documents it names, in source order. */
  names: FootnoteName[];
  /** Where its sentences and clauses end (offsets of ".", ";", "!", "?" before a space or the end). */
  stops: number[];
}

/** What the resolver needs to know about one document, computed once per version. */
export interface DocumentContext {
  frontMatter?: FrontMatter;
  /** Headings that name a draft, in source order. */
  draftHeadings: DraftHeading[];
  /** The footnotes of the document, in source order (found on first read). */
  readonly footnotes?: Footnote[];
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function readFrontMatter(text: string): FrontMatter | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const span = { start: 0, end: match[0].length };
  const body = match[1];
  const bodyStart = match[0].indexOf(body);
  let data: unknown;
  try {
    data = parseYaml(body);
  } catch (error) {
    return { span, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  if (!data || typeof data !== 'object' || !('draft' in data)) return { span };
  const value = (data as Record<string, unknown>).draft;
  if (typeof value !== 'string' && typeof value !== 'number') return { span, error: '"draft" must name a draft, e.g. draft: zero-draft' };
  const name = String(value);
  const line = /^draft[ \t]*:[ \t]*/m.exec(body);
  const valueStart = line ? bodyStart + line.index + line[0].length : 0;
  return { span, draft: { name, span: { start: valueStart, end: valueStart + name.length + (/^["']/.test(body.slice(valueStart - bodyStart)) ? 2 : 0) } } };
}

/**
 * Lines that read as headings: Markdown "#" headings, setext headings, and in
 * plain text a short line standing alone between blank lines without final
 * punctuation (the way "Comments on the Zero Draft" looks in a .txt file).
 */
export function findHeadings(text: string): Span[] {
  const headings: Span[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const start = offset;
    offset += lines[i].length + 1;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || line.trim() === '') continue;
    const previousBlank = i === 0 || lines[i - 1].trim() === '' || /^---\s*$/.test(lines[i - 1]);
    const next = (lines[i + 1] ?? '').replace(/\r$/, '');
    if (/^#{1,6}\s/.test(line) || /^(=+|-+)\s*$/.test(next) && next.trim().length >= 2 && !/^\s*[-*>]/.test(line)) {
      headings.push({ start, end: start + line.length });
    } else if (previousBlank && next.trim() === '' && line.length <= 100 && !/[.:;,!?]["”’)]?\s*$/.test(line) && !/^\s*([-*+>]|\d+[.)])\s/.test(line)) {
      headings.push({ start, end: start + line.length });
    }
  }
  return headings;
}

const SENTENCE_END = /[.:;,!?]["”’)\]*_]*\s*$/;
const LIST_OR_QUOTE = /^\s*(?:[-*+>|]|\d+[.)])\s/;
const FRONT_MATTER_BLOCK = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Titles and short lines that stand alone above the text, read as headings
 * for resolution: a block of at most three short lines between blank lines
 * that does not end a sentence ("Comments on the Pre-draft of the report of
 * the Open-ended Working Group", wrapped or not, with its author's name on
 * the next line), and the document's title: its first block when short (a
 * final full stop allowed), or its first line when the text starts right
 * under it.
 */
export function findTitleLines(text: string, startsDocument = true): Span[] {
  const spans: Span[] = [];
  const start = FRONT_MATTER_BLOCK.exec(text)?.[0].length ?? 0;
  const blockPattern = /(?:[^\n]*\S[^\n]*(?:\n|$))+/g;
  blockPattern.lastIndex = start;
  // A part of a document cut from its middle (a block, see blocks.ts) has no title of its own.
  let first = startsDocument;
  let inFence = false;
  for (let match = blockPattern.exec(text); match; match = blockPattern.exec(text)) {
    const lines = match[0].replace(/\n$/, '').split('\n').map((line) => line.replace(/\r$/, ''));
    const fences = lines.filter((line) => /^\s*(```|~~~)/.test(line)).length;
    const fenced = inFence || fences > 0;
    if (fences % 2 === 1) inFence = !inFence;
    const isFirst = first;
    first = false;
    if (fenced || lines.some((line) => LIST_OR_QUOTE.test(line) || /^\s*#/.test(line) || /^\s*\[\^[^\]]+\]:/.test(line))) continue;
    const end = match.index + lines.join('\n').length;
    // A document's title may be long ("… on Developments in the Field of Information and Telecommunications …").
    const [maxLine, maxBlock] = isFirst ? [250, 400] : [160, 300];
    const short = lines.length <= 3 && lines.every((line) => line.trim().length <= maxLine) && lines.join(' ').length <= maxBlock;
    // A title is one sentence at most: none ends inside it ("We welcome para 1. Para 1 of the Zero Draft …" is prose).
    const inner = lines.slice(0, -1).some((line) => /[.;!?]["”’)]*\s*$/.test(line)) || lines.some((line) => /[.;!?]["”’)]*\s+["“(]?\p{Lu}/u.test(line.trim()));
    // Only a title standing alone may end with a full stop.
    const ends = isFirst && lines.length === 1 ? /[;,:!?]\s*$/ : SENTENCE_END;
    if (short && !inner && !ends.test(lines[lines.length - 1])) {
      spans.push({ start: match.index, end });
    } else if (isFirst && lines.length > 1 && lines[0].trim().length <= 250 && !SENTENCE_END.test(lines[0]) && !/-$/.test(lines[0]) && /^\s*[\p{Lu}\p{N}*_“"]/u.test(lines[1])) {
      // A title right above the first paragraph, with no blank line between them.
      spans.push({ start: match.index, end: match.index + lines[0].length });
    }
  }
  return spans;
}

/** The first configured draft a piece of text names ("Comments on the Zero Draft" -> Zero Draft). */
export function draftNamedIn(text: string, drafts: readonly DraftInfo[]): DraftInfo | undefined {
  const flat = text.toLowerCase().replace(/[“”"‘’'*_#]/g, ' ').replace(/[-\s]+/g, ' ');
  let best: { draft: DraftInfo; index: number; length: number } | undefined;
  for (const draft of drafts) {
    for (const name of [draft.label, ...draft.aliases]) {
      const wanted = name.toLowerCase().replace(/[-\s]+/g, ' ').trim();
      if (!wanted) continue;
      // Letters of any script are part of a word: "Avant-projet" is not found inside "Avant-projeté".
      const match = new RegExp(`(^|[^\\p{L}\\p{Nd}])${escapeRegExp(wanted)}($|[^\\p{L}\\p{Nd}])`, 'u').exec(flat);
      // The earliest mention wins; at the same place the longer name ("revised pre draft" over "pre draft").
      if (match && (!best || match.index < best.index || (match.index === best.index && wanted.length > best.length))) {
        best = { draft, index: match.index, length: wanted.length };
      }
    }
  }
  return best?.draft;
}

/** `startsDocument`: false for a block cut from the middle of a document (its first lines are not the document's title). */
export function documentContext(text: string, drafts: readonly DraftInfo[], startsDocument = true): DocumentContext {
  // Footnotes are found when first needed: a draft never reads them, and most submissions have no line that asks.
  let footnotes: Footnote[] | undefined;
  const footnotesOf = () => (footnotes ??= findFootnotes(text, drafts));
  // A footnote is read in its own context, never as a heading of what follows it.
  const inFootnote = (span: Span) => footnotesOf().some((footnote) => span.start >= footnote.span.start && span.start < footnote.span.end);
  const draftHeadings: DraftHeading[] = [];
  const seen = new Set<number>();
  const spans = [...findHeadings(text), ...findTitleLines(text, startsDocument)].sort((a, b) => a.start - b.start);
  for (const span of spans) {
    if (seen.has(span.start)) continue;
    seen.add(span.start);
    const draft = draftNamedIn(text.slice(span.start, span.end), drafts);
    if (draft && !inFootnote(span)) draftHeadings.push({ span, draft });
  }
  return {
    frontMatter: readFrontMatter(text),
    draftHeadings,
    get footnotes() {
      return footnotesOf();
    },
  };
}

// ---------- footnotes of a submission ----------

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const NOTES_HEADING = /^(?:#{1,6}[ \t]+)?[*_]*(?:foot|end)?notes?(?:[ \t]+and[ \t]+references)?[*_]*:?[ \t]*$/i;
const MARKDOWN_DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]*/;
// A note under a "Notes" heading, or a line standing alone that starts with a raised number: "1. …", "[2] …", "³ …".
const NOTE_START = new RegExp(`^[ \\t]*(?:(\\d{1,3})[.)][ \\t]+|\\[(\\d{1,3})\\][ \\t]*|([${SUPERSCRIPT_DIGITS}]{1,3})[ \\t]*)(?=\\S)`);
const RAISED_NOTE = new RegExp(`^[ \\t]*([${SUPERSCRIPT_DIGITS}]{1,3})[ \\t]*(?=\\S)`);

const MAY_HAVE_NOTES = new RegExp(`^(?:\\[\\^[^\\]\\s]+\\]:|[ \\t]*[${SUPERSCRIPT_DIGITS}]|(?:#{1,6}[ \\t]+)?[*_]*(?:foot|end)?notes?(?:[ \\t]+and[ \\t]+references)?[*_]*:?[ \\t]*\\r?$)`, 'im');

/**
 * Whether a text may have footnotes of its own (a "[^n]:" definition, a line
 * starting with a raised number, a "Notes" heading): a note is read in the
 * context of the place that refers to it, anywhere in the text.
 */
export function mayHaveFootnotes(text: string): boolean {
  return MAY_HAVE_NOTES.test(text);
}

function toSuperscript(label: string): string {
  return label.replace(/\d/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]);
}

function fromSuperscript(label: string): string {
  return [...label].map((char) => String(SUPERSCRIPT_DIGITS.indexOf(char))).join('');
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const body = raw.replace(/\r$/, '');
    lines.push({ start, end: start + body.length, text: body });
    start += raw.length + 1;
  }
  return lines;
}

/** Where the body (before `before`) refers to a note: "[^n]" in Markdown, else a raised "ⁿ" or "[n]" glued to a word. */
function referenceTo(text: string, label: string, markdown: boolean, before: number): number | undefined {
  const body = text.slice(0, before);
  if (markdown) {
    const at = body.indexOf(`[^${label}]`);
    return at >= 0 && body.charAt(at + label.length + 3) !== ':' ? at : undefined;
  }
  const raised = toSuperscript(label);
  const pattern = new RegExp(`(?<![${SUPERSCRIPT_DIGITS}])(?:${raised}|(?<=\\S)\\[${label}\\])(?![${SUPERSCRIPT_DIGITS}\\d])`, 'u');
  const found = pattern.exec(body);
  return found ? found.index : undefined;
}

/**
 * The footnotes of a submission: Markdown definitions ("[^2]: …", with their
 * indented or lazy continuation lines), the notes under a "Notes" or
 * "Footnotes" heading ("1. …", "[1] …", "¹ …"), and lines standing alone that
 * start with a raised number ("³ Tunis Commitment, 2005."), each with the
 * drafts and documents it names.
 */
export function findFootnotes(text: string, drafts: readonly DraftInfo[]): Footnote[] {
  const lines = linesOf(text);
  const found: Array<{ label: string; start: number; end: number; markdown: boolean }> = [];
  let inNotes = false;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line.text)) inFence = !inFence;
    if (inFence) continue;
    const blankBefore = i === 0 || lines[i - 1].text.trim() === '';
    if (NOTES_HEADING.test(line.text.trim()) && line.text.trim() !== '' && blankBefore) {
      inNotes = true;
      continue;
    }
    if (inNotes && /^#{1,6}\s/.test(line.text)) inNotes = false;
    const definition = MARKDOWN_DEFINITION.exec(line.text);
    const note = !definition && (inNotes || blankBefore) ? (inNotes ? NOTE_START : RAISED_NOTE).exec(line.text) : null;
    if (!definition && !note) continue;
    const label = definition ? definition[1] : note![1] ?? note![2] ?? fromSuperscript(note![3] ?? note![1]);
    // The note goes on over indented lines and lines that follow without a blank line, up to the next note.
    let last = i;
    for (let k = i + 1; k < lines.length; k++) {
      const next = lines[k].text;
      if (MARKDOWN_DEFINITION.test(next) || (inNotes && NOTE_START.test(next)) || RAISED_NOTE.test(next) || /^#{1,6}\s/.test(next)) break;
      if (next.trim() === '') {
        const after = lines[k + 1]?.text ?? '';
        if (definition && /^(?: {2,}|\t)\S/.test(after)) continue;
        break;
      }
      last = k;
    }
    found.push({ label, start: line.start, end: lines[last].end, markdown: !!definition });
    i = last;
  }
  const known = documentNames();
  return found.map((note) => ({
    span: { start: note.start, end: note.end },
    label: note.label,
    referenceAt: referenceTo(text, note.label, note.markdown, note.start),
    names: namesIn(text, { start: note.start, end: note.end }, drafts, known),
    stops: [...text.slice(note.start, note.end).matchAll(/[.;!?](?=\s|$)/g)].map((stop) => note.start + stop.index),
  }));
}

// A capitalised title of another document: "the Tunis Commitment", "the Tunis
// Agenda for the Information Society", "the Geneva Declaration of Principles".
const TITLE_NOUNS = 'Commitment|Agenda|Declaration|Report|Resolution|Convention|Charter|Principles|Plan of Action|Programme of Action|Statement|Communiqu[eé]|Framework|Compact|Outcome Document|Treaty|Protocol|Guidelines|Strategy|Roadmap';
const CAPITALISED = "\\p{Lu}[\\p{L}'’\\-]*";
const TITLE = new RegExp(`(?:${CAPITALISED}[ \\u00a0]+){1,5}(?:${TITLE_NOUNS})(?:[ \\u00a0]+(?:of|on|for|to)[ \\u00a0]+(?:the[ \\u00a0]+)?(?:${CAPITALISED}(?:(?:[ \\u00a0]+(?:of|and|the|in|on|for)){0,2}[ \\u00a0]+)?){1,6})?`, 'gu');

// Capitalised words that open a sentence rather than a title: "See the Tunis Commitment".
const LEADING_WORDS = /^(?:(?:See|Cf\.?|Compare|In|As|Also|And|But|The|This|That|These|Under|Per|Para|Paragraph|Our|We|Its|It)[ \u00a0]+)+/u;

/** The drafts and documents named inside `span`, in source order. */
function namesIn(text: string, span: Span, drafts: readonly DraftInfo[], known: readonly string[]): FootnoteName[] {
  const inside = text.slice(span.start, span.end);
  const names: FootnoteName[] = [];
  const at = (start: number, end: number) => ({ start: span.start + start, end: span.start + end });
  const flat = inside.toLowerCase().replace(/[“”"‘’'*_#\-\s]/g, ' ');
  for (const draft of drafts) {
    for (const name of [draft.label, ...draft.aliases]) {
      const words = name.toLowerCase().split(/[-\s]+/).filter(Boolean).map(escapeRegExp);
      if (!words.length) continue;
      for (const match of flat.matchAll(new RegExp(`(?<![a-z0-9])${words.join(' +')}(?![a-z0-9])`, 'g'))) names.push({ span: at(match.index, match.index + match[0].length), kind: 'draft', draft });
    }
  }
  for (const symbol of scanSymbols(inside)) names.push({ span: at(symbol.span.start, symbol.span.end), kind: 'document', name: symbol.symbol });
  const lower = inside.toLowerCase();
  for (const name of known) {
    const found = lower.indexOf(name.toLowerCase());
    if (found >= 0) names.push({ span: at(found, found + name.length), kind: 'document', name });
  }
  for (const match of inside.matchAll(TITLE)) {
    const lead = LEADING_WORDS.exec(match[0])?.[0].length ?? 0;
    const title = match[0].slice(lead).replace(/[ \u00a0]+(?:of|and|the|in|on|for|to)?[ \u00a0]*$/u, '');
    if (title.split(/[ \u00a0]+/).length < 2) continue;
    names.push({ span: at(match.index + lead, match.index + lead + title.length), kind: 'document', name: title });
  }
  // Where names overlap ("Report of the Group …" inside a longer known title), the longest stands.
  names.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: FootnoteName[] = [];
  for (const name of names) {
    const last = kept[kept.length - 1];
    if (last && name.span.start < last.span.end) {
      // A draft's name beats a document title that contains it.
      if (name.kind === 'draft' && last.kind === 'document' && !draftTitleIsDocument(last)) kept[kept.length - 1] = name;
      continue;
    }
    kept.push(name);
  }
  return kept;
}

function draftTitleIsDocument(name: FootnoteName): boolean {
  return name.kind === 'document' && /\//.test(name.name);
}

/** The footnote a position is in. */
function footnoteAt(footnotes: readonly Footnote[] | undefined, offset: number): Footnote | undefined {
  return footnotes?.find((footnote) => offset >= footnote.span.start && offset < footnote.span.end);
}

/**
 * What a citation in a footnote is read in: the name nearest before it in the
 * same sentence or clause ("The Tunis Commitment … (para 36)"; not "… of the
 * Charter; see also para 17"), else the one name the note gives after it
 * ("Para 36. Tunis Commitment, 2005.").
 */
function footnoteName(footnote: Footnote, citation: Citation): FootnoteName | undefined {
  const sameClause = (name: FootnoteName) => !footnote.stops.some((stop) => stop >= name.span.end && stop < citation.span.start);
  const before = footnote.names.filter((name) => name.span.end <= citation.span.start);
  if (before.length) {
    const nearest = before[before.length - 1];
    return sameClause(nearest) ? nearest : undefined;
  }
  const after = footnote.names.filter((name) => name.span.start >= citation.span.end);
  const distinct = new Set(after.map((name) => (name.kind === 'draft' ? `draft:${name.draft.id}` : `document:${name.name}`)));
  return distinct.size === 1 ? after[0] : undefined;
}

export interface ResolveOptions {
  drafts: readonly DraftInfo[];
  current?: DraftInfo;
  /** The draft this document is, when a draft cites itself ("paragraph 85 of this report"). */
  selfDraft?: DraftInfo;
}

/** The draft a citation resolves to, and why. */
export function resolveCitation(citation: Citation, context: DocumentContext, options: ResolveOptions): CitationTarget {
  const qualifier = citation.qualifier;
  if (qualifier) {
    switch (qualifier.kind) {
      case 'draft': {
        const draft = findDraft(options.drafts, qualifier.name);
        return draft ? { kind: 'draft', draft, reason: 'qualifier' } : { kind: 'unknown-draft', name: qualifier.name, span: qualifier.span };
      }
      case 'self':
        if (options.selfDraft) return { kind: 'draft', draft: options.selfDraft, reason: 'self' };
        break;
      case 'document':
        return { kind: 'document', name: qualifier.symbol };
      case 'other':
        return { kind: 'document', name: qualifier.name };
      case 'own':
        return { kind: 'own' };
    }
  }
  // Inside a draft, an unqualified "paragraph 85" is the draft's own paragraph.
  if (options.selfDraft) return { kind: 'draft', draft: options.selfDraft, reason: 'self' };
  // In a footnote, the draft or document the note names; else the context of the place that refers to it.
  const footnote = footnoteAt(context.footnotes, citation.span.start);
  const named = footnote && footnoteName(footnote, citation);
  if (named?.kind === 'draft') return { kind: 'draft', draft: named.draft, reason: 'footnote' };
  if (named?.kind === 'document') return { kind: 'document', name: named.name };
  const fromFrontMatter = context.frontMatter?.draft && findDraft(options.drafts, context.frontMatter.draft.name);
  if (fromFrontMatter) return { kind: 'draft', draft: fromFrontMatter, reason: 'front-matter' };
  const heading = lastStartingAtOrBefore(context.draftHeadings, footnote?.referenceAt ?? citation.span.start);
  if (heading) return { kind: 'draft', draft: heading.draft, reason: 'heading' };
  if (options.current) return { kind: 'draft', draft: options.current, reason: 'current' };
  return { kind: 'none' };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words a drafter reads in a hover: "resolved by the front matter". */
export function describeReason(reason: ResolutionReason): string {
  switch (reason) {
    case 'qualifier':
      return 'named in the citation';
    case 'footnote':
      return 'the draft named in the footnote';
    case 'front-matter':
      return 'the draft named in the front matter';
    case 'heading':
      return 'the draft named by the heading above';
    case 'self':
      return 'this draft';
    case 'current':
      return 'the current draft';
  }
}
