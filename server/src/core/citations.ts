// Paragraph citations as submissions write them: "para 74", "(paragraph 17)",
// "¶¶ 57-60", "paragraphs 24, 28 and 30", "paragraph 13(a)", "paras. 12 et
// seq.", with what names the cited document: "of the Zero Draft", "Zero
// Draft, para 74", "of this report", "A/70/174, para 12", "of the Tunis
// Commitment".
//
// Decisions a caller can rely on:
// - A part's span covers only the number as written ("74", "74bis"), so a
//   quick fix that renumbers rewrites just that; a sub-paragraph "(a)" stays
//   outside the part but inside the citation's span, and is not a number.
// - A range expands into `numbers` only when it runs forwards and names at
//   most MAX_RANGE paragraphs; otherwise (e.g. "60-57", "1-5000") the part is
//   kept and only its two ends are listed.
// - "et seq.", "et al", "ff." after the numbers are skipped: only the numbers
//   written are cited, and the qualifier may still follow.
// - After a singular keyword ("paragraph 17 and 11 voluntary norms") a list
//   continues only when the next number is not followed by an ordinary word,
//   since a singular keyword usually names one paragraph.
// - A qualifier's span covers the whole qualifier: "of the “Zero Draft”",
//   "above", or, before the keyword, the name alone ("Zero Draft", "A/70/174",
//   "Pre-draft's"). A bare "draft" is not a draft name unless configured.
import { Citation, CitedPart, Qualifier, Span, SymbolMention } from './model';
import { findUrls, overlapsAny, scanSymbols } from './symbols';

export interface ScanCitationsOptions {
  /** Labels and aliases of the configured drafts ("Zero Draft", "ZD"), matched case-insensitively. */
  draftNames?: string[];
}

/** Ranges longer than this are not expanded into `numbers`. */
export const MAX_RANGE = 200;

const SPACE = '[ \\t\\u00a0]';
// At most one line break: hard-wrapped plain text splits a citation across lines.
const GAP = `${SPACE}*(?:\\r?\\n${SPACE}*)?`;

const KEYWORD = /(?<![\p{L}\p{Nd}_])(?:(?:operative|preambular)[ \t\u00a0]+paragraphs?|paragraphs?|paras?|pars?)(?![\p{L}])\.?|¶¶?/giu;
const AFTER_KEYWORD = new RegExp(GAP, 'uy');

const NUMBER = /(\d{1,4})(bis|ter|quater|quinquies|sexies|septies|octies|alt|[a-z])?(?![\p{L}\p{Nd}/]|\.\p{Nd})/uy;
// Sub-paragraphs "(a)", "(a)(ii)", "(a)-(k)": kept in the citation, not numbers.
const SUB_PARAGRAPH = /(?:[ \u00a0]?\([a-z]{1,4}\))+(?:[ \u00a0]*[-–—][ \u00a0]*\([a-z]{1,4}\))?/uy;
const RANGE_SEPARATOR = /[ \u00a0]*[-–—][ \u00a0]*|[ \u00a0]+(?:to|through)[ \u00a0]+/uy;
const LIST_SEPARATOR = /[ \u00a0]*,[ \u00a0]*(?:(?:and|or)[ \u00a0]+|&[ \u00a0]*)?|[ \u00a0]+(?:and|or)[ \u00a0]+|[ \u00a0]*&[ \u00a0]*/uy;
const NOT_CITED_FURTHER = /[ \u00a0]*,?[ \u00a0]+(?:et[ \u00a0]+(?:seq|al)\.?|ff\.?)(?![\p{L}])/uy;
// What may follow the last number of a singular keyword's list.
const LIST_END = /(?:[ \u00a0]+(?:of|in|and|or|above|below|et|ff|respectively|to|on)(?![\p{L}])|[ \u00a0]*(?![ \u00a0]*[\p{L}\p{Nd}]))/uy;
const MONTH = /[ \u00a0]+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![\p{L}])/uy;

