// Quotations checked against the paragraphs they cite (issue 5). Each quote
// paired with a citation of an indexed draft is checked against the cited
// paragraph(s); one that is not there is looked for in the whole cited draft,
// then in the other indexed drafts, and the diagnostic says where it is, with
// a quick fix that changes the number (and names the other draft when it is
// there). "Check All Quotations" also looks up the quotes that cite nothing.
//
// Decisions:
// - A citation of several paragraphs (a list, a range) is satisfied when one
//   of them holds the quote; the report is about the best of them.
// - A near match in the cited paragraph is reported as differing, even if
//   another paragraph of the cited draft holds the quote exactly: the author
//   chose the paragraph. But a citation that does not name its draft, whose
//   draft holds the quote only nearly, may quote an older draft: an exact
//   match there wins ("quotes para 25 of the Zero Draft exactly; that
//   paragraph is para 23 of the Final Draft (edited)", with the fix naming
//   the older draft).
// - "Replace the quotation with the draft's wording" is offered only when the
//   quote it gives matches the paragraph exactly (it is checked first), keeps
//   the author's acronyms of words the paragraph spells out, and never
//   deletes from a quote of a PDF draft a word the draft has (its text may
//   have lost the word there).
// - Short quotes (scare quotes, terms: at most SHORT_QUOTE_WORDS words) are
//   fine anywhere in the cited draft; only one found nowhere in it is
//   reported, under its own code (a hint by default), never in other drafts.
// - When none of the cited numbers exists, the citation already has its error
//   (missing-paragraph): the quote is reported only when found elsewhere,
//   since then the quick fix repairs both.
// - The renumbering quick fix is offered only for a citation of one number,
//   and not when another quote of the same citation fits the cited paragraph
//   (moving the citation would break that one).
// - "Replace the quotation with the draft's wording" rewrites only the words
//   that differ, so ellipses, bracketed alterations, block-quote markers and
//   the author's typography elsewhere in the quote stay as written.
// - Drafts quoting themselves or others are not checked: only submissions.
// - A quotation of more than MAX_ALIGNED_QUOTE_WORDS words is looked for as
//   written only (aligning it word by word would cost its words times the
//   paragraph's): found, it is exact or elsewhere as usual; not found, the
//   diagnostic says it was too long to check closely, with no closest passage.
//
// Cost per keystroke: pairing the quotes with the citations is one pass over
// the text; each quote's verdict is cached per cited draft by its numbers and
// words (the cache lives on the service's DraftEntry objects, which are
// replaced whenever a draft or the configuration changes), and lookups in a
// whole draft use the service's quotation index and its caches.
import type { Citation, CoreDiagnostic, Span } from './model';
import type { CoreCodeAction, DocumentAnalysis, DraftEntry, Feature, WorkspaceView } from './features';
import {
  ClosestPassage,
  ExactQuote,
  MAX_ALIGNED_QUOTE_WORDS,
  NearQuote,
  Quotation,
  QuotationPairing,
  QuoteCheck,
  TextKeyedCache,
  WordDifference,
  checkQuotationIn,
  closestPassage,
  findQuotations,
  locateQuotation,
  trimEndWhile,
} from './quotations';
import { resolveCitation } from './resolver';
import { wordTokens } from './textNormalise';
import { scanSymbols } from './symbols';
import { escapeMarkdown, firstWords, oneLine } from './wording';
import { type ParagraphFate, whereDidItGo } from './alignment';

export const QUOTATION_CODES = {
  'quote-differs': 'warning',
  'quote-elsewhere': 'warning',
  'quote-not-found': 'warning',
  'short-quote-not-found': 'hint',
  'uncited-quote': 'information',
} as const;

/** "Check All Quotations" reports uncited quotes of at least this many words. */
export const UNCITED_MIN_WORDS = 4;
/** Other paragraphs named (and offered as fixes) besides the best one. */
const MORE_PLACES = 2;
const DIFFERENCES_IN_MESSAGE = 4;
const WORDS_PER_DIFFERENCE = 6;
const CLOSEST_WORDS_IN_MESSAGE = 12;
/** Below this similarity the closest passage shares little more than common words: not worth naming. */
const CLOSEST_MIN_SIMILARITY = 0.25;
const VERDICT_CACHE_LIMIT = 5000;

