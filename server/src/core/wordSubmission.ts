// A Word (.docx) submission is checked on the text wordText.ts reads from it
// (tracked changes accepted: insertions kept, deletions dropped; comments
// left out): one Word paragraph per block, blocks separated by a blank line,
// each footnote's text in a block of its own after the paragraph that cites
// it, opening with its raised number ("² See …"). A line and a column of that
// text mean nothing to someone who reads the document in Word, so a finding
// is located by the paragraph it stands in, counted as Word shows them (the
// paragraphs with text, from 1), or by its footnote, and an excerpt of the
// words around it. Pure: the reading itself is the extraction worker's.
import type { Span } from './model';

/** A Word paragraph (1-based, paragraphs with text) or a footnote, where it stands in the text. */
export interface WordPlace {
  span: Span;
  /** The paragraph's number, counting the paragraphs with text from 1. */
  paragraph?: number;
  /** The footnote's number, as Word shows it. */
  footnote?: string;
}

/** Where a finding stands in the Word document: its paragraph or footnote, and the words around it. */
export interface WordLocation {
  paragraph?: number;
  footnote?: string;
  /** The finding's words with a few words either side, "…" where the paragraph goes on. */
  excerpt: string;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const FOOTNOTE_BLOCK = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) /;
/** Characters of context either side of a finding in its excerpt. */
const EXCERPT_CONTEXT = 30;

/** The paragraphs and footnotes of the text read from a Word submission, in order. */
export function wordPlaces(text: string): WordPlace[] {
  const places: WordPlace[] = [];
  let paragraph = 0;
  let start = 0;
  for (const block of text.split('\n\n')) {
    const end = start + block.length;
    const span = { start, end: block.endsWith('\n') ? end - 1 : end };
    const note = FOOTNOTE_BLOCK.exec(block);
    if (block.trim() !== '') {
      if (note && paragraph > 0) places.push({ span, footnote: [...note[1]].map((digit) => SUPERSCRIPT_DIGITS.indexOf(digit)).join('') });
      else places.push({ span, paragraph: ++paragraph });
    }
    start = end + 2;
  }
  return places;
}

/** The place of `span` (its start) among `places`, with an excerpt of the words around it. */
export function locateInWord(text: string, places: readonly WordPlace[], span: Span): WordLocation {
  let low = 0;
  let high = places.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (places[mid].span.start <= span.start) low = mid;
    else high = mid - 1;
  }
  const place = places[low];
  if (!place) return { excerpt: excerptOf(text, { start: 0, end: text.length }, span) };
  return { paragraph: place.paragraph, footnote: place.footnote, excerpt: excerptOf(text, place.span, span) };
}

/** "… welcome para 130 of the Zero Draft as …": the span's words and a few either side, within `within`. */
export function excerptOf(text: string, within: Span, span: Span): string {
  const end = Math.min(within.end, Math.max(span.end, span.start));
  let from = Math.max(within.start, span.start - EXCERPT_CONTEXT);
  let to = Math.min(within.end, end + EXCERPT_CONTEXT);
  // Whole words: move the cut to the space before (after) it.
  if (from > within.start) {
    const space = text.slice(from, span.start).search(/\s/);
    from = space < 0 ? span.start : from + space + 1;
  }
  if (to < within.end) {
    const space = text.slice(end, to).lastIndexOf(' ');
    to = space < 0 ? end : end + space;
  }
  const words = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > within.start ? '… ' : ''}${words}${to < within.end ? ' …' : ''}`;
}

/** "¶ 4", "footnote 2": how a Word location is named in messages. */
export function describeWordLocation(location: WordLocation): string {
  return location.footnote !== undefined ? `footnote ${location.footnote}` : location.paragraph !== undefined ? `¶ ${location.paragraph}` : '¶ ?';
}
