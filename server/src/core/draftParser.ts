// Reads a negotiated draft (plain text or Markdown) into numbered paragraphs,
// sections, sub-headings and footnotes.
//
// Two steps: every line is first classified on its own (a numbered paragraph,
// a heading, a footnote text, a bullet, a bold block, plain text), then a small
// state machine walks those entries and decides what each one means in context
// — mostly whether a plain line continues the open paragraph, opens a
// sub-heading, or heads a list inside the paragraph. Nothing here throws on
// odd input: oddities become `problems`.
//
// How a plain line (not numbered, not a heading, not a footnote) is read:
// - directly under a line of the open paragraph: it continues that paragraph;
// - after a gap (blank lines, footnotes, page furniture) it continues the open
//   paragraph too — that is how a page break looks in extracted text — unless
//   it "stands alone" (a gap before and after it) and reads like a title
//   (short, starts with a capital, no final punctuation), in which case it is:
//     · a list heading inside the paragraph, when the paragraph introduces a
//       list (ends with ":" or already holds bullets) and bullets follow it;
//     · a continuation all the same, when the open paragraph stops mid-sentence
//       (a page break can leave "United Nations; …" or "Member States" alone);
//     · otherwise a sub-heading, which closes the paragraph.
//   The usual sub-headings ("Discussions", "Conclusions and Recommendations",
//   "The OEWG recommends that") are sub-headings even after an unfinished
//   paragraph, and a bold block standing alone is never a continuation.
//
// Markdown headings: "A. Introduction" (letter, dot, title) opens a lettered
// section whatever its level. An unlettered heading is, in this order:
// - a title line, while nothing but title lines stand above it, when it is
//   directly followed by another heading (a subtitle, like the Chair's "##
//   Chair's working paper in view of …" over "### Preliminary remarks") or is
//   the document's only level-1 heading;
// - a sub-heading when it is one of the usual sub-headings, or when it is
//   deeper than the open section's heading;
// - otherwise a section without a letter: a top-level part of the document.
//   So the Chair's "### Preliminary remarks" and "### General exchange of
//   views" (before any lettered section) are sections, and their "####" and
//   the "###" under "## A. …" are sub-headings.
// Known limit: a heading with no text of its own above a deeper heading, at
// the top of a document, is read as a subtitle.

import type { Footnote, Paragraph, ParsedDraft, ParseProblem, Section, Span, Subheading } from './model';
import { DEFAULT_VOCABULARY, usualSubheading } from './vocabulary';

export function parseDraft(text: string): ParsedDraft {
  try {
    return new DraftReader(text, classifyLines(splitLines(text))).read();
  } catch (error) {
    // A language server must keep serving a draft it cannot read; the
    // property tests check that this never happens on draft-like input.
    return {
      paragraphs: [],
      sections: [],
      footnotes: [],
      problems: [{ message: `internal error while reading the draft: ${String(error)}`, span: { start: 0, end: 0 } }],
    };
  }
}

// ---------------------------------------------------------------- lines

interface SourceLine {
  start: number;
  /** Offset of the end of the line, before its line break. */
  end: number;
  text: string;
}