/** A passage of a draft paragraph that a quotation matches, exactly or nearly. */
interface Match<Check extends ExactQuote | NearQuote = ExactQuote | NearQuote> {
  entry: DraftEntry;
  number: string;
  check: Check;
}

type Verdict =
  /** Found in one of the cited paragraphs. */
  | { kind: 'exact'; match: Match<ExactQuote> }
  | { kind: 'near'; match: Match<NearQuote> }
  /** Not in the cited paragraphs; found in another paragraph of the cited draft or of another draft. */
  | { kind: 'elsewhere'; match: Match; more: Match[] }
  /**
   * Not exactly in the cited draft, but exactly in a paragraph of an older
   * draft (a bare citation): where that paragraph went in the cited draft.
   */
  | { kind: 'older-draft'; match: Match<ExactQuote>; fate?: ParagraphFate }
  /** In none of the `searched` drafts (the cited one first). */
  | { kind: 'not-found'; searched: DraftEntry[]; closest?: { entry: DraftEntry; passage: ClosestPassage }; tooLong?: boolean };

interface CitedQuote {
  pairing: QuotationPairing;
  citation: Citation;
  /** The draft the citation resolves to. */
  entry: DraftEntry;
  verdict: Verdict;
}

interface UncitedQuote {
  pairing: QuotationPairing;
  match: Match;
  /** The draft a citation written after the quote would resolve to. */
  resolvesTo?: DraftEntry;
}

interface DocumentQuotes {
  pairings: QuotationPairing[];
  cited: CitedQuote[];
  uncited?: UncitedQuote[];
}

const documents = new WeakMap<DocumentAnalysis, DocumentQuotes>();
const verdicts = new WeakMap<DraftEntry, TextKeyedCache<Verdict>>();

export const quotationFeature: Feature = {
  diagnosticCodes: QUOTATION_CODES,

  diagnostics(view, file, analysis) {
    if (analysis.ownDraft) return [];
    const quotes = quotesOf(view, analysis);
    // Citations with a quote that fits them: moving such a citation would break that quote.
    const fitting = new Set(quotes.cited.flatMap((quote) => (quote.verdict.kind === 'exact' || quote.verdict.kind === 'near' ? [quote.citation] : [])));
    const found = quotes.cited.flatMap((quote) => citedDiagnostics(view, analysis.text, quote, fitting));
    if (view.auditsQuotations(file)) {
      for (const quote of uncitedQuotes(view, analysis, quotes)) found.push(...uncitedDiagnostic(view, quote));
    }
    return found;
  },

  codeActions(_view, file, _analysis, _span, diagnostics) {
    return diagnostics.flatMap((diagnostic) => {
      if (!(diagnostic.code in QUOTATION_CODES) || !isFixData(diagnostic.data)) return [];
      return diagnostic.data.fixes.map(
        (fix, index): CoreCodeAction => ({
          title: fix.title,
          kind: 'quickfix',
          edits: fix.edits.map((edit) => ({ file, ...edit })),
          fixes: [diagnostic],
          isPreferred: index === 0,
        }),
      );
    });
  },

  hover(view, _file, analysis, offset) {
    if (analysis.ownDraft) return undefined;
    const quotes = quotesOf(view, analysis);
    const pairing = quotes.pairings.find((p) => p.quotation.span.start <= offset && offset < p.quotation.span.end);
    // A document symbol inside a quote has its own hover.
    if (!pairing || onSymbol(pairing.quotation, offset)) return undefined;
    const span = quoteSpan(pairing.quotation);
    const cited = quotes.cited.find((quote) => quote.pairing === pairing);
    if (cited) return { span, markdown: citedHover(cited) };
    if (pairing.citation) return undefined; // a document, or a draft that is not indexed
    const uncited = findUncited(view, analysis, pairing);
    return uncited ? { span, markdown: uncitedHover(uncited) } : undefined;
  },
};

// ---------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------

