// Typographic normalisation shared by everything that compares wordings.
// A submission copies a draft from a PDF, a Word file or a web page: curly or
// straight quotes, en or em dashes, "re-affirm" broken over a line, footnote
// markers glued to words, Markdown emphasis. None of that changes what the text
// says, so comparisons run on normalised words while every word keeps its span
// in the original text (diagnostics and quick fixes need real offsets).
import { Span } from './model';

/** One word of a text: its comparable form and where it stands. */
export interface WordToken {
  /** Lower case, NFKC, hyphens removed, apostrophe straightened: "reaffirm", "state's". */
  word: string;
  /** The word as written, in the original text. */
  span: Span;
}

// Letters, combining marks and decimal digits make words. Superscript digits
// (footnote markers: ¹ ² ⁴) are not decimal digits, so they separate words and
// vanish; so do '*' and '_' (Markdown emphasis) and every other punctuation mark.
// The modifier letter apostrophe (ʼ) is a letter to Unicode but an apostrophe
// here: as a letter it would make a word of its own that normalises to "'",
// which is no word on a second pass.
export const WORD_CHAR = '(?:(?!\\u02BC)[\\p{L}\\p{M}\\p{Nd}])';
const APOSTROPHES = "'\u2019\u02BC";
const HYPHENS = '\\-\u00AD\u2010\u2011';
/**
 * A word: runs of word characters joined by an apostrophe ("State's") or by a
 * hyphen ("re-affirm"), including a hyphen that ends a line ("re-\naffirm",
 * the way PDF text breaks words). En and em dashes separate words. `wordChar`
 * widens what a run may hold (the quotation checker adds "[bracketed]" letters).
 */
export function wordPattern(wordChar = WORD_CHAR): string {
  return `${wordChar}+(?:(?:[${APOSTROPHES}]|[${HYPHENS}](?:[ \\t]*\\r?\\n[ \\t]*)?)${wordChar}+)*`;
}

const WORD = new RegExp(wordPattern(), 'gu');
const JOINERS = new RegExp(`[${HYPHENS}]|\\s`, 'g');

/** The comparable form of one word as written. */
export function normaliseWord(written: string): string {
  return written
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2019\u02BC]/g, "'")
    .replace(JOINERS, '')
    .normalize('NFKC');
}

/** The words of a text with their spans, in order. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = normaliseWord(m[0]);
    if (word) tokens.push({ word, span: { start: m.index, end: m.index + m[0].length } });
  }
  return tokens;
}

/**
 * The text reduced to its comparable words joined by single spaces. Two texts
 * that differ only in typography, case, hyphenation, footnote markers or
 * emphasis have the same normal form; applying it twice changes nothing.
 */
export function normaliseText(text: string): string {
  // Fold the whole text before cutting it into words: a compatibility
  // character (a ligature, a full-width letter) or a case change may turn into
  // several characters, and the cut must fall the same way on a second pass.
  const folded = text.normalize('NFKC').toLowerCase().normalize('NFKC');
  return wordTokens(folded).map((t) => t.word).join(' ');
}

/**
 * Typography folded without dropping punctuation: curly quotes and apostrophes
 * straightened, en/em dashes and minus signs made hyphens, footnote markers
 * removed, non-breaking and other spaces made plain spaces and runs of spaces
 * collapsed. For display and for comparisons that must keep sentence structure.
 */
export function foldTypography(text: string): string {
  return text
    .replace(/[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]+/g, '')
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\S\n]+/g, ' ');
}
