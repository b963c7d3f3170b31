// Rewriting a paragraph citation so that it cites what the cited paragraphs
// became in another draft, the way its author would have written it: the same
// keyword ("para", "paragraph", "¶"), the same dash in a range, the same
// conjunction in a list; only the digits change where that is enough, and the
// draft the citation names is renamed in place or named after the numbers.
// Everything here is pure: text and citation in, text edits out.
import { MAX_RANGE } from './citations';
import type { Citation, CitedPart, Span } from './model';
import { isRun, writeNumbers } from './wording';

export interface TextEdit {
  span: Span;
  newText: string;
}

/**
 * What a cited number became: the numbers that now carry it (one, or several
 * for a split), or undefined when it cannot be retargeted (a deleted
 * paragraph, a number the cited draft does not have).
 */
export type NumberMap = (number: string) => string[] | undefined;

/** How the rewritten citation names its draft. */
export type DraftNaming =
  /** The citation names no draft and must not start to. */
  | { kind: 'keep' }
  /** The draft named in the citation's qualifier ("of the Zero Draft", "Zero Draft, para") is renamed to `label`. */
  | { kind: 'rename'; label: string }
  /** " of the <label>" is written after the numbers. */
  | { kind: 'append'; label: string };

export interface Retargeted {
  /** Non-overlapping edits in source order; touching edits are joined into one. */
  edits: TextEdit[];
  /** The numbers the rewritten citation names, in the order written. */
  numbers: string[];
  /**
   * Whether the citation goes from one paragraph to several or from several
   * to one, so that its noun changes number ("Paragraph 13" → "Paragraphs 10
   * and 11"): the words around it may no longer agree with it
   * (see `nounChangeReadsWell`).
   */
  changesNoun: boolean;
}

const SINGULAR_KEYWORD = /^(?:(?:operative|preambular)[ \t\u00a0]+)?(?:paragraph|para|par)\.?$/i;
const PLURAL_KEYWORD = /^(?:(?:operative|preambular)[ \t\u00a0]+)?(?:paragraphs|paras|pars)\.?$/i;
// What may stand between two parts of a list when the list can be written anew.
const LIST_GAP = /^(?:[ \u00a0]*,[ \u00a0]*(?:(?:and|or)[ \u00a0]+|&[ \u00a0]*)?|[ \u00a0]+(?:and|or)[ \u00a0]+|[ \u00a0]*&[ \u00a0]*)$/;
const PLAIN_NUMBER = /^\d+$/;
const SUB_PARAGRAPH_AFTER = /^[ \u00a0]?\([a-z]{1,4}\)/;

/** The numbers a part names, ranges expanded; undefined for a range that cannot be expanded ("60-57", "12bis-14"). */
function partNumbers(part: CitedPart): string[] | undefined {
  if (part.kind === 'single') return [part.number];
  if (!PLAIN_NUMBER.test(part.from) || !PLAIN_NUMBER.test(part.to)) return undefined;
  const from = Number(part.from);
  const to = Number(part.to);
  if (from >= to || to - from >= MAX_RANGE) return undefined;
  return Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
}

const RESPECTIVELY = /\brespectively\b/i;

/** The sentence a span stands in, roughly: from the end of the previous sentence to the end of this one. */
function sentenceAround(text: string, span: Span): string {
  const before = text.slice(Math.max(0, span.start - 300), span.start);
  const after = text.slice(span.end, span.end + 300);
  const head = before.split(/[.!?;](?:\s+)|\n\s*\n/).pop() ?? '';
  const tail = after.split(/[.!?;](?:\s|$)|\n\s*\n/)[0];
  return `${head}${text.slice(span.start, span.end)}${tail}`;
}