function quotesOf(view: WorkspaceView, analysis: DocumentAnalysis): DocumentQuotes {
  let quotes = documents.get(analysis);
  if (quotes) return quotes;
  const indexOf = new Map(analysis.citations.map((citation, index) => [citation, index]));
  const pairings = findQuotations(analysis.text, analysis.citations);
  const cited: CitedQuote[] = [];
  for (const pairing of pairings) {
    if (!pairing.citation) continue;
    const target = analysis.targets[indexOf.get(pairing.citation) ?? -1];
    if (target?.kind !== 'draft') continue;
    const entry = view.draftEntry(target.draft.id);
    if (!entry?.parsed) continue;
    const verdict = verdictFor(view, entry, pairing.citation.numbers, pairing.quotation, !pairing.citation.qualifier);
    cited.push({ pairing, citation: pairing.citation, entry, verdict });
  }
  quotes = { pairings, cited };
  documents.set(analysis, quotes);
  return quotes;
}

function verdictFor(view: WorkspaceView, entry: DraftEntry, numbers: readonly string[], quotation: Quotation, bare: boolean): Verdict {
  let cache = verdicts.get(entry);
  if (!cache) verdicts.set(entry, (cache = new TextKeyedCache(VERDICT_CACHE_LIMIT)));
  const key = `${bare ? 'bare' : 'named'} ${numbers.join(' ')}\n${quotation.text}`;
  let verdict = cache.get(key);
  if (!verdict) {
    verdict = judge(view, entry, numbers, quotation, bare);
    cache.set(key, verdict);
  }
  return verdict;
}

/**
 * `bare`: the citation does not name its draft. Such a citation of a newer
 * draft may hold a quote of an older one: an exact match there beats a near
 * one in the cited draft.
 */
function judge(view: WorkspaceView, entry: DraftEntry, numbers: readonly string[], quotation: Quotation, bare: boolean): Verdict {
  const index = view.quotationIndex(entry.info.id);
  if (!index) return { kind: 'not-found', searched: [entry] };
  const quote = quotation.text;
  const checks = numbers.flatMap((number) => {
    const check = checkQuotationIn(quote, index, number);
    return check ? [{ number, check }] : [];
  });
  const exact = checks.find((c) => c.check.outcome === 'exact');
  if (exact) return { kind: 'exact', match: { entry, number: exact.number, check: exact.check as ExactQuote } };
  const older = () => (bare && !quotation.short ? olderExact(view, entry, numbers, quote) : undefined);
  const near = bestBy(checks.filter((c) => c.check.outcome === 'near'), (c) => c.check.similarity);
  if (near) return older() ?? { kind: 'near', match: { entry, number: near.number, check: near.check as NearQuote } };

  const here = locateQuotation(quote, index).filter((location) => !numbers.includes(location.number));
  if (here[0]?.check.outcome === 'exact') return elsewhere(here.map((location) => ({ entry, ...location })));
  const inOlder = older();
  if (inOlder) return inOlder;
  if (here.length) return elsewhere(here.map((location) => ({ entry, ...location })));
  const searched = [entry];
  if (!quotation.short) {
    for (const other of otherDrafts(view, entry)) {
      searched.push(other);
      const otherIndex = view.quotationIndex(other.info.id);
      const there = otherIndex ? locateQuotation(quote, otherIndex) : [];
      if (there.length) return elsewhere(there.map((location) => ({ entry: other, ...location })));
    }
  }
  // Too long to align: it was looked for word for word only, and nothing comes "close".
  if (quotation.wordCount > MAX_ALIGNED_QUOTE_WORDS) return { kind: 'not-found', searched, tooLong: true };
  return { kind: 'not-found', searched, closest: closestIn(entry, checks, closestPassage(quote, index)) };
}

/**
 * An exact match in a draft older than `entry` (the newest first; the cited
 * number first within a draft), with where that paragraph went in `entry`.
 */
function olderExact(view: WorkspaceView, entry: DraftEntry, numbers: readonly string[], quote: string): Verdict | undefined {
  const older = view
    .draftEntries()
    .filter((other) => other !== entry && other.parsed && other.info.order < entry.info.order)
    .sort((a, b) => b.info.order - a.info.order);
  for (const other of older) {
    const index = view.quotationIndex(other.info.id);
    const exact = (index ? locateQuotation(quote, index) : []).filter((location) => location.check.outcome === 'exact');
    const best = exact.find((location) => numbers.includes(location.number)) ?? exact[0];
    if (!best) continue;
    const alignment = view.alignment(other.info.id, entry.info.id);
    const fate = alignment ? whereDidItGo(alignment, best.number) : undefined;
    return { kind: 'older-draft', match: { entry: other, number: best.number, check: best.check as ExactQuote }, fate };
  }
  return undefined;
}

