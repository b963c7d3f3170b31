// Paragraph citations as submissions write them: "para 74", "(paragraph 17)",
// "¶¶ 57-60", "paragraphs 24, 28 and 30", "paragraph 13(a)", "paras. 12 et
// seq.", with what names the cited document: "of the Zero Draft", "Zero
// Draft, para 74", "of this report", "A/70/174, para 12", "A/70/174 at para
// 82", "A/75/816 at [64]", "of the Tunis Commitment", "of the 2015 GGE
// report", "of CRP.2".
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
// - A name that names another document ("2015 GGE report", "CRP.2", a known
//   title) is an 'other' qualifier, so the citation never falls back to the
//   current draft; which document it is, the catalogue says.
import { Citation, CitedPart, Qualifier, Span, SymbolMention } from './model';
import { overlapsAny } from './spans';
import { findUrls, scanSymbols } from './symbols';
import { citationPatterns, DEFAULT_VOCABULARY, Vocabulary } from './vocabulary';
import { CitationPatterns, foldForm, GAP, INSERTED_SUFFIXES } from './vocabulary/patterns';

export interface ScanCitationsOptions {
  /** Labels and aliases of the configured drafts ("Zero Draft", "ZD"), matched case-insensitively. */
  draftNames?: string[];
  /**
   * Titles and aliases of known documents that are not symbols ("2015 GGE
   * report", "CRP.2", "Final Substantive Report"), matched case-insensitively:
   * "para 73 of the 2021 GGE report" names that document, not a draft.
   * A configured draft's name wins over a document's.
   */
  documentNames?: string[];
  /** The words to read (`combineVocabularies` for several languages); English when not given. */
  vocabulary?: Vocabulary;
  /**
   * What to look for: paragraph citations (default), or footnote citations
   * ("footnote 2 of the Zero Draft", "fns 2 and 3"), read with the same
   * numbers, lists and qualifiers. A footnote form that is also an ordinary
   * word ("note", "n.": `units.footnote.ambiguous`) cites only with a draft
   * named after the number ("note 2 of the Pre-draft").
   */
  unit?: 'paragraph' | 'footnote';
}

/** Ranges longer than this are not expanded into `numbers`. */
export const MAX_RANGE = 200;

// Which words are read (keywords, connectors, qualifier words, draft-name
// words) is the vocabulary's business: the patterns come from
// `vocabulary/patterns.ts`. What stays here is what no language changes:
// digits, the Latin suffixes of inserted paragraphs, sub-paragraph letters,
// quotes and symbols.
const AFTER_KEYWORD = new RegExp(GAP, 'uy');