/** Paragraph numbers in reading order: "9" before "10", "12" before "12bis" before "13". */
function compareNumbers(a: string, b: string): number {
  return parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Whether the numbers stand in reading order, each after the one before. */
function ascending(numbers: string[]): boolean {
  return numbers.every((number, k) => k === 0 || compareNumbers(numbers[k - 1], number) < 0);
}

/** Where the draft's name stands inside the citation's qualifier ("of the “Zero Draft”" → "Zero Draft"). */
export function qualifierNameSpan(text: string, citation: Citation): Span | undefined {
  const qualifier = citation.qualifier;
  if (qualifier?.kind !== 'draft') return undefined;
  const at = text.slice(qualifier.span.start, qualifier.span.end).indexOf(qualifier.name);
  return at < 0 ? undefined : { start: qualifier.span.start + at, end: qualifier.span.start + at + qualifier.name.length };
}

/**
 * The edit that makes the keyword agree with how many numbers follow it
 * ("para" → "paras"), if one is needed. A list written anew after a singular
 * keyword needs the plural, or it would not read as a list; where the author
 * wrote the numbers, the author's keyword stays.
 */
function keywordEdit(citation: Citation, before: number, after: number, writtenAnew: boolean): TextEdit | undefined {
  const keyword = citation.keyword;
  const start = citation.span.start;
  const dot = keyword.endsWith('.') ? 1 : 0;
  const wordEnd = start + keyword.length - dot;
  if (after > 1 && (before === 1 || writtenAnew)) {
    if (keyword === '¶') return { span: { start: start + 1, end: start + 1 }, newText: '¶' };
    const word = keyword.slice(0, keyword.length - dot);
    if (SINGULAR_KEYWORD.test(keyword)) return { span: { start: wordEnd, end: wordEnd }, newText: word === word.toUpperCase() ? 'S' : 's' };
  }
  if (after === 1 && before > 1) {
    if (keyword === '¶¶') return { span: { start: start + 1, end: start + 2 }, newText: '' };
    if (PLURAL_KEYWORD.test(keyword)) return { span: { start: wordEnd - 1, end: wordEnd }, newText: '' };
  }
  return undefined;
}

/** Sorted edits with touching ones joined, so that no two edits meet at a point. */
function joinTouching(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const joined: TextEdit[] = [];
  for (const edit of sorted) {
    const last = joined[joined.length - 1];
    if (last && last.span.end === edit.span.start) joined[joined.length - 1] = { span: { start: last.span.start, end: edit.span.end }, newText: last.newText + edit.newText };
    else joined.push(edit);
  }
  return joined;
}

/**
 * The edits that make `citation` cite what its paragraphs became, or
 * undefined when one of them cannot be followed (deleted, unknown, or a form
 * that cannot be rewritten without guessing, such as a split sub-paragraph
 * "13(a)"). When nothing changes, `edits` is empty.
 */
export function retargetCitation(
  text: string,
  citation: Citation,
  map: NumberMap,
  naming: DraftNaming,
  keepsSubParagraphs: (number: string) => boolean = () => true,
): Retargeted | undefined {
  // A list the author wrote in order stays in order ("paras 24, 26 and 30" →
  // "paras 16, 30 and 32", not "30, 32 and 16"); one written in another
  // order, or paired with other things "respectively", keeps its order.
  const written = citation.parts.map(partNumbers);
  const sorted =
    written.every((numbers) => numbers !== undefined) && written.flat().length > 1 && ascending(written.flat() as string[]) && !RESPECTIVELY.test(sentenceAround(text, citation.span));
  const seen = new Set<string>();
  const mapped: string[][] = [];
  for (const part of citation.parts) {
    const numbers = partNumbers(part);
    if (!numbers) return undefined;
    const sub = hasSubParagraph(text, part);
    const became: string[] = [];
    for (const number of numbers) {
      const targets = map(number);
      if (!targets || targets.length === 0) return undefined;
      // "13(a)" of a paragraph split in two, or merged into another: which
      // paragraph holds (a) now, and under which letter, cannot be known.
      if (sub && (targets.length !== 1 || !keepsSubParagraphs(number))) return undefined;
      for (const target of targets) {
        if (!seen.has(target)) became.push(target);
        seen.add(target);
      }
    }
    mapped.push(became);
  }
  let numbers = mapped.flat();
  const reordered = sorted && !ascending(numbers);
  if (reordered) numbers = [...numbers].sort(compareNumbers);
  const edits: TextEdit[] = [];
  const keepsShape = !reordered && citation.parts.every((part, k) => (part.kind === 'single' ? mapped[k].length === 1 : mapped[k].length >= 2 && isRun(mapped[k])));
  if (keepsShape) {
    citation.parts.forEach((part, k) => {
      const became = mapped[k];
      if (part.kind === 'single') {
        if (became[0] !== part.number) edits.push({ span: part.span, newText: became[0] });
        return;
      }
      if (became[0] !== part.from) edits.push({ span: part.fromSpan, newText: became[0] });
      if (became[became.length - 1] !== part.to) edits.push({ span: part.toSpan, newText: became[became.length - 1] });
    });
  } else {
    const rewritten = rewriteList(text, citation, numbers);
    if (!rewritten) return undefined;
    edits.push(rewritten);
  }
  const keyword = keywordEdit(citation, citation.numbers.length, numbers.length, !keepsShape);
  if (keyword) edits.push(keyword);
  if (naming.kind === 'rename') {
    const name = qualifierNameSpan(text, citation);
    if (!name) return undefined;
    if (text.slice(name.start, name.end) !== naming.label) edits.push({ span: name, newText: naming.label });
  } else if (naming.kind === 'append') {
    edits.push({ span: { start: citation.span.end, end: citation.span.end }, newText: ` of the ${naming.label}` });
  }
  const changesNoun = (citation.numbers.length === 1) !== (numbers.length === 1);
  return { edits: joinTouching(edits), numbers, changesNoun };
}

// Words after which a citation is the object of a preposition or stands in
// brackets: its noun may go from one to several (or back) and the sentence
// still reads ("in para 13" → "in paras 10 and 11").
const BEFORE_OBJECT = /(?:^|[^\p{L}\p{N}])(?:in|of|see|under|from|by|with|at|on|per|to|into|within|across|through|throughout|between|for|cf\.?|esp\.?|e\.g\.,?|i\.e\.,?|notably|including|especially)[ \t\u00a0]+$/iu;

/**
 * Whether the sentence still reads when the citation's noun changes number:
 * when the citation stands in brackets or after a preposition ("(para 13)",
 * "see para 13", "in paragraph 13 that"). As the subject of a sentence
 * ("Paragraph 13 says", "Paragraphs 19 and 20 say") it does not: the verb
 * would no longer agree, and the author's wording is kept.
 */
export function nounChangeReadsWell(text: string, citation: Citation): boolean {
  const qualifier = citation.qualifier?.span;
  const start = Math.min(citation.span.start, qualifier?.start ?? Infinity);
  const end = Math.max(citation.span.end, qualifier?.end ?? -Infinity);
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 20);
  // A draft named before the keyword ("Zero Draft, para 5") does not make the
  // noun an object: what stands before the draft's name decides.
  if (/[([][ \t\u00a0]*$/.test(before) || /^(?:\([a-z]{1,4}\))?[ \t\u00a0]*[)\]]/.test(after)) return true;
  return BEFORE_OBJECT.test(before);
}

