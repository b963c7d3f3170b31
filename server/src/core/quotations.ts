// Quotations in a submission: finding them, pairing each with the citation it
// belongs to, and checking the quoted words against a paragraph of a draft.
//
// A quotation is a run of words in double quotes (straight or curly) or a
// Markdown block quote. Checking runs on normalised words (see textNormalise):
// typography, case, hyphenation, footnote markers and emphasis never count as
// differences. An ellipsis ("…", "...", "[…]", "[...]") stands for any gap; a
// bracketed alteration ("[s]tates", "[the Group]") stands for the letters or
// words it replaces.
//
// Outcomes of a check, with the thresholds that decide them:
//   exact  every word of the quote is found, in order, in one passage of the
//          paragraph (gaps only where the quote marks them).
//   near   the quote has more than SHORT_QUOTE_WORDS words, at least
//          NEAR_ALIGNED_RATIO (80 %) of its words align with one passage, and
//          that passage is compact: similarity (aligned words / (quote words +
//          paragraph words the quote leaves out)) is at least NEAR_SIMILARITY
//          (0.7). The differing words are listed.
//   none   anything else; the closest passage is given with its similarity.
// Short quotes (1 to SHORT_QUOTE_WORDS words: scare quotes such as a "two-way
// street" or a term such as the "gender digital divide") are never 'near': a
// near match of a two-word term is a different term, so they are 'exact' or
// 'none', and pairings mark them `short` so diagnostics can treat a miss
// leniently.
import { Citation, Span } from './model';
import { WORD_CHAR, WordToken, normaliseWord, wordPattern, wordTokens } from './textNormalise';

/** Quotes of at most this many words are short (scare quotes, terms). */
export const SHORT_QUOTE_WORDS = 3;
/** 'near' needs at least this share of the quote's words aligned with the paragraph. */
export const NEAR_ALIGNED_RATIO = 0.8;
/** 'near' needs at least this similarity between the quote and the passage. */
export const NEAR_SIMILARITY = 0.7;
/**
 * Quotes of more words than this are not aligned word by word (the alignment
 * costs quote words × paragraph words in time and memory): they are only
 * looked for as written, word for word, with their ellipses (see
 * `QuoteCheckBase.unaligned`).
 */
export const MAX_ALIGNED_QUOTE_WORDS = 2000;
/**
 * Nor is a quote aligned with a paragraph when the table would have more
 * cells than this (a paragraph of a badly extracted draft): 5 bytes a cell.
 */
const MAX_ALIGNMENT_CELLS = 8_000_000;

/**
 * A cache keyed by quotation text, emptied when it holds `limit` entries or
 * its keys add up to `maxChars` characters: a long quote being edited leaves
 * a new key at every keystroke, and memory must stay bounded.
 */
export class TextKeyedCache<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly limit: number,
    private readonly maxChars = 4_000_000,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (!this.map.has(key)) {
      if (this.map.size >= this.limit || this.chars + key.length > this.maxChars) this.clear();
      this.chars += key.length;
    }
    this.map.set(key, value);
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}

// ---------------------------------------------------------------------------
// Finding quotations and pairing them with citations
// ---------------------------------------------------------------------------

/** A quotation in a submission. */
export interface Quotation {
  kind: 'inline' | 'block';
  /** The whole quotation: from the opening mark to the closing mark, or the block's lines. */
  span: Span;
  /** The quoted words, inside the marks. */
  textSpan: Span;
  /**
   * The text at `textSpan`, with block-quote markers ("> ") blanked out by
   * spaces of the same length, so an offset into `text` plus `textSpan.start`
   * is an offset into the submission.
   */
  text: string;
  /** Words as the checker counts them (an ellipsis is not a word). */
  wordCount: number;
  /** At most SHORT_QUOTE_WORDS words. */
  short: boolean;
}

/**
 * Why a quotation was paired with its citation:
 * - 'after': the citation follows the closing quote mark directly ("…" (para 96));
 * - 'before': the nearest citation before the quote in the same sentence;
 * - 'sentence': the nearest citation after the quote in the same sentence;
 * - 'inside': a block quote ending with its citation ("> … (para 74)");
 * - 'line-before' / 'line-after': the line introducing or attributing a block quote.
 */
export type PairingReason = 'after' | 'before' | 'sentence' | 'inside' | 'line-before' | 'line-after';

/** A quotation and the citation it belongs to, when there is one. */
export interface QuotationPairing {
  quotation: Quotation;
  citation?: Citation;
  reason?: PairingReason;
}

/**
 * Every quotation of a submission, in text order, each paired with the
 * citation it belongs to (a citation may own several quotations). Quotations
 * with no citation nearby are returned unpaired.
 */