function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const lineBreak = /\r\n|\n|\r/g;
  let start = text.startsWith('\uFEFF') ? 1 : 0; // a byte order mark is no part of the first line
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    lines.push({ start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

// ---------------------------------------------------------------- entries

/** One meaningful unit of the source: usually one line, a bold block or a wrapped footnote more. */
type Entry = EntryPlace &
  (
    | { kind: 'heading'; level: number; letter?: string; title: string }
    | { kind: 'section'; letter: string; title: string }
    | { kind: 'numbered'; number: string; ordinal: number; numberSpan: Span; content: string; indent: number }
    | { kind: 'footnote'; number: string; text: string }
    | { kind: 'item'; rendered: string; indent: number }
    | { kind: 'bold'; title: string }
    /** `clean`: the line without markup when it is short enough to be a title, else '' (it is not one). */
    | { kind: 'text'; raw: string; clean: string }
  );

interface EntryPlace {
  /** Index of its first and last source line. */
  first: number;
  last: number;
  /** Its text in the source, without surrounding white space. */
  span: Span;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const MARKDOWN_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SUFFIXES = 'bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies';
// "15. text", "74bis.", "74 bis.", "12ter.", "13a.", "**15.** text", "15\. text" (escaped by converters).
const NUMBERED = new RegExp(`^( {0,3})(\\*{1,2}|_{1,2})?(\\d{1,5})(?:[ \\t]?(${SUFFIXES})\\b|([a-z]))?(\\\\?\\.)(\\*{1,2}|_{1,2})?(?=\\s|$)`);
const SUPERSCRIPT_FOOTNOTE = /^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*/;
const MARKDOWN_FOOTNOTE = /^ {0,3}\[\^([^\]\s]+)\]:\s*/;
const SUP_FOOTNOTE = /^\s*<sup>\s*(\d{1,3}|[*†‡§]{1,3})\s*<\/sup>\s*/;
const BULLET = /^([ \t]*)[-*+•▪◦‣–](?:[ \t]+|$)/;
const LETTERED_ITEM = /^[ \t]*\((?:[a-z]{1,2}|[ivxl]{1,6})\)[ \t]+\S/;
const LETTERED_HEADING = /^([A-Z]|[IVX]{2,4})[.)]\s+(\S.*)$/;

// Page furniture: rules, lone page numbers, document symbols alone on a line.
const FURNITURE = [
  /^([-*_])(?:[ \t]*\1){2,}$/,
  /^[-–]?[ \t]*\d{1,4}[ \t]*[-–]?$/,
  /^page[ \t]+\d+(?:[ \t]+of[ \t]+\d+)?$/i,
  /^[A-Z]{1,5}(?:\/[A-Z0-9.-]+)+$/,
  /^<!--.*-->$/,
];

const MAX_FURNITURE_LENGTH = 120;

function isFurniture(body: string): boolean {
  return body.length <= MAX_FURNITURE_LENGTH && FURNITURE.some((pattern) => pattern.test(body));
}

/** Index of the first line after a YAML front matter block at the very top, if any. */
function afterYamlFrontMatter(lines: SourceLine[]): number {
  if (lines[0]?.text.trim() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const body = lines[i].text.trim();
    if (body === '---' || body === '...') return i + 1;
  }
  return 0;
}

function classifyLines(lines: SourceLine[]): Entry[] {
  const entries: Entry[] = [];
  for (let i = afterYamlFrontMatter(lines); i < lines.length; i++) {
    const line = lines[i];
    const body = line.text.trim();
    if (body === '' || isFurniture(body)) continue;
    const place = (last: number): EntryPlace => ({
      first: i,
      last,
      span: { start: line.start + leadingSpace(line.text), end: lines[last].start + lines[last].text.trimEnd().length },
    });

    const heading = MARKDOWN_HEADING.exec(line.text);
    if (heading) {
      const title = cleanInline(heading[2] ?? '');
      if (title === '') continue;
      const lettered = letteredHeading(title);
      entries.push({ ...place(i), kind: 'heading', level: heading[1].length, letter: lettered?.letter, title: lettered?.title ?? title });
      continue;
    }

    const footnote = SUPERSCRIPT_FOOTNOTE.exec(line.text) ?? MARKDOWN_FOOTNOTE.exec(line.text) ?? SUP_FOOTNOTE.exec(line.text);
    if (footnote) {
      // Footnote texts are one line, or go on on indented lines (Markdown style).
      let last = i;
      while (last + 1 < lines.length && isIndentedContinuation(lines[last + 1].text)) last++;
      const parts = [line.text.slice(footnote[0].length)];
      for (let j = i + 1; j <= last; j++) parts.push(lines[j].text);
      entries.push({ ...place(last), kind: 'footnote', number: asciiDigits(footnote[1]), text: cleanInline(parts.join(' ')) });
      i = last;
      continue;
    }

    const numbered = NUMBERED.exec(line.text);
    if (numbered) {
      const [whole, indent, openingEmphasis, digits, suffix, letter, , closingEmphasis] = numbered;
      const numberStart = line.start + indent.length + (openingEmphasis?.length ?? 0);
      const numberEnd = line.start + whole.length - (closingEmphasis?.length ?? 0);
      // "*15. text*": the emphasis opened before the number belongs to the text.
      const content = (closingEmphasis ? '' : openingEmphasis ?? '') + line.text.slice(whole.length).trim();
      entries.push({
        ...place(i),
        kind: 'numbered',
        number: digits + (suffix ?? letter ?? ''),
        ordinal: Number(digits),
        numberSpan: { start: numberStart, end: numberEnd },
        content,
        indent: indent.length,
      });
      continue;
    }

    const bullet = BULLET.exec(line.text);
    if (bullet) {
      const content = line.text.slice(bullet[0].length).trim();
      entries.push({ ...place(i), kind: 'item', rendered: content === '' ? '' : `- ${content}`, indent: bullet[1].length });
      continue;
    }
    if (LETTERED_ITEM.test(line.text)) {
      entries.push({ ...place(i), kind: 'item', rendered: body, indent: leadingSpace(line.text) });
      continue;
    }

    const clean = body.length <= MAX_TITLE_SOURCE_LENGTH ? cleanInline(body) : '';
    const lettered = letteredHeading(clean);
    if (lettered) {
      entries.push({ ...place(i), kind: 'section', letter: lettered.letter, title: lettered.title });
      continue;
    }
    const boldEnd = endOfBoldBlock(lines, i);
    if (boldEnd !== undefined) {
      const title = cleanInline(lines.slice(i, boldEnd + 1).map((l) => l.text.trim()).join(' '));
      entries.push({ ...place(boldEnd), kind: 'bold', title });
      i = boldEnd;
      continue;
    }
    entries.push({ ...place(i), kind: 'text', raw: body, clean });
  }
  return entries;
}

function leadingSpace(line: string): number {
  return line.length - line.trimStart().length;
}

function isIndentedContinuation(line: string): boolean {
  return /^(?: {2,}|\t)\S/.test(line) && !BULLET.test(line) && !NUMBERED.test(line);
}

function letteredHeading(clean: string): { letter: string; title: string } | undefined {
  const match = LETTERED_HEADING.exec(clean);
  return match && isTitleLike(match[2]) ? { letter: match[1], title: match[2] } : undefined;
}

const MAX_BOLD_BLOCK_LINES = 5;

/** A line that is a paragraph, heading, footnote or bullet of its own, never the inside of a bold block. */
function startsSomethingElse(line: string): boolean {
  return [MARKDOWN_HEADING, NUMBERED, SUPERSCRIPT_FOOTNOTE, MARKDOWN_FOOTNOTE, SUP_FOOTNOTE, BULLET].some((pattern) => pattern.test(line));
}

/**
 * Index of the last line of a bold block starting at line `first` (a title
 * like "**Open-ended working group …**" over several lines), if there is one.
 */
function endOfBoldBlock(lines: SourceLine[], first: number): number | undefined {
  const opening = lines[first].text.trim();
  if (!/^\*\*[^*\s]/.test(opening)) return undefined;
  const inner = opening.slice(2);
  const close = inner.indexOf('**');
  if (close >= 0) return close === inner.length - 2 ? first : undefined;
  for (let j = first + 1; j < lines.length && j < first + MAX_BOLD_BLOCK_LINES; j++) {
    const body = lines[j].text.trim();
    if (body === '' || startsSomethingElse(lines[j].text)) return undefined;
    const at = body.indexOf('**');
    if (at >= 0) return at === body.length - 2 && at > 0 ? j : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- inline text

const MARKER = /<sup>\s*([^<]*?)\s*<\/sup>|\[\^([^\]\s]+)\](?!:)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g;
const MAYBE_MARKER = /[<[⁰¹²³⁴⁵⁶⁷⁸⁹]/;
const FOOTNOTE_ID = /^(?:\d{1,3}|[*†‡§]{1,3})$/;
const INLINE_TAG = /<\/?(?:em|strong|i|b|u|span|mark|small|sub|sup)\b[^>]*>/gi;

function asciiDigits(number: string): string {
  let out = '';
  for (const char of number) {
    const digit = SUPERSCRIPT_DIGITS.indexOf(char);
    out += digit >= 0 ? String(digit) : char;
  }
  return out;
}

/**
 * The footnote marker of a draft's text under `offset` ("[^2]", a raised "²",
 * "<sup>2</sup>"), with its number and span; none where the marker opens its
 * line (that is the footnote's own number, before its text).
 */
export function footnoteMarkerAt(text: string, offset: number): { number: string; span: Span } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline);
  if (!MAYBE_MARKER.test(line)) return undefined;
  for (const match of line.matchAll(MARKER)) {
    const start = lineStart + match.index;
    const end = start + match[0].length;
    if (offset < start || offset > end) continue;
    if (/^\s*$/.test(line.slice(0, match.index))) return undefined;
    const [, sup, markdown, superscript] = match;
    const number = sup !== undefined ? (FOOTNOTE_ID.test(sup) ? sup : undefined) : markdown ?? asciiDigits(superscript);
    return number === undefined ? undefined : { number, span: { start, end } };
  }
  return undefined;
}

/** Removes footnote markers (recording them in `refs`), emphasis, escapes and extra white space. */
function cleanInline(raw: string, refs?: string[]): string {
  let text = removeMarkers(raw, refs);
  if (text.includes('<')) text = text.replace(INLINE_TAG, '');
  text = stripEmphasis(text);
  if (text.includes('\\')) text = text.replace(/\\([\\`*_{}[\]()#+\-.!<>])/g, '$1');
  return collapseSpaces(text).trim();
}

/** Runs of white space become one space (checked first: most lines have none, and replacing costs a copy). */
function collapseSpaces(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** White space before a marker goes with it: "views <sup>1</sup>" → "views". */
function removeMarkers(raw: string, refs?: string[]): string {
  if (!MAYBE_MARKER.test(raw)) return raw;
  const parts: string[] = [];
  let from = 0;
  for (const match of raw.matchAll(MARKER)) {
    const [marker, sup, markdown, superscript] = match;
    const number = sup !== undefined ? (FOOTNOTE_ID.test(sup) ? sup : undefined) : markdown ?? asciiDigits(superscript);
    const before = raw.slice(from, match.index);
    if (number === undefined) {
      parts.push(before, marker.replace(/<\/?sup>/g, '')); // "1<sup>st</sup>" keeps its letters
    } else {
      parts.push(before.trimEnd());
      refs?.push(number);
    }
    from = match.index + marker.length;
  }
  parts.push(raw.slice(from));
  return parts.join('');
}

interface Delimiter {
  at: number;
  length: number;
}

/**
 * Drops paired `*`/`_` emphasis delimiters and keeps unpaired ones, so that the
 * star of "A/68/98*" (a reissued document) survives. A simplified form of the
 * CommonMark delimiter rules: a run can open when a non-space follows it and
 * close when a non-space precedes it; `_` inside a word is literal.
 */
function stripEmphasis(text: string): string {
  if (!text.includes('*') && !text.includes('_')) return text;
  const dropped: Delimiter[] = [];
  const openers: Record<string, Delimiter[]> = { '*': [], _: [] };
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char !== '*' && char !== '_') {
      i++;
      continue;
    }
    let end = i;
    while (text[end] === char) end++;
    const before = text[i - 1] ?? ' ';
    const after = text[end] ?? ' ';
    const inWord = char === '_' && isWordChar(before) && isWordChar(after);
    const canOpen = !inWord && !/\s/.test(after);
    const canClose = !inWord && !/\s/.test(before);
    const run: Delimiter = { at: i, length: end - i };
    const waiting = openers[char];
    const opener = canClose ? waiting.pop() : undefined;
    if (opener) dropped.push(opener, run);
    else if (canOpen) waiting.push(run);
    i = end;
  }
  if (dropped.length === 0) return text;
  dropped.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const run of dropped) {
    parts.push(text.slice(from, run.at));
    from = run.at + run.length;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

const MAX_TITLE_WORDS = 12;
const MAX_TITLE_LENGTH = 120;
/** Room for markup around a title ("## **…**", footnote markers). */
const MAX_TITLE_SOURCE_LENGTH = 2 * MAX_TITLE_LENGTH;

/** Short, starts with a capital, no final punctuation: "Process and Purpose", "The OEWG recommends that". */
function isTitleLike(clean: string): boolean {
  if (clean.length === 0 || clean.length > MAX_TITLE_LENGTH) return false;
  if (!/^\p{Lu}/u.test(clean) || /[.,;:!?…]$/.test(clean)) return false;
  return clean.split(' ').length <= MAX_TITLE_WORDS;
}

// "Discussions", "Conclusions and Recommendations", "The OEWG recommends that": the vocabulary's sub-headings.
const USUAL_SUBHEADING = usualSubheading(DEFAULT_VOCABULARY);

function isUsualSubheading(clean: string): boolean {
  return clean.length <= 60 && USUAL_SUBHEADING.test(clean);
}

const TAIL_LENGTH = 200;
const CLOSER = /[\s*_”’"'»)\]}>]/;

/** The last character that carries meaning: footnote markers, emphasis, closing quotes and brackets set aside. */
function lastMeaningfulChar(raw: string): string {
  const tail = removeMarkers(raw.slice(-TAIL_LENGTH));
  let end = tail.length;
  while (end > 0 && CLOSER.test(tail[end - 1])) end--;
  return tail.slice(end - 1, end);
}

function endsSentence(raw: string): boolean {
  return /[.!?:;…]/.test(lastMeaningfulChar(raw));
}

function introducesList(raw: string): boolean {
  return lastMeaningfulChar(raw) === ':';
}

// ---------------------------------------------------------------- the reader

/** One line of a paragraph's text: continued pieces are joined by spaces, bullets stand on their own. */
interface TextLine {
  indent: string;
  segments: string[];
  isItem: boolean;
}

interface OpenParagraph {
  number: string;
  ordinal: number;
  numberSpan: Span;
  section?: Section;
  subheading?: string;
  textLines: TextLine[];
  pieces: Span[];
  /** Index of the last source line that belongs to it. */
  lastLine: number;
  /** Raw text of its last line, to tell whether it stops mid-sentence or opens a list. */
  lastRaw: string;
  inList: boolean;
  /** Indentation of its first bullet: deeper bullets are nested. */
  listIndent?: number;
  /** Last number of a numbered list inside it ("1.", "2." under a paragraph ending with ":"). */
  subListLast?: number;
  /** How far its number is indented. */
  numberIndent: number;
}

/** The end of a list item after which the list must go on. */
const LIST_LEFT_OPEN = /(?:[;,]|[;,]?\s+(?:and|or))\s*$/;

interface FrontMatterBlock {
  text: string;
  /** A bold block or a Markdown heading. */
  strong: boolean;
  titleLike: boolean;
  lineCount: number;
  /** Index of its last source line. */
  last: number;
}

const MAX_TITLE_LINES = 3;

const MAX_OUT_OF_SEQUENCE_ORDINAL = 999;

class DraftReader {
  private readonly paragraphs: Paragraph[] = [];
  private readonly sections: Section[] = [];
  private readonly subheadings: Subheading[] = [];
  private readonly footnotes: Footnote[] = [];
  private readonly problems: ParseProblem[] = [];
  private readonly frontMatter: FrontMatterBlock[] = [];
  private readonly numbersSeen = new Set<string>();
  private readonly footnoteNumbersSeen = new Set<string>();
  private readonly levelOneHeadings: number;
  private inFrontMatter = true;
  private section?: Section;
  /** Markdown level of the open section's heading; 0 for plain-text headings. */
  private sectionLevel = 0;
  private subheading?: string;
  private open?: OpenParagraph;
  /** Highest paragraph number so far: numbering problems are measured against it. */
  private highestOrdinal?: number;

  constructor(
    private readonly source: string,
    private readonly entries: Entry[],
  ) {
    this.levelOneHeadings = entries.filter((e) => e.kind === 'heading' && e.level === 1).length;
  }

  read(): ParsedDraft {
    for (let k = 0; k < this.entries.length; k++) this.readEntry(k);
    this.closeParagraph();
    this.reportMissingFootnotes();
    return {
      title: this.title(),
      paragraphs: this.paragraphs,
      sections: this.sections,
      subheadings: this.subheadings,
      footnotes: this.footnotes,
      problems: this.problems,
    };
  }

  private readEntry(k: number): void {
    const entry = this.entries[k];
    switch (entry.kind) {
      case 'heading':
        return this.readHeading(k, entry);
      case 'section':
        if (this.standsAlone(k)) return this.openSection(entry, entry.letter, entry.title, 0);
        return this.readText(k, { ...entry, kind: 'text', raw: this.source.slice(entry.span.start, entry.span.end), clean: `${entry.letter}. ${entry.title}` });
      case 'numbered':
        return this.readNumbered(k, entry);
      case 'footnote':
        return this.addFootnote(entry);
      case 'item':
        if (this.open) this.appendItem(entry, entry.rendered, entry.indent);
        return;
      case 'bold':
        return this.readBold(k, entry);
      case 'text':
        return this.readText(k, entry);
    }
  }

  private readHeading(k: number, entry: Extract<Entry, { kind: 'heading' }>): void {
    if (entry.letter !== undefined) return this.openSection(entry, entry.letter, entry.title, entry.level);
    if (this.inFrontMatter && this.isTitleHeading(k, entry)) {
      this.frontMatter.push({ text: entry.title, strong: true, titleLike: true, lineCount: 1, last: entry.last });
      return;
    }
    if (this.startsListHeading(k, entry.title) && entry.level > this.sectionLevel) return this.appendListHeading(entry, entry.title);
    if (isUsualSubheading(entry.title) || (this.section && entry.level > this.sectionLevel)) return this.setSubheading(entry.title, entry);
    this.openSection(entry, undefined, entry.title, entry.level);
  }

  private isTitleHeading(k: number, entry: Extract<Entry, { kind: 'heading' }>): boolean {
    if (isUsualSubheading(entry.title)) return false;
    const next = this.entries[k + 1];
    const headingFollows =
      next !== undefined && (next.kind === 'heading' || next.kind === 'section' || next.kind === 'bold') && !isUsualSubheading(next.title);
    return headingFollows || (entry.level === 1 && this.levelOneHeadings === 1);
  }

  private readBold(k: number, entry: Extract<Entry, { kind: 'bold' }>): void {
    if (!this.standsAlone(k)) {
      return this.readText(k, { ...entry, kind: 'text', raw: this.source.slice(entry.span.start, entry.span.end), clean: entry.title });
    }
    if (this.inFrontMatter && !isUsualSubheading(entry.title)) {
      this.frontMatter.push({ text: entry.title, strong: true, titleLike: true, lineCount: entry.last - entry.first + 1, last: entry.last });
      return;
    }
    if (this.startsListHeading(k, entry.title)) return this.appendListHeading(entry, entry.title);
    this.setSubheading(entry.title, entry);
  }

  private readText(k: number, entry: Extract<Entry, { kind: 'text' }>): void {
    const alone = this.standsAlone(k);
    const open = this.open;
    if (open && open.lastLine === entry.first - 1) return this.appendContinuation(entry, entry.raw);
    if (alone && isUsualSubheading(entry.clean) && !this.startsListHeading(k, entry.clean)) return this.setSubheading(entry.clean, entry);
    if (open) {
      if (!alone || !isTitleLike(entry.clean)) return this.appendContinuation(entry, entry.raw);
      if (this.startsListHeading(k, entry.clean)) return this.appendListHeading(entry, entry.raw);
      if (!endsSentence(open.lastRaw)) return this.appendContinuation(entry, entry.raw);
      return this.setSubheading(entry.clean, entry);
    }
    if (this.inFrontMatter) return this.addFrontMatterText(entry);
    if (alone && isTitleLike(entry.clean)) this.setSubheading(entry.clean, entry);
    // Other unnumbered prose (a working paper's text, a note) belongs to no paragraph.
  }

  private readNumbered(k: number, entry: Extract<Entry, { kind: 'numbered' }>): void {
    const open = this.open;
    const raw = this.source.slice(entry.span.start, entry.span.end);
    if (open && this.isSubListItem(open, entry)) {
      open.subListLast = entry.ordinal;
      return this.appendItem(entry, raw, 0);
    }
    // A wrapped line can start with a year ("2015. States …"): large numbers
    // only open a paragraph when they follow the previous one.
    const prev = this.highestOrdinal;
    if (entry.ordinal > MAX_OUT_OF_SEQUENCE_ORDINAL && (prev === undefined || (entry.ordinal !== prev && entry.ordinal !== prev + 1))) {
      return this.readText(k, { ...entry, kind: 'text', raw, clean: cleanInline(raw) });
    }
    this.startParagraph(entry);
  }

  /**
   * "1." right under a paragraph that ends with ":" is the first item of a list
   * inside it, not paragraph 1. An item numbered like the next paragraph goes
   * on with the list when it is indented deeper than the paragraph's number,
   * or when the item before it leaves the list open ("…;", "…, and").
   */
  private isSubListItem(open: OpenParagraph, entry: Extract<Entry, { kind: 'numbered' }>): boolean {
    const { ordinal } = entry;
    if (!open.inList) return false;
    const continues = open.subListLast === undefined ? ordinal === 1 : ordinal === open.subListLast + 1;
    if (!continues || ordinal !== open.ordinal + 1) return continues;
    return entry.indent > open.numberIndent || LIST_LEFT_OPEN.test(open.lastRaw);
  }

  /** Before and after it: a gap, the edge of the document, or something that is not running text. */
  private standsAlone(k: number): boolean {
    const entry = this.entries[k];
    const previous = this.entries[k - 1];
    const next = this.entries[k + 1];
    const gapBefore = !previous || previous.last < entry.first - 1 || ['heading', 'section', 'footnote', 'bold'].includes(previous.kind);
    const gapAfter = !next || next.first > entry.last + 1 || next.kind !== 'text';
    return gapBefore && gapAfter;
  }

  /** A title-like line inside a paragraph that introduces a list, with bullets right under it. */
  private startsListHeading(k: number, title: string): boolean {
    return this.open !== undefined && this.open.inList && this.entries[k + 1]?.kind === 'item' && isTitleLike(title);
  }

  // ------------------------------------------------------------ structure

  private openSection(entry: EntryPlace, letter: string | undefined, title: string, level: number): void {
    this.closeParagraph();
    this.inFrontMatter = false;
    this.section = letter === undefined ? { title, span: entry.span } : { letter, title, span: entry.span };
    this.sections.push(this.section);
    this.sectionLevel = level;
    this.subheading = undefined;
  }

  private setSubheading(title: string, entry: EntryPlace): void {
    this.closeParagraph();
    this.inFrontMatter = false;
    this.subheading = title;
    this.subheadings.push({ title, span: entry.span });
  }

  private addFrontMatterText(entry: Extract<Entry, { kind: 'text' }>): void {
    const block = this.frontMatter[this.frontMatter.length - 1];
    if (block && !block.strong && block.last === entry.first - 1) {
      // A title wrapped over a few lines: its later lines may start in lower case.
      block.text += ` ${entry.clean}`;
      block.lineCount++;
      block.titleLike &&= block.lineCount <= MAX_TITLE_LINES && entry.clean !== '' && !/[.,;:!?…]$/.test(entry.clean);
      block.last = entry.last;
      return;
    }
    this.frontMatter.push({ text: entry.clean, strong: false, titleLike: isTitleLike(entry.clean), lineCount: 1, last: entry.last });
  }

  /**
   * The first bold or heading block at the top (else the first title-like
   * line), followed by the title-like blocks right under it (the Zero Draft's
   * "Draft Substantive Report [Zero Draft]"), joined by " — ".
   */
  private title(): string | undefined {
    let first = this.frontMatter.findIndex((b) => b.strong);
    if (first < 0) first = this.frontMatter.findIndex((b) => b.titleLike);
    if (first < 0) return undefined;
    const parts = [this.frontMatter[first].text];
    for (const block of this.frontMatter.slice(first + 1)) {
      if (!block.titleLike) break;
      parts.push(block.text);
    }
    return parts.join(' — ');
  }

  // ------------------------------------------------------------ paragraphs

  private startParagraph(entry: Extract<Entry, { kind: 'numbered' }>): void {
    this.closeParagraph();
    this.inFrontMatter = false;
    this.checkNumbering(entry);
    this.open = {
      number: entry.number,
      ordinal: entry.ordinal,
      numberSpan: entry.numberSpan,
      section: this.section,
      subheading: this.subheading,
      textLines: [{ indent: '', segments: [entry.content], isItem: false }],
      pieces: [{ start: entry.numberSpan.start, end: entry.span.end }],
      lastLine: entry.last,
      lastRaw: entry.content,
      inList: introducesList(entry.content),
      numberIndent: entry.indent,
    };
  }

  private checkNumbering(entry: Extract<Entry, { kind: 'numbered' }>): void {
    const previous = this.highestOrdinal;
    if (this.numbersSeen.has(entry.number)) {
      this.problems.push({ message: `paragraph ${entry.number} appears more than once`, span: entry.numberSpan });
    } else if (previous !== undefined && entry.ordinal < previous) {
      this.problems.push({ message: `paragraph ${entry.number} is out of order: it comes after paragraph ${previous}`, span: entry.numberSpan });
    } else if (previous !== undefined && entry.ordinal > previous + 1) {
      const missing = entry.ordinal === previous + 2 ? `paragraph ${previous + 1} is` : `paragraphs ${previous + 1}–${entry.ordinal - 1} are`;
      this.problems.push({ message: `${missing} missing: paragraph ${entry.number} follows paragraph ${previous}`, span: entry.numberSpan });
    }
    this.numbersSeen.add(entry.number);
    this.highestOrdinal = Math.max(previous ?? entry.ordinal, entry.ordinal);
  }

  /** Adds the entry's source to the open paragraph's pieces: a new piece after a gap. */
  private extendPieces(open: OpenParagraph, entry: EntryPlace): void {
    const piece = open.pieces[open.pieces.length - 1];
    if (open.lastLine === entry.first - 1) piece.end = entry.span.end;
    else open.pieces.push({ ...entry.span });
    open.lastLine = entry.last;
  }

  private appendContinuation(entry: EntryPlace, raw: string): void {
    const open = this.open;
    if (!open) return;
    const adjacent = open.lastLine === entry.first - 1;
    const lastLine = open.textLines[open.textLines.length - 1];
    // Under a list, a finished item followed by a gap means a new line of text.
    if (open.inList && lastLine.isItem && !adjacent && endsSentence(open.lastRaw)) {
      open.textLines.push({ indent: '', segments: [raw], isItem: false });
    } else {
      lastLine.segments.push(raw);
    }
    this.extendPieces(open, entry);
    open.lastRaw = raw;
    if (introducesList(raw)) open.inList = true;
  }

  private appendItem(entry: EntryPlace, rendered: string, indent: number): void {
    const open = this.open;
    if (!open) return;
    open.listIndent ??= indent;
    open.inList = true;
    this.extendPieces(open, entry);
    if (rendered === '') return; // an empty bullet
    open.textLines.push({ indent: indent > open.listIndent ? '  ' : '', segments: [rendered], isItem: true });
    open.lastRaw = rendered;
  }

  private appendListHeading(entry: EntryPlace, raw: string): void {
    const open = this.open;
    if (!open) return;
    open.textLines.push({ indent: '', segments: [raw], isItem: false });
    this.extendPieces(open, entry);
    open.lastRaw = raw;
  }

  private closeParagraph(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    const footnoteRefs: string[] = [];
    const lines: string[] = [];
    for (const line of open.textLines) {
      const clean = cleanInline(line.segments.join(' '), footnoteRefs);
      if (clean !== '') lines.push(line.indent + clean);
    }
    const text = lines.join('\n');
    const last = open.pieces[open.pieces.length - 1];
    const paragraph: Paragraph = {
      number: open.number,
      ordinal: open.ordinal,
      text,
      span: { start: open.numberSpan.start, end: last.end },
      pieces: open.pieces,
      numberSpan: open.numberSpan,
      footnoteRefs: [...new Set(footnoteRefs)],
    };
    if (open.section) paragraph.section = open.section;
    if (open.subheading !== undefined) paragraph.subheading = open.subheading;
    this.paragraphs.push(paragraph);
    this.reportTruncation(paragraph, open);
  }

  private reportTruncation(paragraph: Paragraph, open: OpenParagraph): void {
    const lastLine = open.textLines[open.textLines.length - 1];
    if (paragraph.text === '') {
      this.problems.push({ message: `paragraph ${paragraph.number} has no text`, span: paragraph.numberSpan });
    } else if (!lastLine.isItem && !endsSentence(open.lastRaw)) {
      this.problems.push({ message: `paragraph ${paragraph.number} seems truncated: it ends without final punctuation`, span: paragraph.span });
    }
  }

  // ------------------------------------------------------------ footnotes

  private addFootnote(entry: Extract<Entry, { kind: 'footnote' }>): void {
    if (this.footnoteNumbersSeen.has(entry.number)) {
      this.problems.push({ message: `footnote ${entry.number} appears more than once`, span: entry.span });
    }
    this.footnoteNumbersSeen.add(entry.number);
    this.footnotes.push({ number: entry.number, text: entry.text, span: entry.span });
  }

  private reportMissingFootnotes(): void {
    for (const paragraph of this.paragraphs) {
      for (const number of paragraph.footnoteRefs) {
        if (!this.footnoteNumbersSeen.has(number)) {
          this.problems.push({ message: `paragraph ${paragraph.number} refers to footnote ${number}, whose text was not found`, span: paragraph.numberSpan });
        }
      }
    }
  }
}