/** Whether a sub-paragraph "(a)" follows the part's (last) number. */
function hasSubParagraph(text: string, part: CitedPart): boolean {
  return SUB_PARAGRAPH_AFTER.test(text.slice(part.span.end, part.span.end + 8));
}

/**
 * The whole run of numbers written anew ("23-24" → "30", "13" → "10 and 11",
 * "57-60" → "41, 43 and 44"), in the author's dash and conjunction. Only when
 * nothing but numbers and list separators stands between the first and the
 * last number: a sub-paragraph "(a)" cannot be placed in a list written anew.
 */
function rewriteList(text: string, citation: Citation, numbers: string[]): TextEdit | undefined {
  const parts = citation.parts;
  const gaps = parts.slice(1).map((part, k) => text.slice(parts[k].span.end, part.span.start));
  if (!gaps.every((gap) => LIST_GAP.test(gap))) return undefined;
  const range = parts.find((part): part is Extract<CitedPart, { kind: 'range' }> => part.kind === 'range');
  const dash = range ? text.slice(range.fromSpan.end, range.toSpan.start) : '–';
  const lastGap = gaps[gaps.length - 1];
  const conjunction = lastGap !== undefined && /and|&/.test(lastGap) ? lastGap : ' and ';
  const span = { start: parts[0].span.start, end: parts[parts.length - 1].span.end };
  return { span, newText: writeNumbers(numbers, { dash, comma: ', ', conjunction }) };
}