export function findQuotations(text: string, citations: readonly Citation[]): QuotationPairing[] {
  const lines = lineSpans(text);
  const sorted = [...citations].sort((a, b) => a.span.start - b.span.start);
  const blocks = blockQuotes(text, lines);
  const inBlock = spanCover(blocks.map((b) => b.span));
  // The “Zero Draft” of "the “Zero Draft”, para 74" names a draft: it quotes nothing.
  const qualifiers = spanCover(
    citations.flatMap((c) => (c.qualifier && /["“”]/.test(text.slice(c.qualifier.span.start, c.qualifier.span.end)) ? [c.qualifier.span] : [])),
  );
  const inline = inlineQuotes(text).filter((q) => !inBlock({ start: q.span.start, end: q.span.start + 1 }) && !qualifiers(q.textSpan));
  const sentences = sentenceSpans(text, lines, inline.map((q) => q.span));
  const pairings: QuotationPairing[] = [];
  let s = 0;
  // The citations and the quotations starting in the sentence at hand, found once per sentence.
  let around: Sentence | undefined;
  for (const quotation of inline) {
    while (s < sentences.length && sentences[s].end <= quotation.span.start) s++;
    const sentence = sentences[s];
    if (!sentence || !contains(sentence, quotation.span.start)) {
      pairings.push({ quotation });
      continue;
    }
    if (around?.span !== sentence) around = sentenceOf(sentence, sorted, inline);
    pairings.push({ quotation, ...pairInline(text, quotation, around) });
  }
  for (const block of blocks) pairings.push(pairBlock(text, lines, block, sorted));
  return pairings
    .filter((p) => p.quotation.wordCount > 0)
    .sort((a, b) => a.quotation.span.start - b.quotation.span.start);
}

/** A sentence, with the citations and the quotations that start in it: [from, to) of the sorted lists. */
interface Sentence {
  span: Span;
  citations: readonly Citation[];
  citationsFrom: number;
  citationsTo: number;
  quotes: readonly Quotation[];
  quotesFrom: number;
  quotesTo: number;
}

function sentenceOf(span: Span, citations: readonly Citation[], quotes: readonly Quotation[]): Sentence {
  const citationsFrom = firstStartingAt(citations, span.start);
  const quotesFrom = firstStartingAt(quotes, span.start);
  return {
    span,
    citations,
    citationsFrom,
    citationsTo: firstStartingAt(citations, span.end, citationsFrom),
    quotes,
    quotesFrom,
    quotesTo: firstStartingAt(quotes, span.end, quotesFrom),
  };
}

/**
 * The index of the first item (of a list sorted by start) that starts at or
 * after `offset`, searching from `from` on; the list's length when none does.
 */
export function firstStartingAt(sorted: readonly { span: Span }[], offset: number, from = 0): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].span.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The citations or quotations (sorted by start) that start inside a span. */
function startingIn<T extends { span: Span }>(sorted: readonly T[], span: Span): T[] {
  const from = firstStartingAt(sorted, span.start);
  return sorted.slice(from, firstStartingAt(sorted, span.end, from));
}

/**
 * A test of whether a span lies wholly inside one of `spans` (in any order,
 * overlapping or not): sorted once, then one binary search per question.
 */
export function spanCover(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  // reach[k]: the furthest end among the first k + 1 spans.
  const reach: number[] = [];
  for (const span of sorted) reach.push(Math.max(span.end, reach.length ? reach[reach.length - 1] : -Infinity));
  return (span) => {
    // The last span starting at or before span.start.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid].start <= span.start) low = mid + 1;
      else high = mid;
    }
    return low > 0 && reach[low - 1] >= span.end;
  };
}

function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset < span.end;
}

/** A citation's reach, with its qualifier ("Zero Draft, para 74" starts at "Zero"). */
function citationEdges(c: Citation): Span {
  const q = c.qualifier?.span;
  return q ? { start: Math.min(c.span.start, q.start), end: Math.max(c.span.end, q.end) } : c.span;
}

function makeQuotation(kind: Quotation['kind'], span: Span, textSpan: Span, text: string): Quotation {
  const wordCount = quoteParts(text).filter((p) => p.kind !== 'gap').length;
  return { kind, span, textSpan, text, wordCount, short: wordCount <= SHORT_QUOTE_WORDS };
}

function trimmedSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const BLANK_LINE_AHEAD = /^[ \t]*\r?\n/;

/**
 * Double-quoted runs. Straight and curly marks may be mixed (text copied from
 * several sources does); an opening mark with no closing mark before a blank
 * line is dropped, and an opening curly mark inside an open quote starts over
 * (the earlier one was never closed).
 */
function inlineQuotes(text: string): Quotation[] {
  const quotes: Quotation[] = [];
  let open = -1;
  const close = (at: number) => {
    const textSpan = trimmedSpan(text, open + 1, at);
    quotes.push(makeQuotation('inline', { start: open, end: at + 1 }, textSpan, text.slice(textSpan.start, textSpan.end)));
    open = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' && BLANK_LINE_AHEAD.test(text.slice(i + 1, i + 80))) open = -1;
    else if (ch === '\u201C') open = i;
    else if (ch === '\u201D') {
      if (open >= 0) close(i);
    } else if (ch === '"') {
      const before = i > 0 ? text[i - 1] : ' ';
      const after = i + 1 < text.length ? text[i + 1] : ' ';
      if (open >= 0 && !/\s/.test(before)) close(i);
      else if (open < 0 && !/\s/.test(after)) open = i;
    }
  }
  return quotes;
}

const ABBREVIATIONS = new Set([
  'para', 'paras', 'e.g', 'i.e', 'cf', 'no', 'nos', 'art', 'arts', 'p', 'pp', 'vol', 'ch', 'sec', 'fig',
  'mr', 'ms', 'mrs', 'dr', 'prof', 'st', 'vs', 'viz', 'al', 'approx', 'incl', 'ibid', 'op', 'cit', 'u.n', 'u.s',
]);
/** A line that starts a new unit: a list item, a heading, a block quote, "a) …". */
const STRUCTURAL_LINE = /^[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|[a-z][.)][ \t]|\([a-z0-9]{1,3}\)[ \t]|#|>)/;

/**
 * Sentences as half-open spans. Blank lines and structural lines always end a
 * sentence; otherwise a sentence ends at ". ", "! " or "? " followed by a capital
 * or an opening quote, except after an abbreviation ("para.", "e.g."), after a
 * document symbol ("A/70/174."), inside parentheses, or inside a quotation.
 */