const ABOVE_BELOW = /[ \u00a0]*,?[ \u00a0]+(above|below)(?![\p{L}])/iuy;
const PREPOSITION = new RegExp(`${SPACE}*,?${SPACE}+(?:of|in)(?=[ \\t\\u00a0\\r\\n])${GAP}`, 'uy');
const SELF = /(?:this|the[ \u00a0]+present)[ \u00a0]+(?:report|document)(?![\p{L}])/iuy;
const THE = /the[ \u00a0]+/iuy;
const DOCUMENT_WORD = /(?:the[ \u00a0]+)?(?:document[ \u00a0]+)?/iuy;
const OPENING_QUOTE = /["“‘']/y;
const CLOSING_QUOTE = /["”’']/y;
const WORD = /[\p{L}][\p{L}\p{M}\-]*(?:['’]s(?![\p{L}]))?/uy;
const WORD_SPACE = /[ \u00a0]+/y;
const FINAL_REPORT = /final(?:[ \u00a0]+substantive)?[ \u00a0]+report(?![\p{L}])/iuy;
const FINAL_REPORT_BEFORE = /final(?:[ \u00a0]+substantive)?[ \u00a0]+report$/iu;
const DRAFT_WORD = /(?:^|-)draft$/i;
const POSSESSIVE = /['’]s$/;
// Words that end a name rather than belong to it.
const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'to', 'and', 'or', 'for', 'with', 'by', 'from', 'this', 'that', 'these', 'its', 'their', 'our', 'see', 'as', 'at']);
// Lower-case words that may stand in a draft's name before "draft".
const DRAFT_MODIFIERS = new Set(['revised', 'first', 'second', 'third', 'zero', 'final', 'initial', 'updated', 'new', 'latest', 'current', 'pre', 'advance']);
// Joining words inside a capitalised name: "Charter of the United Nations".
const NAME_JOINERS = new Set(['of', 'on', 'and', 'for', 'the', 'in', 'to']);
// A capitalised name may end on one of these: "the Group's report", "the OEWG report".
const NAME_NOUNS = new Set(['report', 'draft', 'summary', 'paper', 'proposal', 'resolution', 'statement', 'submission', 'text', 'document', 'non-paper', 'commitment', 'agenda']);

function at(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

const isLetter = (char: string): boolean => /\p{L}/u.test(char);
const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/** The words starting at `position`, each with its span, up to `limit`. */
function wordsAt(text: string, position: number, limit: number): Array<{ word: string; start: number; end: number }> {
  const words: Array<{ word: string; start: number; end: number }> = [];
  let cursor = position;
  while (words.length < limit) {
    const word = at(WORD, text, cursor);
    if (!word) break;
    words.push({ word: word[0], start: cursor, end: cursor + word[0].length });
    const space = at(WORD_SPACE, text, cursor + word[0].length);
    if (!space) break;
    cursor += word[0].length + space[0].length;
  }
  return words;
}

class Scanner {
  private readonly symbolStarting = new Map<number, SymbolMention>();
  private readonly symbolEnding = new Map<number, SymbolMention>();
  private readonly symbolSpans: Span[];
  private readonly urls: Span[];
  private readonly draftNames: string[];
  /** Where the previous citation (with its qualifier) ended: nothing may reach back over it. */
  private reached = 0;

  constructor(private readonly text: string, options: ScanCitationsOptions) {
    const symbols = scanSymbols(text);
    for (const symbol of symbols) {
      this.symbolStarting.set(symbol.span.start, symbol);
      this.symbolEnding.set(symbol.span.end, symbol);
    }
    this.symbolSpans = symbols.map((symbol) => symbol.span);
    this.urls = findUrls(text);
    // Longest first, so "Revised Pre-draft" wins over "Pre-draft".
    this.draftNames = (options.draftNames ?? []).filter((name) => name.trim() !== '').sort((a, b) => b.length - a.length);
  }

  scan(): Citation[] {
    const citations: Citation[] = [];
    KEYWORD.lastIndex = 0;
    for (let keyword = KEYWORD.exec(this.text); keyword; keyword = KEYWORD.exec(this.text)) {
      const citation = this.citationAt(keyword.index, keyword[0]);
      if (!citation) continue;
      citations.push(citation);
      const end = Math.max(citation.span.end, citation.qualifier?.span.end ?? 0);
      this.reached = end;
      KEYWORD.lastIndex = end;
    }
    return citations;
  }

  private citationAt(start: number, keyword: string): Citation | undefined {
    const keywordEnd = start + keyword.length;
    if (overlapsAny({ start, end: keywordEnd }, this.urls)) return undefined;
    const gap = at(AFTER_KEYWORD, this.text, keywordEnd)!;
    // "para74" is not how anyone writes; "para.74" and "¶74" are.
    if (gap[0] === '' && /\p{L}$/u.test(keyword)) return undefined;
    const plural = /s\.?$|¶¶/i.test(keyword);
    const first = this.partAt(keywordEnd + gap[0].length);
    if (!first) return undefined;
    const parts = [first.part];
    let end = first.end;
    for (;;) {
      const separator = at(LIST_SEPARATOR, this.text, end);
      const next = separator ? this.partAt(end + separator[0].length) : undefined;
      if (!next || !this.continuesList(next.end, plural)) break;
      parts.push(next.part);
      end = next.end;
    }
    const citation: Citation = { span: { start, end }, keyword, parts, numbers: numbersOf(parts) };
    const skipped = at(NOT_CITED_FURTHER, this.text, end);
    const qualifier = this.qualifierAfter(skipped ? end + skipped[0].length : end) ?? this.qualifierBefore(start);
    if (qualifier) citation.qualifier = qualifier;
    return citation;
  }

  /** One number or range at `position`, with any sub-paragraph after it. */
  private partAt(position: number): { part: CitedPart; end: number } | undefined {
    const from = this.numberAt(position);
    if (!from) return undefined;
    const range = at(RANGE_SEPARATOR, this.text, from.end);
    const to = range ? this.numberAt(from.end + range[0].length) : undefined;
    if (!to) return { part: { kind: 'single', number: from.number, span: from.span }, end: from.end };
    return {
      part: { kind: 'range', from: from.number, to: to.number, fromSpan: from.span, toSpan: to.span, span: { start: from.span.start, end: to.span.end } },
      end: to.end,
    };
  }

  private numberAt(position: number): { number: string; span: Span; end: number } | undefined {
    const match = at(NUMBER, this.text, position);
    if (!match) return undefined;
    const span = { start: position, end: position + match[0].length };
    if (overlapsAny(span, this.symbolSpans) || overlapsAny(span, this.urls)) return undefined;
    const sub = at(SUB_PARAGRAPH, this.text, span.end);
    return { number: match[0], span, end: span.end + (sub ? sub[0].length : 0) };
  }

  private continuesList(end: number, plural: boolean): boolean {
    if (at(MONTH, this.text, end)) return false;
    return plural || at(LIST_END, this.text, end) !== null;
  }

  private qualifierAfter(position: number): Qualifier | undefined {
    const aboveBelow = at(ABOVE_BELOW, this.text, position);
    if (aboveBelow) {
      const start = position + aboveBelow[0].length - aboveBelow[1].length;
      return { kind: 'self', span: { start, end: start + aboveBelow[1].length } };
    }
    const preposition = at(PREPOSITION, this.text, position);
    if (!preposition) return undefined;
    const start = position + preposition[0].search(/[oi]/);
    const nameStart = position + preposition[0].length;
    const self = at(SELF, this.text, nameStart);
    if (self) return { kind: 'self', span: { start, end: nameStart + self[0].length } };
    const documentWord = at(DOCUMENT_WORD, this.text, nameStart)!;
    const symbol = this.symbolStarting.get(nameStart + documentWord[0].length);
    if (symbol) return { kind: 'document', symbol: symbol.symbol, span: { start, end: symbol.span.end } };
    const draft = this.draftNameAt(nameStart);
    if (draft) return { kind: 'draft', name: draft.name, span: { start, end: draft.end } };
    const other = this.otherNameAt(nameStart);
    if (!other) return undefined;
    return other.symbol
      ? { kind: 'document', symbol: other.symbol, span: { start, end: other.end } }
      : { kind: 'other', name: other.name, span: { start, end: other.end } };
  }

  /** "Zero Draft, para 74", "the Pre-draft's paragraph 17", "(A/77/440, para. 12)". */
  private qualifierBefore(keywordStart: number): Qualifier | undefined {
    const headStart = Math.max(this.reached, keywordStart - 120);
    // Between the name and the keyword: a comma, spaces, or a possessive that belongs to the name's span.
    const joint = /(['’]s)?(?:[ \t\u00a0]*,)?[ \t\u00a0]*$/u.exec(this.text.slice(headStart, keywordStart))!;
    const possessive = joint[1]?.length ?? 0;
    const spanEnd = keywordStart - joint[0].length + possessive;
    const nameEnd = spanEnd - possessive;
    const symbol = this.symbolEnding.get(nameEnd);
    if (symbol && symbol.span.start >= this.reached) return { kind: 'document', symbol: symbol.symbol, span: { start: symbol.span.start, end: spanEnd } };
    const draft = this.draftNameBefore(this.text.slice(headStart, nameEnd), headStart);
    return draft ? { kind: 'draft', name: draft.name, span: { start: draft.start, end: spanEnd } } : undefined;
  }

  /** A draft's name at `position` (after "of"/"in"), with "the" and quotes around it. */
  private draftNameAt(position: number): { name: string; end: number } | undefined {
    let cursor = position + (at(THE, this.text, position)?.[0].length ?? 0);
    cursor += at(OPENING_QUOTE, this.text, cursor)?.[0].length ?? 0;
    const nameEnd = this.configuredNameAt(cursor) ?? this.finalReportAt(cursor) ?? this.genericDraftNameAt(cursor);
    if (nameEnd === undefined) return undefined;
    const closing = at(CLOSING_QUOTE, this.text, nameEnd);
    return { name: this.text.slice(cursor, nameEnd), end: nameEnd + (closing ? closing[0].length : 0) };
  }

  private configuredNameAt(position: number): number | undefined {
    for (const name of this.draftNames) {
      const end = position + name.length;
      if (this.text.slice(position, end).toLowerCase() === name.toLowerCase() && !isLetter(this.text.charAt(end))) return end;
    }
    return undefined;
  }

  private finalReportAt(position: number): number | undefined {
    const match = at(FINAL_REPORT, this.text, position);
    return match ? position + match[0].length : undefined;
  }

  /** "Zero Draft", "revised pre-draft", "Pre-draft": up to four words ending in "draft". */
  private genericDraftNameAt(position: number): number | undefined {
    const words = wordsAt(this.text, position, 4);
    for (let i = 0; i < words.length; i++) {
      const word = words[i].word;
      if (STOP_WORDS.has(word.toLowerCase()) || POSSESSIVE.test(word)) return undefined;
      if (DRAFT_WORD.test(word)) return i > 0 || word.includes('-') ? words[i].end : undefined;
    }
    return undefined;
  }

  /** The draft name that ends `head` (text before a keyword), with its start offset. */
  private draftNameBefore(head: string, headStart: number): { name: string; start: number } | undefined {
    const unquoted = head.replace(/["”’']$/, '');
    const quoteAfter = head.length - unquoted.length;
    const found = (name: string): { name: string; start: number } => {
      let start = headStart + unquoted.length - name.length;
      if (quoteAfter && /["“‘']/.test(this.text.charAt(start - 1))) start--;
      return { name, start };
    };
    for (const name of this.draftNames) {
      const tail = unquoted.slice(-name.length);
      if (tail.toLowerCase() === name.toLowerCase() && !isLetter(unquoted.charAt(unquoted.length - name.length - 1))) return found(tail);
    }
    const finalReport = FINAL_REPORT_BEFORE.exec(unquoted);
    if (finalReport && !isLetter(unquoted.charAt(finalReport.index - 1))) return found(finalReport[0]);
    const words = unquoted.match(/(?<![\p{L}\p{M}\-])[\p{L}][\p{L}\p{M}\-]*(?:[ \u00a0]+[\p{L}][\p{L}\p{M}\-]*)*$/u)?.[0].split(/[ \u00a0]+/) ?? [];
    if (words.length === 0 || !DRAFT_WORD.test(words[words.length - 1])) return undefined;
    let taken = 1;
    while (taken < 4 && taken < words.length) {
      const word = words[words.length - 1 - taken];
      if (STOP_WORDS.has(word.toLowerCase()) || !(isCapitalised(word) || DRAFT_MODIFIERS.has(word.toLowerCase()))) break;
      taken++;
    }
    const last = words[words.length - 1];
    if (taken === 1 && !last.includes('-')) return undefined;
    const name = unquoted.slice(unquoted.length - words.slice(-taken).join(' ').length);
    return found(name);
  }

  /**
   * A capitalised name of two or more words: "the Tunis Commitment", "the
   * Group's report", "the Charter of the United Nations"; when a symbol
   * follows in parentheses ("the Group's report (A/76/135)"), that symbol.
   */
  private otherNameAt(position: number): { name: string; end: number; symbol?: string } | undefined {
    let cursor = position + (at(THE, this.text, position)?.[0].length ?? 0);
    const quote = at(OPENING_QUOTE, this.text, cursor);
    cursor += quote ? quote[0].length : 0;
    const words = wordsAt(this.text, cursor, 12);
    if (words.length === 0 || !isCapitalised(words[0].word)) return undefined;
    let taken = 1;
    while (taken < words.length) {
      const word = words[taken].word;
      let joiners = 0;
      while (taken + joiners < words.length && NAME_JOINERS.has(words[taken + joiners].word)) joiners++;
      if (isCapitalised(word)) {
        taken++;
      } else if (joiners > 0 && taken + joiners < words.length && isCapitalised(words[taken + joiners].word)) {
        taken += joiners + 1;
      } else {
        if (NAME_NOUNS.has(word.toLowerCase())) taken++;
        break;
      }
    }
    if (taken < 2) return undefined;
    let end = words[taken - 1].end;
    const name = this.text.slice(cursor, end);
    end += quote ? at(CLOSING_QUOTE, this.text, end)?.[0].length ?? 0 : 0;
    const symbolInParentheses = /^[ \u00a0]*\(/.exec(this.text.slice(end, end + 4));
    if (symbolInParentheses) {
      const symbol = this.symbolStarting.get(end + symbolInParentheses[0].length);
      if (symbol && this.text.charAt(symbol.span.end) === ')') return { name, end: symbol.span.end + 1, symbol: symbol.symbol };
    }
    return { name, end };
  }
}

/** Every paragraph number the parts name, ranges expanded, in order, without duplicates. */
export function numbersOf(parts: CitedPart[]): string[] {
  const numbers = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'single') {
      numbers.add(part.number);
      continue;
    }
    const from = parseInt(part.from, 10);
    const to = parseInt(part.to, 10);
    numbers.add(part.from);
    if (from < to && to - from < MAX_RANGE) {
      for (let number = from + 1; number < to; number++) numbers.add(String(number));
    }
    numbers.add(part.to);
  }
  return [...numbers];
}

/**
 * Every paragraph citation in `text`, in order, in one pass. A document
 * symbol's digits ("A/70/174", "resolution 73/27") never become paragraph
 * numbers, and nothing inside a URL is a citation.
 */
export function scanCitations(text: string, options: ScanCitationsOptions = {}): Citation[] {
  return new Scanner(text, options).scan();
}