// "74bis" and, as negotiated texts also write it, "74 bis" (the number is "74bis" either way, as drafts number it).
const NUMBER = new RegExp(`(\\d{1,4})(?:[ \\u00a0]?(${INSERTED_SUFFIXES.join('|')})|(alt|[a-z]))?(?![\\p{L}\\p{Nd}/]|\\.\\p{Nd})`, 'uy');
// Sub-paragraphs "(a)", "(a)(ii)", "(a)-(k)": kept in the citation, not numbers.
const SUB_PARAGRAPH = /(?:[ \u00a0]?\([a-z]{1,4}\))+(?:[ \u00a0]*[-–—][ \u00a0]*\([a-z]{1,4}\))?/uy;
// A number that opens a line and is followed by "." or ")" numbers a list item or a paragraph, and cites nothing.
const LINE_NUMBERING = /[.)](?:[ \t\u00a0]|\r?\n|$)/y;
const LINE_START_BEFORE = /\n[ \t\u00a0]*$/;
const OPENING_QUOTE = /["“‘']/y;
const CLOSING_QUOTE = /["”’']/y;
const WORD_SPACE = /[ \u00a0]+/y;
// The end of a symbol written alone ("CRP.2", "L.27/Rev.1"): it names another document, never a draft.
// One letter only for "L." (drafts of resolutions): "A.1" is more often a section.
const SHORT_SYMBOL = /(?:L|[A-Z]{2,4})\.\d{1,4}(?:\/(?:Rev|Add|Corr|Amend)\.\d{1,3})*(?![\p{L}\p{Nd}]|\/[\p{L}\p{Nd}])/uy;
const SHORT_SYMBOL_BEFORE = /(?<![\p{L}\p{Nd}/.])(?:L|[A-Z]{2,4})\.\d{1,4}(?:\/(?:Rev|Add|Corr|Amend)\.\d{1,3})*$/u;
// "the 2015 GGE report", "the 2021 report": a name may begin with a year.
const YEAR = /(?:19|20)\d\d[ \u00a0]+/y;

function at(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

const isLetter = (char: string): boolean => /\p{L}/u.test(char);
const isLetterOrDigit = (char: string): boolean => /[\p{L}\p{Nd}]/u.test(char);
/** Case and apostrophes folded the same way for names written and configured ("Chair’s Summary"). */
const fold = (text: string): string => text.toLowerCase().replace(/’/g, "'");
const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/** The words starting at `position`, each with its span, up to `limit`. */
function wordsAt(word: RegExp, text: string, position: number, limit: number): Array<{ word: string; start: number; end: number }> {
  const words: Array<{ word: string; start: number; end: number }> = [];
  let cursor = position;
  while (words.length < limit) {
    const found = at(word, text, cursor);
    if (!found) break;
    words.push({ word: found[0], start: cursor, end: cursor + found[0].length });
    const space = at(WORD_SPACE, text, cursor + found[0].length);
    if (!space) break;
    cursor += found[0].length + space[0].length;
  }
  return words;
}

class Scanner {
  private readonly symbolStarting = new Map<number, SymbolMention>();
  private readonly symbolEnding = new Map<number, SymbolMention>();
  private readonly symbolSpans: Span[];
  private readonly urls: Span[];
  private readonly draftNames: string[];
  private readonly documentNames: string[];
  /** The vocabulary's patterns. */
  private readonly p: CitationPatterns;
  /** Footnote citations instead of paragraph citations. */
  private readonly footnotes: boolean;
  /** Footnote forms that cite only with a draft named ("note", "n."), folded. */
  private readonly ambiguous: ReadonlySet<string>;
  /** Where the previous citation (with its qualifier) ended: nothing may reach back over it. */
  private reached = 0;

  constructor(private readonly text: string, options: ScanCitationsOptions) {
    const vocabulary = options.vocabulary ?? DEFAULT_VOCABULARY;
    this.p = citationPatterns(vocabulary);
    this.footnotes = options.unit === 'footnote';
    this.ambiguous = new Set((vocabulary.units.footnote.ambiguous ?? []).map(foldForm));
    const symbols = scanSymbols(text);
    for (const symbol of symbols) {
      this.symbolStarting.set(symbol.span.start, symbol);
      this.symbolEnding.set(symbol.span.end, symbol);
    }
    this.symbolSpans = symbols.map((symbol) => symbol.span);
    this.urls = findUrls(text);
    // Longest first, so "Revised Pre-draft" wins over "Pre-draft".
    this.draftNames = longestFirst(options.draftNames ?? []);
    // A name written after "of the" is matched without its own "the".
    this.documentNames = longestFirst((options.documentNames ?? []).map((name) => name.trim().replace(this.p.leadingArticle, '')));
  }

  scan(): Citation[] {
    const citations: Citation[] = [];
    const keywords = this.footnotes ? this.p.footnoteKeyword : this.p.keyword;
    keywords.lastIndex = 0;
    for (let keyword = keywords.exec(this.text); keyword; keyword = keywords.exec(this.text)) {
      const citation = this.citationAt(keyword.index, keyword[0]);
      if (!citation) continue;
      if (this.footnotes) {
        // "takes note 2 …", "n. 2": an ordinary word unless a draft is named after it.
        if (this.ambiguous.has(foldForm(citation.keyword)) && !(citation.qualifier?.kind === 'draft' && citation.qualifier.span.start >= citation.span.end)) continue;
        citation.unit = 'footnote';
      }
      citations.push(citation);
      const end = Math.max(citation.span.end, citation.qualifier?.span.end ?? 0);
      this.reached = end;
      keywords.lastIndex = end;
    }
    return citations;
  }

  private citationAt(start: number, keyword: string): Citation | undefined {
    if (keyword === '[') return this.pinpointAt(start);
    const keywordEnd = start + keyword.length;
    if (overlapsAny({ start, end: keywordEnd }, this.urls)) return undefined;
    const gap = at(AFTER_KEYWORD, this.text, keywordEnd)!;
    // "para74" is not how anyone writes; "para.74" and "¶74" are.
    if (gap[0] === '' && /\p{L}$/u.test(keyword)) return undefined;
    const plural = this.footnotes ? this.p.isPluralFootnote(keyword) : this.p.isPlural(keyword);
    const read = this.partsAt(keywordEnd + gap[0].length, plural);
    if (!read) return undefined;
    const { parts, end } = read;
    const citation: Citation = { span: { start, end }, keyword, parts, numbers: numbersOf(parts) };
    const skipped = at(this.p.notCitedFurther, this.text, end);
    const after = this.qualifierAfter(skipped ? end + skipped[0].length : end);
    // "our paragraph 3 above": "above" points back into the author's own text.
    const before = !after || after.kind === 'self' ? this.qualifierBefore(start) : undefined;
    const qualifier = before?.kind === 'own' ? before : after ?? before;
    if (qualifier) citation.qualifier = qualifier;
    return citation;
  }

  /** The numbers and ranges of a list starting at `position`. */
  private partsAt(position: number, plural: boolean): { parts: CitedPart[]; end: number } | undefined {
    const first = this.partAt(position);
    if (!first) return undefined;
    const parts = [first.part];
    let end = first.end;
    for (;;) {
      const separator = at(this.p.listSeparator, this.text, end);
      const next = separator ? this.partAt(end + separator[0].length) : undefined;
      if (!next || !this.continuesList(next.end, plural)) break;
      parts.push(next.part);
      end = next.end;
    }
    return { parts, end };
  }

  /**
   * "A/75/816 at [64]", "A/RES/70/237 at [2(a)]": a pinpoint in square
   * brackets, the way some commentators cite paragraphs of a document. Only
   * right after a symbol and "at", so footnote marks and links stay apart.
   */
  private pinpointAt(start: number): Citation | undefined {
    const before = this.p.atBeforePinpoint.exec(this.text.slice(Math.max(this.reached, start - 12), start));
    const symbol = before ? this.symbolEnding.get(start - before[0].length) : undefined;
    if (!symbol || symbol.span.start < this.reached || overlapsAny({ start, end: start + 1 }, this.urls)) return undefined;
    const read = this.partsAt(start + 1, true);
    if (!read) return undefined;
    const end = read.end + (this.text.charAt(read.end) === ']' ? 1 : 0);
    return {
      span: { start, end },
      keyword: '[',
      parts: read.parts,
      numbers: numbersOf(read.parts),
      qualifier: { kind: 'document', symbol: symbol.symbol, span: symbol.span },
    };
  }

  /** One number or range at `position`, with any sub-paragraph after it. */
  private partAt(position: number): { part: CitedPart; end: number } | undefined {
    const from = this.numberAt(position);
    if (!from) return undefined;
    const range = at(this.p.rangeSeparator, this.text, from.end);
    const to = range ? this.numberAt(from.end + range[0].length) : undefined;
    if (!to) return { part: { kind: 'single', number: from.number, span: from.span }, end: from.end };
    return {
      part: { kind: 'range', from: from.number, to: to.number, fromSpan: from.span, toSpan: to.span, span: { start: from.span.start, end: to.span.end } },
      end: to.end,
    };
  }

  private numberAt(position: number): { number: string; span: Span; end: number } | undefined {
    // "paras 12ff." cites 12 and what follows it: only the number written is cited.
    const following = at(this.p.numberAndFollowing, this.text, position);
    if (following) return { number: following[1], span: { start: position, end: position + following[1].length }, end: position + following[0].length };
    const match = at(NUMBER, this.text, position);
    if (!match) return undefined;
    const span = { start: position, end: position + match[0].length };
    if (LINE_START_BEFORE.test(this.text.slice(Math.max(0, position - 40), position)) && at(LINE_NUMBERING, this.text, span.end)) return undefined;
    if (overlapsAny(span, this.symbolSpans) || overlapsAny(span, this.urls)) return undefined;
    const sub = at(SUB_PARAGRAPH, this.text, span.end);
    return { number: match[1] + (match[2] ?? match[3] ?? ''), span, end: span.end + (sub ? sub[0].length : 0) };
  }

  private continuesList(end: number, plural: boolean): boolean {
    if (at(this.p.month, this.text, end)) return false;
    return plural || at(this.p.listEnd, this.text, end) !== null;
  }

  private qualifierAfter(position: number): Qualifier | undefined {
    const aboveBelow = at(this.p.selfDirection, this.text, position);
    if (aboveBelow) {
      const start = position + aboveBelow[0].length - aboveBelow[1].length;
      return { kind: 'self', span: { start, end: start + aboveBelow[1].length } };
    }
    const preposition = at(this.p.preposition, this.text, position);
    if (!preposition) return undefined;
    const start = position + preposition[0].search(/\p{L}/u);
    const nameStart = position + preposition[0].length;
    const self = at(this.p.selfReference, this.text, nameStart);
    if (self) return { kind: 'self', span: { start, end: nameStart + self[0].length } };
    const own = at(this.p.ownText, this.text, nameStart);
    if (own) return { kind: 'own', span: { start, end: nameStart + own[0].length } };
    const documentWord = at(this.p.documentWord, this.text, nameStart)!;
    const symbol = this.symbolStarting.get(nameStart + documentWord[0].length);
    if (symbol) return { kind: 'document', symbol: symbol.symbol, span: { start, end: symbol.span.end } };
    const named = this.nameAt(nameStart);
    if (named) return { kind: named.kind, name: named.name, span: { start, end: named.end } };
    const other = this.otherNameAt(nameStart);
    if (!other) return undefined;
    return other.symbol
      ? { kind: 'document', symbol: other.symbol, span: { start, end: other.end } }
      : { kind: 'other', name: other.name, span: { start, end: other.end } };
  }

  /** "Zero Draft, para 74", "the Pre-draft's paragraph 17", "(A/77/440, para. 12)", "A/70/174 at para 82". */
  private qualifierBefore(keywordStart: number): Qualifier | undefined {
    const headStart = Math.max(this.reached, keywordStart - 120);
    const own = this.p.ownBefore.exec(this.text.slice(headStart, keywordStart));
    if (own) return { kind: 'own', span: { start: keywordStart - own[0].length, end: keywordStart - own[0].length + own[0].trimEnd().length } };
    // Between the name and the keyword: a comma, "at", spaces, or a possessive that belongs to the name's span.
    const joint = this.p.nameJoint.exec(this.text.slice(headStart, keywordStart))!;
    const possessive = joint[1]?.length ?? 0;
    const spanEnd = keywordStart - joint[0].length + possessive;
    const nameEnd = spanEnd - possessive;
    const symbol = this.symbolEnding.get(nameEnd);
    if (symbol && symbol.span.start >= this.reached) return { kind: 'document', symbol: symbol.symbol, span: { start: symbol.span.start, end: spanEnd } };
    const named = this.nameBefore(this.text.slice(headStart, nameEnd), headStart);
    return named ? { kind: named.kind, name: named.name, span: { start: named.start, end: spanEnd } } : undefined;
  }

  /**
   * The name of a draft, or of a known document, at `position` (after
   * "of"/"in"), with "the" and quotes around it: a configured draft's name
   * first, then a document's title or alias, or the end of a symbol ("CRP.2"),
   * then the names drafts usually have.
   */
  private nameAt(position: number): { kind: 'draft' | 'other'; name: string; end: number } | undefined {
    let cursor = position + (at(this.p.article, this.text, position)?.[0].length ?? 0);
    cursor += at(OPENING_QUOTE, this.text, cursor)?.[0].length ?? 0;
    const draftEnd = knownNameAt(this.text, cursor, this.draftNames);
    const documentEnd = draftEnd === undefined ? knownNameAt(this.text, cursor, this.documentNames) ?? this.shortSymbolAt(cursor) : undefined;
    const nameEnd = draftEnd ?? documentEnd ?? this.finalReportAt(cursor) ?? this.genericDraftNameAt(cursor);
    if (nameEnd === undefined) return undefined;
    const closing = at(CLOSING_QUOTE, this.text, nameEnd);
    return { kind: documentEnd !== undefined ? 'other' : 'draft', name: this.text.slice(cursor, nameEnd), end: nameEnd + (closing ? closing[0].length : 0) };
  }

  private shortSymbolAt(position: number): number | undefined {
    const match = at(SHORT_SYMBOL, this.text, position);
    return match ? position + match[0].length : undefined;
  }

  private finalReportAt(position: number): number | undefined {
    const match = at(this.p.fixedName, this.text, position);
    return match ? position + match[0].length : undefined;
  }

  /** "Zero Draft", "revised pre-draft", "Pre-draft": up to four words ending in "draft". */
  private genericDraftNameAt(position: number): number | undefined {
    const words = wordsAt(this.p.word, this.text, position, 4);
    for (let i = 0; i < words.length; i++) {
      const word = words[i].word;
      if (this.p.stopWords.has(word.toLowerCase()) || this.p.possessive.test(word)) return undefined;
      if (this.p.draftWord.test(word)) return i > 0 || word.includes('-') ? words[i].end : undefined;
    }
    return undefined;
  }

  /** The draft or document name that ends `head` (text before a keyword), with its start offset. */
  private nameBefore(head: string, headStart: number): { kind: 'draft' | 'other'; name: string; start: number } | undefined {
    const unquoted = head.replace(/["”’']$/, '');
    const quoteAfter = head.length - unquoted.length;
    const found = (name: string, kind: 'draft' | 'other' = 'draft'): { kind: 'draft' | 'other'; name: string; start: number } => {
      let start = headStart + unquoted.length - name.length;
      if (quoteAfter && /["“‘']/.test(this.text.charAt(start - 1))) start--;
      return { kind, name, start };
    };
    const draftName = knownNameBefore(unquoted, this.draftNames);
    if (draftName) return found(draftName);
    const documentName = knownNameBefore(unquoted, this.documentNames) ?? SHORT_SYMBOL_BEFORE.exec(unquoted)?.[0];
    if (documentName) return found(documentName, 'other');
    const finalReport = this.p.fixedNameBefore.exec(unquoted);
    if (finalReport && !isLetter(unquoted.charAt(finalReport.index - 1))) return found(finalReport[0]);
    const words = unquoted.match(/(?<![\p{L}\p{M}-])[\p{L}][\p{L}\p{M}-]*(?:[ \u00a0]+[\p{L}][\p{L}\p{M}-]*)*$/u)?.[0].split(/[ \u00a0]+/) ?? [];
    if (words.length === 0 || !this.p.draftWord.test(words[words.length - 1])) return undefined;
    let taken = 1;
    while (taken < 4 && taken < words.length) {
      const word = words[words.length - 1 - taken];
      if (this.p.stopWords.has(word.toLowerCase()) || !(isCapitalised(word) || this.p.draftModifiers.has(word.toLowerCase()))) break;
      taken++;
    }
    const last = words[words.length - 1];
    if (taken === 1 && !last.includes('-')) return undefined;
    const name = unquoted.slice(unquoted.length - words.slice(-taken).join(' ').length);
    return found(name);
  }

  /** How many of `words` (the first one capitalised) a name takes: capitalised words, joiners between them, a final noun. */
  private capitalisedNameLength(words: Array<{ word: string }>): number {
    let taken = 1;
    while (taken < words.length) {
      const word = words[taken].word;
      let joiners = 0;
      while (taken + joiners < words.length && this.p.nameJoiners.has(words[taken + joiners].word)) joiners++;
      if (isCapitalised(word)) {
        taken++;
      } else if (joiners > 0 && taken + joiners < words.length && isCapitalised(words[taken + joiners].word)) {
        taken += joiners + 1;
      } else {
        if (this.p.nameNouns.has(word.toLowerCase())) taken++;
        break;
      }
    }
    return taken;
  }

  /**
   * A capitalised name of two or more words: "the Tunis Commitment", "the
   * Group's report", "the Charter of the United Nations", or a year and a
   * name ("the 2013 GGE report", "the 2015 report"); when a symbol follows in
   * parentheses ("the Group's report (A/76/135)"), that symbol.
   */
  private otherNameAt(position: number): { name: string; end: number; symbol?: string } | undefined {
    let cursor = position + (at(this.p.article, this.text, position)?.[0].length ?? 0);
    const quote = at(OPENING_QUOTE, this.text, cursor);
    cursor += quote ? quote[0].length : 0;
    const year = at(YEAR, this.text, cursor);
    const words = wordsAt(this.p.word, this.text, cursor + (year ? year[0].length : 0), 12);
    if (words.length === 0) return undefined;
    let taken = 1;
    if (year && !isCapitalised(words[0].word)) {
      // After a year a noun alone makes a name: "the 2015 report".
      if (!this.p.nameNouns.has(words[0].word.toLowerCase())) return undefined;
    } else {
      if (!isCapitalised(words[0].word)) return undefined;
      taken = this.capitalisedNameLength(words);
      // A name needs two words, or one after a year.
      if (taken < 2 && !year) return undefined;
    }
    // "the 2020 pre-draft", "the 2021 draft" name a draft with a year, not another document.
    if (year && this.p.draftWord.test(words[taken - 1].word)) return undefined;
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

function longestFirst(names: string[]): string[] {
  return names.filter((name) => name.trim() !== '').sort((a, b) => b.length - a.length);
}

/** Where the first of `names` (longest first) written at `position` ends. */
function knownNameAt(text: string, position: number, names: readonly string[]): number | undefined {
  for (const name of names) {
    const end = position + name.length;
    if (fold(text.slice(position, end)) === fold(name) && !isLetterOrDigit(text.charAt(end))) return end;
  }
  return undefined;
}

/** The first of `names` (longest first) that ends `head`, as written there. */
function knownNameBefore(head: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const tail = head.slice(-name.length);
    if (tail.length === name.length && fold(tail) === fold(name) && !isLetterOrDigit(head.charAt(head.length - name.length - 1))) return tail;
  }
  return undefined;
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