function elsewhere(matches: Match[]): Verdict {
  return { kind: 'elsewhere', match: matches[0], more: matches.slice(1, 1 + MORE_PLACES) };
}

/** The closer of the cited paragraphs' closest passages and the whole draft's. */
function closestIn(
  entry: DraftEntry,
  checks: Array<{ number: string; check: QuoteCheck }>,
  inDraft: ClosestPassage | undefined,
): { entry: DraftEntry; passage: ClosestPassage } | undefined {
  const candidates: ClosestPassage[] = inDraft ? [inDraft] : [];
  for (const { number, check } of checks) {
    if (check.outcome === 'none' && check.closest) candidates.push({ number, ...check.closest, similarity: check.similarity });
  }
  const best = bestBy(candidates, (c) => c.similarity);
  return best && best.similarity >= CLOSEST_MIN_SIMILARITY ? { entry, passage: best } : undefined;
}

/** The indexed drafts other than `cited`, the current one first, then the newest first. */
function otherDrafts(view: WorkspaceView, cited?: DraftEntry): DraftEntry[] {
  const current = view.currentDraft()?.id;
  return view
    .draftEntries()
    .filter((entry) => entry !== cited && entry.parsed)
    .sort((a, b) => Number(b.info.id === current) - Number(a.info.id === current) || b.info.order - a.info.order);
}

function uncitedQuotes(view: WorkspaceView, analysis: DocumentAnalysis, quotes: DocumentQuotes): UncitedQuote[] {
  quotes.uncited ??= quotes.pairings.flatMap((pairing) => {
    if (pairing.citation || pairing.quotation.wordCount < UNCITED_MIN_WORDS) return [];
    const found = findUncited(view, analysis, pairing);
    return found ? [found] : [];
  });
  return quotes.uncited;
}