function sentenceSpans(text: string, lines: readonly Span[], quotations: readonly Span[]): Span[] {
  const sentences: Span[] = [];
  for (const unit of structuralUnits(text, lines)) {
    let start = unit.start;
    let depth = 0;
    for (let i = unit.start; i < unit.end; i++) {
      const ch = text[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth = Math.max(0, depth - 1);
      else if ((ch === '.' || ch === '!' || ch === '?') && depth === 0) {
        const end = sentenceEnd(text, i, unit.end, quotations);
        if (end >= 0) {
          sentences.push({ start, end });
          start = end;
          i = end - 1;
        }
      }
    }
    if (/\S/.test(text.slice(start, unit.end))) sentences.push({ start, end: unit.end });
  }
  return sentences;
}

/** Where the sentence ends if the terminator at `at` ends it (closing marks included), else -1. */
function sentenceEnd(text: string, at: number, limit: number, quotations: readonly Span[]): number {
  const next = /^([.!?"”’')\]*_]*)\s+(\S)/.exec(text.slice(at + 1, Math.min(limit, at + 16)));
  if (!next || !/[\p{Lu}\u201C"\u2018]/u.test(next[2])) return -1;
  const end = at + 1 + next[1].length;
  // A full stop inside a quotation ends the quoted sentence, not the one quoting it.
  // Quotations do not overlap: only the last one opening before `at` may hold it.
  const last = lastStartingBefore(quotations, at);
  if (last && end < last.end) return -1;
  if (text[at] === '.') {
    const word = /[^\s(\[]*$/.exec(text.slice(Math.max(0, at - 30), at))![0];
    if (ABBREVIATIONS.has(word.toLowerCase()) || /\/.*\d/.test(word)) return -1;
  }
  return end;
}

/** Of spans sorted by start, the last that starts before `offset`. */
function lastStartingBefore(sorted: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? sorted[low - 1] : undefined;
}

/** Runs of lines between blank lines and structural lines. */
function structuralUnits(text: string, lines: readonly Span[]): Span[] {
  const units: Span[] = [];
  let current: Span | undefined;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    if (!/\S/.test(content) || STRUCTURAL_LINE.test(content)) {
      if (current) units.push(current);
      current = /\S/.test(content) ? { ...line } : undefined;
    } else if (current) current.end = line.end;
    else current = { ...line };
  }
  if (current) units.push(current);
  return units;
}

/** Lines without their line ends. */
function lineSpans(text: string): Span[] {
  const lines: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r?\n/g)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

// A footnote marker may stand between a closing mark and its citation: “…”¹ (para 12), “…”[^3] (para 12).
const ATTACHED_GAP =
  /^(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\^[^\]\s]{1,10}\]|<sup>[^<]{1,10}<\/sup>)?[\s,;:.()[\]\u2013\u2014-]*(?:(?:see|cf\.?|in|at|of|from|per|under)\s+)?(?:the\s+)?$/i;
// What may lead from a citation into the quotation it introduces: "para 13 of “…”", "para 13 says that “…”".
const INTRODUCING_GAP = /^[^.;!?“”"]{0,40}$/;

/**
 * The citation a quote in a sentence belongs to: one standing right after the
 * closing mark ("…" (para 96)), else the nearest one before the quote ("para 74
 * encourages States to “…”"), else the nearest one after it. Only the
 * citations next to the quote are looked at, so a sentence of any length costs
 * a binary search per quote.
 */
function pairInline(text: string, q: Quotation, sentence: Sentence): Omit<QuotationPairing, 'quotation'> {
  const { citations, citationsFrom, citationsTo } = sentence;
  // After the quote: a citation's reach starts at or before its keyword, so
  // only citations starting after the quote can reach no further back than its end.
  let next: Citation | undefined;
  let second: Citation | undefined;
  for (let k = firstStartingAt(citations, q.span.end, citationsFrom); k < citationsTo && !second; k++) {
    if (citationEdges(citations[k]).start < q.span.end) continue;
    if (next) second = citations[k];
    else next = citations[k];
  }
  // Before the quote: the last citation whose reach ends where the quote starts or earlier.
  let before: Citation | undefined;
  for (let k = Math.min(citationsTo, firstStartingAt(citations, q.span.start + 1, citationsFrom)) - 1; k >= citationsFrom && !before; k--) {
    if (citationEdges(citations[k]).end <= q.span.start) before = citations[k];
  }
  // "in para 12 “…”; in para 13 “…”": the citation after this quote introduces
  // the next quote, and this one has its own citation before it.
  const introducesNext = (next: Citation) => {
    const end = citationEdges(next).end;
    const k = firstStartingAt(sentence.quotes, end, sentence.quotesFrom);
    const following = k < sentence.quotesTo ? sentence.quotes[k] : undefined;
    if (!following || (second && citationEdges(second).start < following.span.start)) return false;
    return INTRODUCING_GAP.test(text.slice(end, following.span.start));
  };
  if (next && ATTACHED_GAP.test(text.slice(q.span.end, citationEdges(next).start)) && !(before && introducesNext(next))) return { citation: next, reason: 'after' };
  if (before) return { citation: before, reason: 'before' };
  if (next) return { citation: next, reason: 'sentence' };
  return {};
}

interface BlockQuote {
  span: Span;
  /** The block's text with the markers blanked out, aligned with `span`. */
  masked: string;
}

const BLOCK_MARKER = /^[ \t]{0,3}(?:>[ \t]?)+/;

/** Markdown block quotes: runs of lines starting with ">". */
function blockQuotes(text: string, lines: readonly Span[]): BlockQuote[] {
  const blocks: BlockQuote[] = [];
  let run: Span[] = [];
  const flush = () => {
    if (!run.length) return;
    const span = { start: run[0].start, end: run[run.length - 1].end };
    const masked = text
      .slice(span.start, span.end)
      .split('\n')
      .map((line) => line.replace(BLOCK_MARKER, (marker) => ' '.repeat(marker.length)))
      .join('\n');
    blocks.push({ span, masked });
    run = [];
  };
  for (const line of lines) {
    if (BLOCK_MARKER.test(text.slice(line.start, line.end))) run.push(line);
    else flush();
  }
  flush();
  return blocks;
}

const ATTRIBUTION_LINE = /^\s*(?:[\u2013\u2014-]|\()/;

/**
 * The citation a block quote belongs to: one closing the block itself ("> …
 * (para 74)"), else an attribution line right after it ("— para 74"), else the
 * line right before it ("Paragraph 74 reads:"), else any line right after it.
 */
function pairBlock(text: string, lines: readonly Span[], block: BlockQuote, sorted: readonly Citation[]): QuotationPairing {
  let textSpan = trimmedSpan(block.masked, 0, block.masked.length);
  let pairing: Omit<QuotationPairing, 'quotation'> = {};
  const inside = startingIn(sorted, block.span);
  const closing = inside[inside.length - 1];
  if (closing) {
    const edges = citationEdges(closing);
    const rest = block.masked.slice(edges.end - block.span.start);
    if (/^[\s)\].,;:]*$/.test(rest)) {
      const head = trimEndWhile(block.masked.slice(0, edges.start - block.span.start), /[\s([,\u2013\u2014-]/);
      textSpan = trimmedSpan(block.masked, 0, head.length);
      pairing = { citation: closing, reason: 'inside' };
    }
  }
  textSpan = withoutWrappingMarks(block.masked, textSpan);
  if (!pairing.citation) {
    const lineAfter = neighbourLine(text, lines, block.span, 1);
    const lineBefore = neighbourLine(text, lines, block.span, -1);
    const onLine = (line: Span | undefined) => (line ? startingIn(sorted, line) : []);
    const afterCitations = onLine(lineAfter);
    const beforeCitations = onLine(lineBefore);
    const attribution = lineAfter && ATTRIBUTION_LINE.test(text.slice(lineAfter.start, lineAfter.end));
    if (afterCitations.length && attribution) pairing = { citation: afterCitations[0], reason: 'line-after' };
    else if (beforeCitations.length) pairing = { citation: beforeCitations[beforeCitations.length - 1], reason: 'line-before' };
    else if (afterCitations.length) pairing = { citation: afterCitations[0], reason: 'line-after' };
  }
  const absolute = { start: block.span.start + textSpan.start, end: block.span.start + textSpan.end };
  const quotation = makeQuotation('block', block.span, absolute, block.masked.slice(textSpan.start, textSpan.end));
  return { quotation, ...pairing };
}

/**
 * `text` without the characters matching `char` at its end. (A pattern such as
 * /[\s(]*$/ is tried at every position of the text, and across a long run of
 * spaces costs the square of its length.)
 */
export function trimEndWhile(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/** A block quote that also wraps its text in quote marks: “…”. */
function withoutWrappingMarks(masked: string, span: Span): Span {
  const inner = masked.slice(span.start, span.end);
  const m = /^["\u201C]([\s\S]*)["\u201D][.,;:]*$/.exec(inner);
  return m ? trimmedSpan(masked, span.start + 1, span.start + 1 + m[1].length) : span;
}

/** The nearest non-blank line before (-1) or after (+1) a span, across at most one blank line. */
function neighbourLine(text: string, lines: readonly Span[], span: Span, direction: 1 | -1): Span | undefined {
  const edge = direction > 0 ? span.end : span.start;
  // Lines are sorted and apart: only the first one ending at or after the edge may hold it.
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lines[mid].end < edge) low = mid + 1;
    else high = mid;
  }
  let i = (low < lines.length && lines[low].start <= edge ? low : -1) + direction;
  for (let blanks = 0; i >= 0 && i < lines.length && blanks <= 1; i += direction, blanks++) {
    if (/\S/.test(text.slice(lines[i].start, lines[i].end))) return lines[i];
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Checking a quotation against a paragraph
// ---------------------------------------------------------------------------

/** One way the quote differs from the paragraph (texts as written, spans into each). */
export type WordDifference =
  /** The quote has other words where the paragraph has these. */
  | { kind: 'changed'; quoted: string; source: string; quotedSpan: Span; sourceSpan: Span }
  /** The quote has words the paragraph does not have there; `sourceAt` is where they would stand in the paragraph. */
  | { kind: 'added'; quoted: string; quotedSpan: Span; sourceAt: number }
  /** The quote leaves out words of the paragraph without marking the gap; `quotedAt` is where they belong in the quote. */
  | { kind: 'omitted'; source: string; sourceSpan: Span; quotedAt: number };

interface QuoteCheckBase {
  /** Aligned quote words / (quote words + paragraph words the quote leaves out); 1 for exact. */
  similarity: number;
  /** Words in the quote (an ellipsis is not a word; a bracketed alteration is one). */
  quoteWords: number;
  /** Quote words that align with a word of the paragraph. */
  alignedWords: number;
  short: boolean;
  /**
   * True when the quote was too long to align with the paragraph (more than
   * MAX_ALIGNED_QUOTE_WORDS words, or a table of more than
   * MAX_ALIGNMENT_CELLS cells): it was only looked for as written, so the
   * outcome is 'exact' or 'none', and a 'none' has no closest passage.
   */
  unaligned?: boolean;
}

export interface ExactQuote extends QuoteCheckBase {
  outcome: 'exact';
  /** The matched passage in the paragraph text. */
  span: Span;
  passage: string;
}

export interface NearQuote extends QuoteCheckBase {
  outcome: 'near';
  span: Span;
  passage: string;
  differences: WordDifference[];
}

export interface UnmatchedQuote extends QuoteCheckBase {
  outcome: 'none';
  /** The passage that comes closest, when the quote shares any word with the paragraph. */
  closest?: { span: Span; passage: string; differences: WordDifference[] };
}

export type QuoteCheck = ExactQuote | NearQuote | UnmatchedQuote;

/** Check a quotation against the text of the paragraph it is attributed to. */
export function checkQuotation(quote: string, paragraphText: string): QuoteCheck {
  return checkParts(quote, quoteParts(quote), paragraphText, wordTokens(paragraphText));
}

/** One piece of a quote as the checker reads it. */
type QuotePart =
  | { kind: 'word'; word: string; span: Span }
  /** A word with bracketed letters: "[s]tates" matches "States". */
  | { kind: 'partial'; pattern: RegExp; span: Span }
  /** Bracketed words standing for up to `maxWords` words of the source: "[the Group]". */
  | { kind: 'stand-in'; maxWords: number; span: Span }
  /** An ellipsis: any run of words, possibly none. */
  | { kind: 'gap'; span: Span };

const DOTS = '(?:\u2026|\\.(?:[ \\t]?\\.){2,})';
const BRACKETED = '\\[[^\\[\\]\\n]*\\]';
const QUOTE_PIECE = new RegExp(
  [
    `(?<gap>\\[\\s*${DOTS}\\s*\\]|\\(\\s*${DOTS}\\s*\\)|${DOTS})`,
    // Editorial notes add nothing the source must contain.
    '(?<note>\\[(?:sic|emphasis (?:added|mine|in original)|footnotes? omitted|citations? omitted|\\^[^\\]]*)\\])',
    `(?<word>${wordPattern(`(?:${WORD_CHAR}|${BRACKETED})`)})`,
  ].join('|'),
  'giu',
);

// A submission is re-read on every keystroke and its quotes rarely change:
// their parts are remembered by text (parts are never mutated).
const partsByQuote = new TextKeyedCache<readonly QuotePart[]>(20000);

function quoteParts(quote: string): readonly QuotePart[] {
  let parts = partsByQuote.get(quote);
  if (!parts) {
    partsByQuote.set(quote, (parts = readQuoteParts(quote)));
  }
  return parts;
}

function readQuoteParts(quote: string): QuotePart[] {
  const parts: QuotePart[] = [];
  for (const m of quote.matchAll(QUOTE_PIECE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const groups = m.groups!;
    if (groups.gap) {
      if (parts[parts.length - 1]?.kind !== 'gap') parts.push({ kind: 'gap', span });
    } else if (groups.word) {
      const part = wordPart(groups.word, span);
      if (part) parts.push(part);
    }
  }
  return parts;
}

function wordPart(written: string, span: Span): QuotePart | undefined {
  if (!written.includes('[')) {
    const word = normaliseWord(written);
    return word ? { kind: 'word', word, span } : undefined;
  }
  const whole = /^\[([^\]]*)\]$/.exec(written);
  if (whole) return { kind: 'stand-in', maxWords: wordTokens(whole[1]).length + 2, span };
  const source = written
    .split(/(\[[^\]]*\])/)
    .map((piece) => (piece.startsWith('[') ? '\\S*' : normaliseWord(piece).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { kind: 'partial', pattern: new RegExp(`^${source}$`, 'u'), span };
}

// Scores of the word alignment, as costs (lower is better). Each quote word
// that finds its word earns a reward, so the alignment first finds as many of
// the quote's words as it can: leaving out a word or two of the paragraph to
// keep the rest of the quote aligned beats calling the quote's words changed.
// A changed word costs less than an added or an omitted one, so "A X C"
// against "A B C" reads as one changed word, also at the edge of a passage.
const MATCH_REWARD = 10;
const CHANGE_COST = 10;
const INDEL_COST = 11;

const enum Step {
  Start,
  Match,
  Join2Quote, // two quote words are one source word: "cyber security" / "cybersecurity"
  Join2Source, // one quote word is two source words
  StandIn,
  GapEmpty,
  GapSkip,
  Change,
  Added,
  Omitted,
}

interface AlignedStep {
  step: Step;
  /** Quote parts consumed: [from, to). */
  parts: [number, number];
  /** Source tokens consumed: [from, to). */
  tokens: [number, number];
}

/**
 * A fitting alignment: the whole quote against the best passage of the
 * paragraph (passage start and end are free). O(quote parts × paragraph words).
 */
function align(parts: readonly QuotePart[], tokens: readonly WordToken[]): AlignedStep[] {
  const n = parts.length;
  const m = tokens.length;
  const width = m + 1;
  // Costs are small whole numbers: 32-bit floats hold them exactly.
  const cost = new Float32Array((n + 1) * width).fill(Infinity);
  const step = new Uint8Array((n + 1) * width);
  // Source tokens consumed by a stand-in ("[the Group]"), kept only when the quote has one.
  const taken = parts.some((p) => p.kind === 'stand-in') ? new Uint16Array((n + 1) * width) : undefined;
  for (let j = 0; j <= m; j++) cost[j] = 0;
  // The cheapest way into the current cell; on equal cost the first offer wins,
  // so offers go from the most to the least faithful reading.
  let best = Infinity;
  let how = Step.Start;
  let consumed = 0;
  const offer = (c: number, s: Step, k = 0) => {
    if (c < best) {
      best = c;
      how = s;
      consumed = k;
    }
  };
  // Neighbouring source words written as one, ending at each token: "cyber"+"security".
  const joinedSource = tokens.map((t, k) => (k > 0 ? tokens[k - 1].word + t.word : ''));
  for (let i = 1; i <= n; i++) {
    const part = parts[i - 1];
    const prev = parts[i - 2];
    const joinedQuote = part.kind === 'word' && prev?.kind === 'word' ? prev.word + part.word : undefined;
    const row = i * width;
    const up = (i - 1) * width;
    for (let j = 0; j <= m; j++) {
      best = Infinity;
      how = Step.Start;
      consumed = 0;
      if (part.kind === 'gap') {
        offer(cost[up + j], Step.GapEmpty);
        if (j > 0) offer(cost[row + j - 1], Step.GapSkip);
      } else {
        if (part.kind === 'stand-in') {
          for (let k = 1; k <= part.maxWords && k <= j; k++) offer(cost[up + j - k] - MATCH_REWARD, Step.StandIn, k);
        } else if (j > 0 && partMatches(part, tokens[j - 1].word)) offer(cost[up + j - 1] - MATCH_REWARD, Step.Match);
        if (part.kind === 'word' && j > 0) {
          if (joinedQuote === tokens[j - 1].word) offer(cost[(i - 2) * width + j - 1] - 2 * MATCH_REWARD, Step.Join2Quote);
          if (j > 1 && joinedSource[j - 1] === part.word) offer(cost[up + j - 2] - MATCH_REWARD, Step.Join2Source);
        }
        if (j > 0) offer(cost[up + j - 1] + CHANGE_COST, Step.Change);
        offer(cost[up + j] + INDEL_COST, Step.Added);
        if (j > 0) offer(cost[row + j - 1] + INDEL_COST, Step.Omitted);
      }
      cost[row + j] = best;
      step[row + j] = how;
      if (taken) taken[row + j] = consumed;
    }
  }
  let end = 0;
  for (let j = 1; j <= m; j++) if (cost[n * width + j] < cost[n * width + end]) end = j;
  const path: AlignedStep[] = [];
  for (let i = n, j = end; i > 0; ) {
    const s = step[i * width + j] as Step;
    const [di, dj] = stepSize(s, taken ? taken[i * width + j] : 0);
    path.push({ step: s, parts: [i - di, i], tokens: [j - dj, j] });
    i -= di;
    j -= dj;
  }
  return path.reverse();
}

const SENTENCE_END = /[.;:!?]/;

/**
 * Quote words at either end of the passage that stand against paragraph words
 * only because a change costs less than an addition: several of them, or one
 * across the end of a sentence of the paragraph ("… over time" against
 * "… . Proposals"). They were added by the author, not changed: the passage
 * starts and ends where the quote's words meet the paragraph's.
 */
function trimChangedEdges(path: AlignedStep[], tokens: readonly WordToken[], source: string): AlignedStep[] {
  const isChange = (s: AlignedStep) => s.step === Step.Change;
  let head = 0;
  while (head < path.length && isChange(path[head])) head++;
  let tail = path.length;
  while (tail > head && isChange(path[tail - 1])) tail--;
  if (head === path.length) return path;
  // A step at either end of the paragraph names a token just outside it (-1, or one past the last): the text's own ends then.
  const crosses = (from: number, to: number) => from < to && SENTENCE_END.test(source.slice(tokens[from]?.span.end ?? 0, tokens[to]?.span.start ?? source.length));
  const out = [...path];
  const first = path[head].tokens[0];
  if (head > 0 && (head >= 2 || crosses(path[head - 1].tokens[0], first))) {
    for (let k = 0; k < head; k++) out[k] = { step: Step.Added, parts: path[k].parts, tokens: [first, first] };
  }
  const last = path[tail - 1].tokens[1];
  if (tail < path.length && (path.length - tail >= 2 || crosses(last - 1, path[tail].tokens[0]))) {
    for (let k = tail; k < path.length; k++) out[k] = { step: Step.Added, parts: path[k].parts, tokens: [last, last] };
  }
  return out;
}

function stepSize(s: Step, taken: number): [number, number] {
  switch (s) {
    case Step.Match:
    case Step.Change:
      return [1, 1];
    case Step.Join2Quote:
      return [2, 1];
    case Step.Join2Source:
      return [1, 2];
    case Step.StandIn:
      return [1, taken];
    case Step.GapEmpty:
    case Step.Added:
      return [1, 0];
    case Step.GapSkip:
    case Step.Omitted:
      return [0, 1];
    case Step.Start:
      throw new Error('alignment walked past its start');
  }
}

function partMatches(part: QuotePart, word: string): boolean {
  return part.kind === 'word' ? part.word === word : part.kind === 'partial' && part.pattern.test(word);
}

const ALIGNED_STEPS = new Set([Step.Match, Step.Join2Quote, Step.Join2Source, Step.StandIn]);

function checkParts(quote: string, parts: readonly QuotePart[], source: string, tokens: readonly WordToken[]): QuoteCheck {
  const quoteWords = parts.filter((p) => p.kind !== 'gap').length;
  const short = quoteWords <= SHORT_QUOTE_WORDS;
  if (quoteWords > MAX_ALIGNED_QUOTE_WORDS || (parts.length + 1) * (tokens.length + 1) > MAX_ALIGNMENT_CELLS) {
    return checkAsWritten(parts, source, tokens, quoteWords, short);
  }
  const path = trimChangedEdges(align(parts, tokens), tokens, source);
  let alignedWords = 0;
  let omitted = 0;
  let cost = 0;
  for (const s of path) {
    if (ALIGNED_STEPS.has(s.step)) alignedWords += s.parts[1] - s.parts[0];
    else if (s.step === Step.Omitted) omitted++;
    if (s.step === Step.Change || s.step === Step.Added || s.step === Step.Omitted) cost++;
  }
  const similarity = quoteWords === 0 ? 0 : alignedWords / (quoteWords + omitted);
  const base = { similarity, quoteWords, alignedWords, short };
  const span = passageSpan(path, tokens);
  if (quoteWords > 0 && cost === 0 && span) {
    return { outcome: 'exact', span, passage: source.slice(span.start, span.end), ...base, similarity: 1 };
  }
  const differences = span ? wordDifferences(path, parts, tokens, quote, source) : [];
  if (span && !short && alignedWords / quoteWords >= NEAR_ALIGNED_RATIO && similarity >= NEAR_SIMILARITY) {
    return { outcome: 'near', span, passage: source.slice(span.start, span.end), differences, ...base };
  }
  const closest = span && alignedWords > 0 ? { span, passage: source.slice(span.start, span.end), differences } : undefined;
  return { outcome: 'none', closest, ...base };
}

/**
 * A quote too long to align, looked for as written: each run of words between
 * two ellipses, word for word (bracketed letters as they stand for), in
 * order; the first run may start and the last may end anywhere. Time linear
 * in the words of the quote and of the paragraph when the quote has no
 * bracketed alteration.
 */
function checkAsWritten(parts: readonly QuotePart[], source: string, tokens: readonly WordToken[], quoteWords: number, short: boolean): QuoteCheck {
  const runs: QuotePart[][] = [[]];
  for (const part of parts) {
    if (part.kind === 'gap') runs.push([]);
    else runs[runs.length - 1].push(part);
  }
  let at = 0;
  let first = -1;
  let last = -1;
  for (const run of runs) {
    if (!run.length) continue;
    const found = findRun(run, tokens, at);
    if (found < 0) return { outcome: 'none', similarity: 0, quoteWords, alignedWords: 0, short, unaligned: true };
    if (first < 0) first = found;
    at = found + run.length;
    last = at - 1;
  }
  if (first < 0) return { outcome: 'none', similarity: 0, quoteWords, alignedWords: 0, short, unaligned: true };
  const span = { start: tokens[first].span.start, end: tokens[last].span.end };
  return { outcome: 'exact', span, passage: source.slice(span.start, span.end), similarity: 1, quoteWords, alignedWords: quoteWords, short, unaligned: true };
}

/**
 * Where a run of quote parts (words, bracketed letters; a stand-in matches
 * one word) first stands in `tokens` from `from` on, or -1: Knuth–Morris–Pratt
 * on the words when the run is words only (linear), else word by word.
 */
function findRun(run: readonly QuotePart[], tokens: readonly WordToken[], from = 0): number {
  const fits = (part: QuotePart, token: WordToken) => part.kind === 'stand-in' || partMatches(part, token.word);
  if (!run.every((p) => p.kind === 'word')) {
    for (let start = from; start + run.length <= tokens.length; start++) {
      let k = 0;
      while (k < run.length && fits(run[k], tokens[start + k])) k++;
      if (k === run.length) return start;
    }
    return -1;
  }
  const words = run.map((p) => (p.kind === 'word' ? p.word : ''));
  // fail[k]: the length of the longest proper prefix of words[0..k] that is also its suffix.
  const fail = new Array<number>(words.length).fill(0);
  for (let k = 1, length = 0; k < words.length; k++) {
    while (length > 0 && words[k] !== words[length]) length = fail[length - 1];
    if (words[k] === words[length]) length++;
    fail[k] = length;
  }
  for (let j = from, matched = 0; j < tokens.length; j++) {
    while (matched > 0 && tokens[j].word !== words[matched]) matched = fail[matched - 1];
    if (tokens[j].word === words[matched]) matched++;
    if (matched === words.length) return j - words.length + 1;
  }
  return -1;
}

/** From the first to the last paragraph word the quote's words stand against. */
function passageSpan(path: readonly AlignedStep[], tokens: readonly WordToken[]): Span | undefined {
  const used = path.filter((s) => s.step !== Step.GapSkip && s.tokens[1] > s.tokens[0]);
  if (!used.length) return undefined;
  return { start: tokens[used[0].tokens[0]].span.start, end: tokens[used[used.length - 1].tokens[1] - 1].span.end };
}

/** Runs of changed, added and omitted words, each reported as one difference. */
function wordDifferences(
  path: readonly AlignedStep[],
  parts: readonly QuotePart[],
  tokens: readonly WordToken[],
  quote: string,
  source: string,
): WordDifference[] {
  const differences: WordDifference[] = [];
  let run: AlignedStep[] = [];
  // Where the last quote part and the last paragraph word the alignment went through end:
  // an added or omitted run has no words on one side, and stands right after these.
  let quotedEnd: number | undefined;
  let sourceEnd: number | undefined;
  let before: { quotedEnd?: number; sourceEnd?: number } = {};
  const flush = () => {
    if (!run.length) return;
    const quoted = run.flatMap((s) => parts.slice(s.parts[0], s.parts[1]).map((p) => p.span));
    const sourced = run.flatMap((s) => tokens.slice(s.tokens[0], s.tokens[1]).map((t) => t.span));
    const quotedSpan = quoted.length ? { start: quoted[0].start, end: quoted[quoted.length - 1].end } : undefined;
    const sourceSpan = sourced.length ? { start: sourced[0].start, end: sourced[sourced.length - 1].end } : undefined;
    const written = (text: string, s: Span) => text.slice(s.start, s.end).replace(/\s+/g, ' ');
    if (quotedSpan && sourceSpan) {
      differences.push({ kind: 'changed', quoted: written(quote, quotedSpan), source: written(source, sourceSpan), quotedSpan, sourceSpan });
    } else if (quotedSpan) {
      const sourceAt = before.sourceEnd ?? tokens[run[0].tokens[0]]?.span.start ?? source.length;
      differences.push({ kind: 'added', quoted: written(quote, quotedSpan), quotedSpan, sourceAt });
    } else if (sourceSpan) {
      const quotedAt = before.quotedEnd ?? parts[run[0].parts[0]]?.span.start ?? 0;
      differences.push({ kind: 'omitted', source: written(source, sourceSpan), sourceSpan, quotedAt });
    }
    run = [];
  };
  for (const s of path) {
    if (s.step === Step.Change || s.step === Step.Added || s.step === Step.Omitted) {
      if (!run.length) before = { quotedEnd, sourceEnd };
      run.push(s);
    } else flush();
    if (s.parts[1] > s.parts[0]) quotedEnd = parts[s.parts[1] - 1].span.end;
    // A leading gap's skipped words are not part of the passage.
    if (s.tokens[1] > s.tokens[0] && (s.step !== Step.GapSkip || sourceEnd !== undefined)) sourceEnd = tokens[s.tokens[1] - 1].span.end;
  }
  flush();
  return differences;
}

// ---------------------------------------------------------------------------
// Locating a quotation anywhere in a draft
// ---------------------------------------------------------------------------

/** A paragraph as the index needs it. */
export interface QuotableParagraph {
  number: string;
  text: string;
}

/** Where a quotation was found: exact or near, in which paragraph. */
export interface QuoteLocation {
  number: string;
  check: ExactQuote | NearQuote;
}

/**
 * Word postings of one draft, built once and reused for every quotation.
 * Building costs one pass over the draft's words (time and memory linear in
 * them: a word list, a word posting and a trigram posting per word). A lookup
 * costs one posting read per quote word, then one alignment (quote words ×
 * paragraph words) for each of at most MAX_CANDIDATES paragraphs sharing the
 * most word trigrams with the quote; repeated quotes are answered from a cache.
 */
export interface QuotationIndex {
  readonly paragraphs: readonly QuotableParagraph[];
  readonly tokens: readonly (readonly WordToken[])[];
  /** "w1 w2 w3" → indexes of the paragraphs containing that run of words. */
  readonly trigrams: ReadonlyMap<string, readonly number[]>;
  /** word → indexes of the paragraphs containing it. */
  readonly words: ReadonlyMap<string, readonly number[]>;
  /** Each paragraph's words, and each pair of neighbouring words written as one ("cyber"+"security"). */
  readonly vocabularies: readonly ReadonlySet<string>[];
  readonly cache: TextKeyedCache<QuoteLocation[]>;
  /** Paragraph number → its place in `paragraphs`. */
  readonly positions: ReadonlyMap<string, number>;
  readonly closestCache: TextKeyedCache<ClosestPassage | null>;
}

const MAX_CANDIDATES = 12;
const CACHE_LIMIT = 5000;

export function createQuotationIndex(paragraphs: readonly QuotableParagraph[]): QuotationIndex {
  const tokens = paragraphs.map((p) => wordTokens(p.text));
  const trigrams = new Map<string, number[]>();
  const words = new Map<string, number[]>();
  const post = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };
  const vocabularies = tokens.map((list, index) => {
    const vocabulary = new Set<string>();
    list.forEach((t, k) => {
      post(words, t.word, index);
      vocabulary.add(t.word);
      if (k >= 1) vocabulary.add(list[k - 1].word + t.word);
      if (k >= 2) post(trigrams, `${list[k - 2].word} ${list[k - 1].word} ${t.word}`, index);
    });
    return vocabulary;
  });
  const positions = new Map<string, number>();
  paragraphs.forEach((p, i) => positions.has(p.number) || positions.set(p.number, i));
  return { paragraphs, tokens, trigrams, words, vocabularies, cache: new TextKeyedCache(CACHE_LIMIT), positions, closestCache: new TextKeyedCache(CACHE_LIMIT) };
}

/** Check a quotation against one paragraph of an indexed draft (its words are already cut); undefined when the draft has no such paragraph. */
export function checkQuotationIn(quote: string, index: QuotationIndex, number: string): QuoteCheck | undefined {
  const i = index.positions.get(number);
  return i === undefined ? undefined : checkParts(quote, quoteParts(quote), index.paragraphs[i].text, index.tokens[i]);
}

/** The passage of a draft that comes closest to a quotation found nowhere in it. */
export interface ClosestPassage {
  number: string;
  /** Into the paragraph's text. */
  span: Span;
  passage: string;
  differences: WordDifference[];
  similarity: number;
}

/**
 * The closest passage of the whole draft: among the paragraphs sharing the
 * most word trigrams with the quote, or failing those the rarest words, the
 * one aligning best. Undefined when no paragraph shares a word with it.
 */
export function closestPassage(quote: string, index: QuotationIndex): ClosestPassage | undefined {
  const cached = index.closestCache.get(quote);
  if (cached !== undefined) return cached ?? undefined;
  const parts = quoteParts(quote);
  const words = partWords(parts);
  let best: ClosestPassage | undefined;
  for (const i of closeParagraphs(index, parts)) {
    // A paragraph holding too few of the quote's words cannot come closer than the best so far.
    if (best && possibleWords(parts, index.vocabularies[i]) / words <= best.similarity) continue;
    const check = checkParts(quote, parts, index.paragraphs[i].text, index.tokens[i]);
    const found = check.outcome === 'none' ? check.closest : { ...check, differences: check.outcome === 'near' ? check.differences : [] };
    if (found && (!best || check.similarity > best.similarity)) {
      best = { number: index.paragraphs[i].number, span: found.span, passage: found.passage, differences: found.differences, similarity: check.similarity };
    }
  }
  index.closestCache.set(quote, best ?? null);
  return best;
}

/** Paragraphs voted for by the quote's trigrams and, a rare word counting more than a common one, by its words. */
function closeParagraphs(index: QuotationIndex, parts: readonly QuotePart[]): number[] {
  const words = parts.flatMap((p) => (p.kind === 'word' ? [p.word] : []));
  const votes = new Map<number, number>();
  const vote = (list: readonly number[] | undefined, weight: number) => list?.forEach((i) => votes.set(i, (votes.get(i) ?? 0) + weight));
  for (let k = 2; k < words.length; k++) vote(index.trigrams.get(`${words[k - 2]} ${words[k - 1]} ${words[k]}`), 1);
  for (const word of new Set(words)) {
    const list = index.words.get(word);
    if (list) vote(list, 1 / list.length);
  }
  return [...votes]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([i]) => i);
}

const implicitIndexes = new WeakMap<readonly QuotableParagraph[], QuotationIndex>();

/**
 * Every paragraph where a quotation is found, exact matches first, then near
 * ones by similarity. Pass an index (createQuotationIndex) when checking many
 * quotes; a plain paragraph list is indexed once and remembered.
 */
export function locateQuotation(quote: string, draft: QuotationIndex | readonly QuotableParagraph[]): QuoteLocation[] {
  const index = isIndex(draft) ? draft : indexFor(draft);
  const cached = index.cache.get(quote);
  if (cached) return cached;
  const parts = quoteParts(quote);
  const found: QuoteLocation[] = [];
  for (const i of candidateParagraphs(index, parts)) {
    const check = checkParts(quote, parts, index.paragraphs[i].text, index.tokens[i]);
    if (check.outcome !== 'none') found.push({ number: index.paragraphs[i].number, check });
  }
  found.sort((a, b) => rank(a) - rank(b) || b.check.similarity - a.check.similarity);
  index.cache.set(quote, found);
  return found;
}

function isIndex(draft: QuotationIndex | readonly QuotableParagraph[]): draft is QuotationIndex {
  return !Array.isArray(draft);
}

function indexFor(paragraphs: readonly QuotableParagraph[]): QuotationIndex {
  let index = implicitIndexes.get(paragraphs);
  if (!index) implicitIndexes.set(paragraphs, (index = createQuotationIndex(paragraphs)));
  return index;
}

function rank(location: QuoteLocation): number {
  return location.check.outcome === 'exact' ? 0 : 1;
}

/**
 * Paragraphs worth aligning against: those sharing word trigrams with the
 * quote, most shared first (a quote too short or too broken up for trigrams:
 * those sharing any word), keeping only those holding enough of the quote's
 * words for an exact or near match to be possible at all.
 */
function candidateParagraphs(index: QuotationIndex, parts: readonly QuotePart[]): number[] {
  const needed = neededWords(partWords(parts));
  // A quote longer than twice any paragraph can match none (see mayMatch): no need to vote.
  if (!index.tokens.some((list) => needed <= 2 * list.length)) return [];
  const runs: string[][] = [[]];
  for (const p of parts) {
    if (p.kind === 'word') runs[runs.length - 1].push(p.word);
    else runs.push([]);
  }
  const votes = new Map<number, number>();
  const vote = (list: readonly number[] | undefined) => list?.forEach((i) => votes.set(i, (votes.get(i) ?? 0) + 1));
  const seen = new Set<string>();
  for (const run of runs) {
    for (let k = 2; k < run.length; k++) {
      const key = `${run[k - 2]} ${run[k - 1]} ${run[k]}`;
      if (!seen.has(key)) vote(index.trigrams.get(key));
      seen.add(key);
    }
  }
  if (!votes.size) new Set(runs.flat()).forEach((w) => vote(index.words.get(w)));
  return [...votes]
    .filter(([i]) => needed <= 2 * index.tokens[i].length && mayMatch(parts, index.vocabularies[i]))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([i]) => i);
}

/**
 * Whether enough of the quote's words occur in a paragraph for the alignment
 * to come out exact or near: a cheap upper bound on the aligned words.
 */
function mayMatch(parts: readonly QuotePart[], vocabulary: ReadonlySet<string>): boolean {
  const words = partWords(parts);
  return words > 0 && possibleWords(parts, vocabulary) >= neededWords(words);
}

/**
 * How many of the quote's words can align with a paragraph at most: those it
 * has (alone, or written as one with a neighbour), and bracketed ones.
 * Similarity is at most this share of the quote's words.
 */
function possibleWords(parts: readonly QuotePart[], vocabulary: ReadonlySet<string>): number {
  let possible = 0;
  parts.forEach((p, k) => {
    if (p.kind === 'gap') return;
    if (p.kind !== 'word') possible++;
    else {
      const before = parts[k - 1];
      const after = parts[k + 1];
      if (
        vocabulary.has(p.word) ||
        (before?.kind === 'word' && vocabulary.has(before.word + p.word)) ||
        (after?.kind === 'word' && vocabulary.has(p.word + after.word))
      ) possible++;
    }
  });
  return possible;
}

/**
 * How many of a quote's words must align for an exact or near match. An
 * aligned quote word takes at least half a paragraph word (two quote words
 * may stand for one: "cyber security" / "cybersecurity"), so a paragraph of
 * fewer than half this many words matches nothing.
 */
function neededWords(words: number): number {
  return words <= SHORT_QUOTE_WORDS ? words : Math.ceil(words * NEAR_ALIGNED_RATIO - 1e-9);
}

function partWords(parts: readonly QuotePart[]): number {
  let words = 0;
  for (const p of parts) if (p.kind !== 'gap') words++;
  return words;
}