/** Where a quote that cites nothing is found: first in the draft a citation there would resolve to. */
function findUncited(view: WorkspaceView, analysis: DocumentAnalysis, pairing: QuotationPairing): UncitedQuote | undefined {
  const { quotation } = pairing;
  const probe: Citation = { span: { start: quotation.span.end, end: quotation.span.end }, keyword: 'para', parts: [], numbers: [] };
  const target = resolveCitation(probe, analysis.context, { drafts: view.config.drafts, current: view.currentDraft(), selfDraft: analysis.ownDraft?.info });
  const resolvesTo = target.kind === 'draft' ? view.draftEntry(target.draft.id) : undefined;
  const searched = resolvesTo?.parsed ? [resolvesTo, ...otherDrafts(view, resolvesTo)] : otherDrafts(view);
  for (const entry of searched) {
    const index = view.quotationIndex(entry.info.id);
    const [best] = index ? locateQuotation(quotation.text, index) : [];
    if (best) return { pairing, match: { entry, ...best }, resolvesTo };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Diagnostics and their fixes
// ---------------------------------------------------------------------------

interface Fix {
  title: string;
  edits: Array<{ span: Span; newText: string }>;
}

/** What a quotation diagnostic carries for its quick fixes (serialisable). */
interface FixData {
  fixes: Fix[];
}

function isFixData(data: unknown): data is FixData {
  return typeof data === 'object' && data !== null && Array.isArray((data as FixData).fixes);
}

function citedDiagnostics(view: WorkspaceView, text: string, quote: CitedQuote, fitting: ReadonlySet<Citation>): CoreDiagnostic[] {
  const { pairing, citation, entry, verdict } = quote;
  const { quotation } = pairing;
  const span = quoteSpan(quotation);
  const cited = citedPhrase(citation.numbers);
  switch (verdict.kind) {
    case 'exact':
      return [];
    case 'near': {
      const { check } = verdict.match;
      const fix = rewordFix(view, text, quotation, verdict.match);
      const message = `quote differs from para ${verdict.match.number}: ${describeDifferences(check.differences)}${abbreviationNote(check)}`;
      return view.diagnostic('quote-differs', span, message, { fixes: fix ? [fix] : [] });
    }
    case 'older-draft': {
      const { match, fate } = verdict;
      const message = `quotes para ${match.number} of the ${match.entry.info.label} exactly; ${fateNote(fate, entry)}`;
      const edits = fitting.has(citation) ? undefined : renumberEdits(text, citation, match, entry);
      const fixes = edits ? [{ title: `Cite para ${match.number} of the ${match.entry.info.label} instead`, edits }] : [];
      return view.diagnostic('quote-elsewhere', span, message, { fixes });
    }
    case 'elsewhere': {
      if (quotation.short) return [];
      const { match } = verdict;
      const otherDraft = match.entry !== entry;
      const where = `para ${match.number}${otherDraft ? ` of the ${match.entry.info.label}` : ''}`;
      const also = verdict.more.length ? `; also in ${listOf(verdict.more.map((m) => `para ${m.number}`))}` : '';
      const message = `quote is not in ${cited}${otherDraft ? ` of the ${entry.info.label}` : ''}; found in ${where}${matchKind(match)}${also}`;
      // This quote does not fit its citation: any that does is another one.
      const anotherQuoteFits = fitting.has(citation);
      const fixes = anotherQuoteFits
        ? []
        : [match, ...verdict.more].flatMap((place) => {
            const edits = renumberEdits(text, citation, place, entry);
            return edits ? [{ title: `Cite para ${place.number}${place.entry !== entry ? ` of the ${place.entry.info.label}` : ''} instead`, edits }] : [];
          });
      return view.diagnostic('quote-elsewhere', span, message, { fixes });
    }
    case 'not-found': {
      if (quotation.short) {
        return view.diagnostic('short-quote-not-found', span, `“${oneLine(quotation.text)}” is not in ${cited} nor anywhere else in the ${entry.info.label}`, { fixes: [] });
      }
      if (!citation.numbers.some((number) => entry.byNumber.has(number))) return [];
      if (verdict.tooLong) {
        return view.diagnostic('quote-not-found', span, `${tooLongNote(quotation)}: not found as written in ${cited} or elsewhere in ${searchedDrafts(verdict.searched)}`, { fixes: [] });
      }
      const closest = verdict.closest
        ? `; closest: “${firstWords(verdict.closest.passage.passage, CLOSEST_WORDS_IN_MESSAGE)}” (para ${verdict.closest.passage.number})`
        : '; no passage comes close';
      return view.diagnostic('quote-not-found', span, `quote not found in ${cited} or elsewhere in ${searchedDrafts(verdict.searched)}${closest}`, { fixes: [] });
    }
  }
}

/** "that paragraph is para 23 of the Final Draft (edited)", "… was deleted from the Final Draft". */
function fateNote(fate: ParagraphFate | undefined, cited: DraftEntry): string {
  const label = cited.info.label;
  if (!fate) return `the ${label} does not have it as written`;
  const paras = (numbers: readonly string[]) => (numbers.length === 1 ? `para ${numbers[0]}` : `paras ${listOf(numbers)}`);
  switch (fate.kind) {
    case 'deleted':
      return `that paragraph is not in the ${label}`;
    case 'split':
      return `that paragraph became ${paras(fate.newer)} of the ${label}`;
    case 'merged':
      return `that paragraph is part of ${paras(fate.newer)} of the ${label} (merged)`;
    default: {
      const how = fate.change === 'spelling' ? 'edited: spelling only' : fate.change === 'punctuation' ? 'edited: punctuation only' : fate.textChanged ? 'edited' : fate.kind;
      return `that paragraph is ${paras(fate.newer)} of the ${label} (${how})`;
    }
  }
}

/** "; 'GGE' kept (abbreviation of 'Group of Governmental Experts')" for each acronym of the quote. */
function abbreviationNote(check: ExactQuote | NearQuote): string {
  return (check.abbreviations ?? []).map((a) => `; '${a.quoted}' kept (abbreviation of '${firstWords(a.source, WORDS_PER_DIFFERENCE)}')`).join('');
}

/**
 * "Replace the quotation with the draft's wording", offered only when the
 * quote then matches the paragraph exactly (the author's acronyms and
 * ellipses kept), and never deleting from a quote of a PDF draft a word the
 * draft has: a word missing from a PDF's text at that place may be lost in
 * its extraction, not in the quote.
 */
function rewordFix(view: WorkspaceView, text: string, quotation: Quotation, match: Match<NearQuote>): Fix | undefined {
  const { check, entry, number } = match;
  const index = view.quotationIndex(entry.info.id);
  if (!index) return undefined;
  if (/\.pdf$/i.test(entry.info.path ?? '')) {
    const hasWord = (written: string) => wordTokens(written).some((token) => index.words.has(token.word));
    if (check.differences.some((d) => d.kind === 'added' && hasWord(d.quoted))) return undefined;
  }
  const edits = rewordEdits(text, quotation, check.differences);
  const base = quotation.textSpan.start;
  const fixed = [...edits]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((out, edit) => out.slice(0, edit.span.start - base) + edit.newText + out.slice(edit.span.end - base), quotation.text);
  return checkQuotationIn(fixed, index, number)?.outcome === 'exact' ? { title: "Replace the quotation with the draft's wording", edits } : undefined;
}

function uncitedDiagnostic(view: WorkspaceView, quote: UncitedQuote): CoreDiagnostic[] {
  const { match, pairing } = quote;
  const inResolved = match.entry === quote.resolvesTo;
  const citation = `para ${match.number}${inResolved ? '' : ` of the ${match.entry.info.label}`}`;
  const fix: Fix = { title: `Add citation (${citation})`, edits: [{ span: { start: pairing.quotation.span.end, end: pairing.quotation.span.end }, newText: ` (${citation})` }] };
  return view.diagnostic(
    'uncited-quote',
    quoteSpan(pairing.quotation),
    `quotation found in para ${match.number} of the ${match.entry.info.label}${matchKind(match)}, but not cited`,
    { fixes: [fix] },
  );
}

/**
 * The citation rewritten to point at `place`: only the number as written
 * changes, and when the place is in another draft, the draft's name in the
 * qualifier (or " of the <draft>" is added after the number).
 */
function renumberEdits(text: string, citation: Citation, place: Match, cited: DraftEntry): Fix['edits'] | undefined {
  const [part] = citation.parts;
  if (citation.parts.length !== 1 || part.kind !== 'single') return undefined;
  // The number stays as written when it is the same (the same paragraph number in another draft).
  const edits: Fix['edits'] = text.slice(part.span.start, part.span.end) === place.number ? [] : [{ span: part.span, newText: place.number }];
  if (place.entry !== cited) {
    const qualifier = citation.qualifier;
    const label = place.entry.info.label;
    if (!qualifier) edits.push({ span: { start: citation.span.end, end: citation.span.end }, newText: ` of the ${label}` });
    else if (qualifier.kind === 'draft') {
      const at = text.slice(qualifier.span.start, qualifier.span.end).toLowerCase().lastIndexOf(qualifier.name.toLowerCase());
      if (at < 0) return undefined;
      const start = qualifier.span.start + at;
      edits.push({ span: { start, end: start + qualifier.name.length }, newText: label });
    } else return undefined;
  }
  return edits.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Edits that give the quote the draft's words: each differing run of words is
 * rewritten, added words are deleted, omitted ones inserted. Line breaks of a
 * block quote (with their "> " markers) inside a rewritten run are kept.
 */
function rewordEdits(text: string, quotation: Quotation, differences: readonly WordDifference[]): Fix['edits'] {
  const base = quotation.textSpan.start;
  const masked = quotation.text;
  return differences.map((difference) => {
    switch (difference.kind) {
      case 'changed': {
        const { start, end } = difference.quotedSpan;
        return { span: { start: base + start, end: base + end }, newText: keepingLineBreaks(text, masked, base, difference.quotedSpan, wordsOf(difference.source)) };
      }
      case 'added': {
        let { start, end } = difference.quotedSpan;
        // The words go with the space before them, unless that space starts a line (a block quote's blanked marker).
        const before = masked.slice(0, start);
        const spaceBefore = before.slice(trimEndWhile(before, /[ \t]/).length);
        const spaceAfter = /^[ \t]*/.exec(masked.slice(end))![0];
        const startsLine = start === spaceBefore.length || masked[start - spaceBefore.length - 1] === '\n';
        if (spaceBefore && !startsLine) start -= spaceBefore.length;
        else end += spaceAfter.length;
        return { span: { start: base + start, end: base + end }, newText: keepingLineBreaks(text, masked, base, { start, end }, []) };
      }
      case 'omitted': {
        const at = base + difference.quotedAt;
        const words = wordsOf(difference.source).join(' ');
        return { span: { start: at, end: at }, newText: difference.quotedAt === 0 ? `${words} ` : ` ${words}` };
      }
    }
  });
}

/**
 * `words` joined by spaces, with each line break of the replaced text (as
 * written in the document, block-quote markers included) put back after as
 * many words as stood before it.
 */
function keepingLineBreaks(text: string, masked: string, base: number, span: Span, words: readonly string[]): string {
  const replaced = masked.slice(span.start, span.end);
  let out = '';
  let used = 0;
  // Words of `replaced` before the line break at hand, counted one line at a time.
  let counted = 0;
  let from = 0;
  for (const m of replaced.matchAll(/\s*\n\s*/g)) {
    counted += wordsOf(replaced.slice(from, m.index)).length;
    from = m.index + m[0].length;
    const before = Math.min(words.length, counted);
    out += words.slice(used, before).join(' ');
    used = before;
    const at = base + span.start + m.index;
    out += text.slice(at, at + m[0].length);
  }
  const rest = words.slice(used).join(' ');
  return out && rest && !/\s$/.test(out) ? `${out} ${rest}` : out + rest;
}

/** The words of the draft as they go into a quote: inner double quotes become single ones. */
function wordsOf(text: string): string[] {
  return text
    .replace(/\u201C/g, '\u2018')
    .replace(/\u201D/g, '\u2019')
    .replace(/"/g, "'")
    .split(/\s+/)
    .filter(Boolean);
}

// ---------------------------------------------------------------------------
// Hover
// ---------------------------------------------------------------------------

const LEGEND = "*~~struck~~: the quotation's words · **bold**: the draft's words*";

function citedHover(quote: CitedQuote): string {
  const { verdict, entry, citation } = quote;
  const cited = citedPhrase(citation.numbers);
  switch (verdict.kind) {
    case 'exact':
    case 'near': {
      const { match } = verdict;
      const abbreviations = (match.check.abbreviations ?? []).map((a) => `${a.quoted}: abbreviation of ${oneLine(a.source)}`);
      const title =
        verdict.kind === 'near'
          ? `**Quotation — near match** (${[countOf(match.check), ...abbreviations].join('; ')})`
          : abbreviations.length
            ? `**Quotation — near match** (${abbreviations.join('; ')})`
            : '**Quotation — exact**';
      return withPassage(`${title} · para ${match.number} of the ${entry.info.label}`, match);
    }
    case 'older-draft': {
      const { match, fate } = verdict;
      return withPassage(`**Quotation — para ${match.number} of the ${match.entry.info.label}**, exactly: ${fateNote(fate, entry)}.`, match);
    }
    case 'elsewhere': {
      const { match } = verdict;
      const notIn = match.entry === entry ? cited : `${cited} of the ${entry.info.label}`;
      const also = verdict.more.length ? ` Also in ${listOf(verdict.more.map((m) => `para ${m.number}`))}.` : '';
      return withPassage(`**Quotation — not in ${notIn}**: found in para ${match.number} of the ${match.entry.info.label}${matchKind(match)}.${also}`, match);
    }
    case 'not-found': {
      if (verdict.tooLong) return `**Quotation — not found** as written in ${cited} or elsewhere in ${searchedDrafts(verdict.searched)}: ${tooLongNote(quote.pairing.quotation)}.`;
      const title = `**Quotation — not found** in ${cited} or elsewhere in ${searchedDrafts(verdict.searched)}.`;
      const closest = verdict.closest;
      if (!closest) return title;
      const paragraph = closest.entry.byNumber.get(closest.passage.number);
      const passage = paragraph ? markedPassage(paragraph.text, closest.passage.span, closest.passage.differences) : '';
      return `${title} Closest passage, para ${closest.passage.number}:\n\n${passage}\n\n${LEGEND}`;
    }
  }
}

/** Why a long quote was only looked for as written. */
function tooLongNote(quotation: Quotation): string {
  return `quote too long to check closely (${quotation.wordCount} words; the limit is ${MAX_ALIGNED_QUOTE_WORDS})`;
}

/** "the Zero Draft or the First Draft" */
function searchedDrafts(searched: readonly DraftEntry[]): string {
  return listOf(searched.map((draft) => `the ${draft.info.label}`), 'or');
}

function uncitedHover(quote: UncitedQuote): string {
  const { match } = quote;
  return withPassage(`**Quotation — not cited**: found in para ${match.number} of the ${match.entry.info.label}${matchKind(match)}.`, match);
}

function withPassage(title: string, match: Match): string {
  const paragraph = match.entry.byNumber.get(match.number);
  if (!paragraph) return title;
  const differences = match.check.outcome === 'near' ? match.check.differences : [];
  return [title, markedPassage(paragraph.text, match.check.span, differences), ...(differences.length ? [LEGEND] : [])].join('\n\n');
}

/** The passage as a Markdown block quote: ~~the quote's words~~ **the draft's words** where they differ. */
function markedPassage(paragraph: string, span: Span, differences: readonly WordDifference[]): string {
  const marks = differences
    .map((d) => {
      switch (d.kind) {
        case 'changed':
          return { start: d.sourceSpan.start, end: d.sourceSpan.end, markdown: `~~${escapeMarkdown(d.quoted)}~~ **${escapeMarkdown(d.source)}**` };
        case 'omitted':
          return { start: d.sourceSpan.start, end: d.sourceSpan.end, markdown: `**${escapeMarkdown(d.source)}**` };
        case 'added':
          return { start: d.sourceAt, end: d.sourceAt, markdown: d.sourceAt > span.start ? ` ~~${escapeMarkdown(d.quoted)}~~` : `~~${escapeMarkdown(d.quoted)}~~ ` };
      }
    })
    .sort((a, b) => a.start - b.start);
  let out = span.start > 0 && /\S/.test(paragraph.slice(0, span.start)) ? '… ' : '';
  let at = span.start;
  for (const mark of marks) {
    if (mark.start < at) continue;
    out += escapeMarkdown(paragraph.slice(at, mark.start)) + mark.markdown;
    at = mark.end;
  }
  out += escapeMarkdown(paragraph.slice(at, span.end));
  if (/[\p{L}\p{Nd}]/u.test(paragraph.slice(span.end))) out += ' …';
  return `> ${out.replace(/\s+/g, ' ').trim()}`;
}


// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

/** What a diagnostic marks: an inline quote with its marks, a block quote's text (not its markers). */
function quoteSpan(quotation: Quotation): Span {
  return quotation.kind === 'inline' ? quotation.span : quotation.textSpan;
}

function onSymbol(quotation: Quotation, offset: number): boolean {
  const inner = offset - quotation.textSpan.start;
  return scanSymbols(quotation.text).some((symbol) => symbol.span.start <= inner && inner < symbol.span.end);
}

/** "'recurrent' ≠ 'frequent', 'and' added, 'and structured' left out", at most DIFFERENCES_IN_MESSAGE of them. */
function describeDifferences(differences: readonly WordDifference[]): string {
  const described = differences.slice(0, DIFFERENCES_IN_MESSAGE).map((d) => {
    switch (d.kind) {
      case 'changed':
        return `'${firstWords(d.quoted, WORDS_PER_DIFFERENCE)}' ≠ '${firstWords(d.source, WORDS_PER_DIFFERENCE)}'`;
      case 'added':
        return `'${firstWords(d.quoted, WORDS_PER_DIFFERENCE)}' added`;
      case 'omitted':
        return `'${firstWords(d.source, WORDS_PER_DIFFERENCE)}' left out`;
    }
  });
  const more = differences.length - described.length;
  return described.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function countOf(check: ExactQuote | NearQuote): string {
  const count = check.outcome === 'near' ? check.differences.length : 0;
  return `${count} difference${count === 1 ? '' : 's'}`;
}

function matchKind(match: Match): string {
  return match.check.outcome === 'near' ? ' (near match)' : '';
}

/** "para 34", "paras 57–60", "paras 12, 14 or 20". */
function citedPhrase(numbers: readonly string[]): string {
  if (numbers.length === 1) return `para ${numbers[0]}`;
  const consecutive = numbers.every((n, i) => /^\d+$/.test(n) && (i === 0 || Number(n) === Number(numbers[i - 1]) + 1));
  return consecutive ? `paras ${numbers[0]}–${numbers[numbers.length - 1]}` : `paras ${listOf(numbers, 'or')}`;
}

function listOf(items: readonly string[], conjunction = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function bestBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!best || score(item) > score(best)) best = item;
  return best;
}
