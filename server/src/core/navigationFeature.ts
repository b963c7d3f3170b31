// Navigation (DESIGN.md, "navigation"): find all references to a paragraph
// across the checked files, the outline of drafts and submissions, paragraphs
// as workspace symbols, and a "cited N times" code lens on every paragraph of
// a draft.
//
// Decisions:
// - A citation refers to a paragraph of the draft it resolves to (qualifier,
//   "of this report", front matter, heading, current draft), never to every
//   paragraph that bears its number: "para 30" under `draft: zero-draft` and
//   "First Draft, paragraph 30" are references to two different paragraphs.
// - On a number of a citation ("57" in "paras 57-60") the references are
//   those of that paragraph; on the keyword, the qualifier or the dash, those
//   of every paragraph the citation names. A reference is the number as
//   written ("57", "60"); a paragraph inside a range without being written
//   ("58") is referred to by the whole range.
// - Citations of a draft that is known but not indexed (the Pre-draft) still
//   find each other; the declaration (the paragraph's number in its draft)
//   exists only for an indexed draft that has the paragraph.
// - The code lens counts the citations in submissions ("cited 3 times");
//   those inside drafts ("paragraph 85 of this report") are counted apart as
//   cross-references. A paragraph nobody cites says "not cited" rather than
//   showing no lens: the lines do not jump when the first citation is
//   written, and a drafter sees at a glance which paragraphs the submissions
//   do not address yet (a missing lens would look like "not computed").
// - Workspace symbols: a number ("74", "para 74", "¶ 74") finds that
//   paragraph in every draft first, then the numbers that start with it;
//   words find the paragraphs holding them all (the last one may be
//   unfinished), the exact phrase first. The current draft comes first, then
//   the others, newest first. Editors filter the answers on their names, so a
//   name shows the words matched.
//
// Cost: the citation index (every citation of every checked file, by draft
// and paragraph) is built once per set of analyses. The service keeps a
// file's analysis while its text stays the same and drops them all when a
// draft or the configuration changes, so after a keystroke in a submission
// only the identity of each analysis is compared, and the code lenses of a
// draft are lookups.
import { numbersOf } from './citations';
import type {
  CodeLensEntry,
  DocumentAnalysis,
  Feature,
  OutlineSymbol,
  ReferenceEntry,
  ReferenceOptions,
  WorkspaceSymbolEntry,
  WorkspaceView,
} from './features';
import type { Citation, CitedPart, Paragraph, ParsedDraft, Span } from './model';
import { type CitationTarget, findHeadings } from './resolver';
import { countBefore, touchesOffset } from './spans';
import { type WordToken, wordTokens } from './textNormalise';
import { oneLine, sectionLabel } from './wording';

/** Answers of one workspace symbol query, at most. */
export const MAX_WORKSPACE_SYMBOLS = 200;
const WORDS_IN_NAME = 8;

interface IndexedCitation extends ReferenceEntry {
  /** The citing file is a draft: a cross-reference, not a submission's citation. */
  inDraft: boolean;
}

type ByParagraph = Map<string, IndexedCitation[]>;

interface CitationIndex {
  /** What it was built from: it holds while every checked file has the same analysis. */
  sources: Array<{ file: string; analysis: DocumentAnalysis }>;
  byParagraph: ByParagraph;
}

const indexes = new WeakMap<WorkspaceView, CitationIndex>();
const NO_CITATIONS: readonly IndexedCitation[] = [];

const paragraphKey = (draftId: string, number: string) => `${draftId}\n${number}`;

function citationIndex(view: WorkspaceView): CitationIndex {
  const sources = view.checkedFiles().flatMap((file) => {
    const analysis = view.analyse(file);
    return analysis ? [{ file, analysis }] : [];
  });
  const known = indexes.get(view);
  if (known && known.sources.length === sources.length && known.sources.every((source, i) => source.file === sources[i].file && source.analysis === sources[i].analysis)) {
    return known;
  }
  const byParagraph: ByParagraph = new Map();
  for (const { file, analysis } of sources) addCitations(byParagraph, file, analysis);
  const index = { sources, byParagraph };
  indexes.set(view, index);
  return index;
}

/** Each citation of a draft once under every paragraph it names. */
function addCitations(byParagraph: ByParagraph, file: string, analysis: DocumentAnalysis): void {
  const inDraft = analysis.ownDraft !== undefined;
  analysis.citations.forEach((citation, i) => {
    const target = analysis.targets[i];
    if (target.kind !== 'draft') return;
    const seen = new Set<string>();
    for (const part of citation.parts) {
      for (const { number, span } of writtenNumbers(part)) {
        if (seen.has(number)) continue;
        seen.add(number);
        const key = paragraphKey(target.draft.id, number);
        const list = byParagraph.get(key);
        if (list) list.push({ file, span, inDraft });
        else byParagraph.set(key, [{ file, span, inDraft }]);
      }
    }
  });
}

/** The paragraphs a part names, each with the text that names it: its own number, or the whole range. */
function writtenNumbers(part: CitedPart): Array<{ number: string; span: Span }> {
  if (part.kind === 'single') return [{ number: part.number, span: part.span }];
  return numbersOf([part]).map((number) => ({ number, span: number === part.from ? part.fromSpan : number === part.to ? part.toSpan : part.span }));
}

/** The paragraphs the position names: a citation's (or one of its numbers), or a draft paragraph's own number. */
function paragraphsAt(analysis: DocumentAnalysis, offset: number): { draftId: string; numbers: string[] } | undefined {
  const index = analysis.citations.findIndex((citation) => touchesOffset(citation.span, offset) || (citation.qualifier !== undefined && touchesOffset(citation.qualifier.span, offset)));
  if (index >= 0) {
    const target = analysis.targets[index];
    return target.kind === 'draft' ? { draftId: target.draft.id, numbers: numbersUnder(analysis.citations[index], offset) } : undefined;
  }
  const own = analysis.ownDraft;
  const paragraph = own?.parsed?.paragraphs.find((candidate) => touchesOffset(candidate.numberSpan, offset));
  return own && paragraph ? { draftId: own.info.id, numbers: [paragraph.number] } : undefined;
}

function numbersUnder(citation: Citation, offset: number): string[] {
  for (const part of citation.parts) {
    if (part.kind === 'single') {
      if (touchesOffset(part.span, offset)) return [part.number];
    } else if (touchesOffset(part.fromSpan, offset)) {
      return [part.from];
    } else if (touchesOffset(part.toSpan, offset)) {
      return [part.to];
    } else if (touchesOffset(part.span, offset)) {
      return numbersOf([part]);
    }
  }
  return citation.numbers;
}

function references(view: WorkspaceView, file: string, analysis: DocumentAnalysis, offset: number, options: ReferenceOptions = {}): ReferenceEntry[] {
  const wanted = paragraphsAt(analysis, offset);
  if (!wanted) return [];
  const index = citationIndex(view);
  // A file the service does not check (outside the submission globs) still finds its own citations.
  const own: ByParagraph = new Map();
  if (!index.sources.some((source) => source.file === file)) addCitations(own, file, analysis);
  const entry = view.draftEntry(wanted.draftId);
  const found: ReferenceEntry[] = [];
  for (const number of wanted.numbers) {
    const paragraph = entry?.byNumber.get(number);
    if (options.includeDeclaration !== false && paragraph && entry?.info.path) found.push({ file: entry.info.path, span: paragraph.numberSpan });
    const key = paragraphKey(wanted.draftId, number);
    for (const citation of [...(index.byParagraph.get(key) ?? []), ...(own.get(key) ?? [])]) found.push({ file: citation.file, span: citation.span });
  }
  return found;
}

// ---------------------------------------------------------------- code lens

function codeLenses(view: WorkspaceView, analysis: DocumentAnalysis): CodeLensEntry[] {
  const own = analysis.ownDraft;
  if (!own?.parsed) return [];
  const { byParagraph } = citationIndex(view);
  return own.parsed.paragraphs.map((paragraph) => {
    const citations = byParagraph.get(paragraphKey(own.info.id, paragraph.number)) ?? NO_CITATIONS;
    return { span: paragraph.numberSpan, position: paragraph.numberSpan.start, title: lensTitle(citations), references: citations };
  });
}

/**
 * How many citations of the submissions name each paragraph of a draft (by
 * number; cross-references inside drafts left out): the "cited N times" of
 * the drafts view, the same count as the code lens.
 */
export function submissionCitationCounts(view: WorkspaceView, draftId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const prefix = paragraphKey(draftId, '');
  for (const [key, citations] of citationIndex(view).byParagraph) {
    if (!key.startsWith(prefix)) continue;
    const cited = citations.filter((citation) => !citation.inDraft).length;
    if (cited) counts.set(key.slice(prefix.length), cited);
  }
  return counts;
}

function lensTitle(citations: readonly IndexedCitation[]): string {
  const cross = citations.filter((citation) => citation.inDraft).length;
  const cited = citations.length - cross;
  const base = cited === 0 ? 'not cited' : `cited ${cited} time${cited === 1 ? '' : 's'}`;
  return cross === 0 ? base : `${base} · ${cross} cross-reference${cross === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------- outline

/** "para 15 — In their discussions, States …" */
function paragraphName(paragraph: Paragraph, words: WordToken[] = tokensOf(paragraph), from = 0, to = Math.min(words.length, WORDS_IN_NAME)): string {
  if (words.length === 0) return `para ${paragraph.number}`;
  const excerpt = oneLine(paragraph.text.slice(words[from].span.start, words[to - 1].span.end));
  return `para ${paragraph.number} — ${from > 0 ? '… ' : ''}${excerpt}${to < words.length ? ' …' : ''}`;
}

function outlineNode(kind: OutlineSymbol['kind'], name: string, span: Span, selectionSpan = span, detail?: string): OutlineSymbol {
  return { kind, name: name || '(untitled)', detail, span: { ...span }, selectionSpan, children: [] };
}

/** Back over the white space before `offset`, never before `floor`. */
function trimBack(text: string, offset: number, floor: number): number {
  let end = offset;
  while (end > floor && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

const isContainer = (node: OutlineSymbol) => node.kind !== 'paragraph' && node.kind !== 'citation';

/**
 * A section or heading runs until the next one beside it (or the end of the
 * one it stands in), white space left out, and always holds its children.
 */
function closeContainers(text: string, siblings: OutlineSymbol[], end: number): void {
  const containers = siblings.filter(isContainer);
  containers.forEach((node, i) => {
    const next = containers[i + 1];
    const childrenEnd = Math.max(node.selectionSpan.end, ...node.children.map((child) => child.span.end));
    node.span.end = Math.max(childrenEnd, trimBack(text, next ? next.span.start : end, node.selectionSpan.end));
    closeContainers(text, node.children, node.span.end);
  });
}

/** "paras 16–25", "para 7": the paragraphs a section or sub-heading holds. */
function describeHeld(node: OutlineSymbol, numbers: Map<OutlineSymbol, string>): string | undefined {
  const held: string[] = [];
  const walk = (current: OutlineSymbol) => {
    for (const child of current.children) {
      const number = numbers.get(child);
      if (number !== undefined) held.push(number);
      walk(child);
    }
  };
  walk(node);
  if (held.length === 0) return undefined;
  return held.length === 1 ? `para ${held[0]}` : `paras ${held[0]}–${held[held.length - 1]}`;
}

/** Sections, their sub-headings and paragraphs, in source order. */
function draftOutline(text: string, parsed: ParsedDraft): OutlineSymbol[] {
  type Item = { at: number; make: () => OutlineSymbol; paragraph?: Paragraph };
  const items: Item[] = [
    ...parsed.sections.map((section) => ({ at: section.span.start, make: () => outlineNode('section', sectionLabel(section), section.span) })),
    ...(parsed.subheadings ?? []).map((subheading) => ({ at: subheading.span.start, make: () => outlineNode('subheading', subheading.title, subheading.span) })),
    ...parsed.paragraphs.map((paragraph) => ({ at: paragraph.span.start, paragraph, make: () => outlineNode('paragraph', paragraphName(paragraph), paragraph.span, paragraph.numberSpan) })),
  ].sort((a, b) => a.at - b.at);
  const top: OutlineSymbol[] = [];
  const numbers = new Map<OutlineSymbol, string>();
  const containers: OutlineSymbol[] = [];
  let section: OutlineSymbol | undefined;
  let subheading: OutlineSymbol | undefined;
  for (const item of items) {
    const node = item.make();
    if (node.kind === 'section') {
      top.push(node);
      section = node;
      subheading = undefined;
      containers.push(node);
    } else if (node.kind === 'subheading') {
      (section?.children ?? top).push(node);
      subheading = node;
      containers.push(node);
    } else {
      ((subheading ?? section)?.children ?? top).push(node);
      numbers.set(node, item.paragraph!.number);
    }
  }
  closeContainers(text, top, text.length);
  for (const container of containers) container.detail = describeHeld(container, numbers);
  return top;
}

/** Markdown "#" level, setext "=" 1 and "-" 2; a plain-text heading is level 1. */
function headingLevel(text: string, span: Span): number {
  const hashes = /^\s{0,3}(#{1,6})\s/.exec(text.slice(span.start, span.end));
  if (hashes) return hashes[1].length;
  const next = text.slice(span.end).replace(/^\r?\n/, '').split(/\r?\n/, 1)[0];
  return /^\s*-+\s*$/.test(next) ? 2 : 1;
}

function describeTarget(target: CitationTarget): string | undefined {
  switch (target.kind) {
    case 'draft':
      return target.draft.path ? target.draft.label : `${target.draft.label} (not indexed)`;
    case 'document':
      return target.name;
    case 'unknown-draft':
      return `unknown draft "${target.name}"`;
    case 'own':
      return "the author's own text";
    case 'none':
      return undefined;
  }
}

/** A submission's headings, nested by level, with the citations written under each. */
function submissionOutline(analysis: DocumentAnalysis): OutlineSymbol[] {
  const { text } = analysis;
  const frontMatterEnd = analysis.context.frontMatter?.span.end ?? 0;
  type Item = { at: number; level?: number; node: OutlineSymbol };
  const headings: Item[] = findHeadings(text)
    .filter((span) => span.start >= frontMatterEnd)
    .map((span) => ({ at: span.start, level: headingLevel(text, span), node: outlineNode('heading', oneLine(text.slice(span.start, span.end).replace(/^\s*#{1,6}\s+|\s+#+\s*$/g, '')), span) }));
  const citations: Item[] = analysis.citations.map((citation, i) => {
    const qualifier = citation.qualifier?.span;
    const span = qualifier ? { start: Math.min(citation.span.start, qualifier.start), end: Math.max(citation.span.end, qualifier.end) } : citation.span;
    return { at: citation.span.start, node: outlineNode('citation', oneLine(text.slice(citation.span.start, citation.span.end)), span, citation.span, describeTarget(analysis.targets[i])) };
  });
  const top: OutlineSymbol[] = [];
  const open: Array<{ level: number; node: OutlineSymbol }> = [];
  for (const item of [...headings, ...citations].sort((a, b) => a.at - b.at)) {
    if (item.level !== undefined) {
      while (open.length && open[open.length - 1].level >= item.level) open.pop();
    }
    (open.length ? open[open.length - 1].node.children : top).push(item.node);
    if (item.level !== undefined) open.push({ level: item.level, node: item.node });
  }
  closeContainers(text, top, text.length);
  return top;
}

// ---------------------------------------------------------------- workspace symbols

interface SearchableText {
  tokens: WordToken[];
}

const searchCache = new WeakMap<Paragraph, SearchableText>();

function searchable(paragraph: Paragraph): SearchableText {
  let found = searchCache.get(paragraph);
  if (!found) {
    const tokens = wordTokens(paragraph.text);
    found = { tokens };
    searchCache.set(paragraph, found);
  }
  return found;
}

const tokensOf = (paragraph: Paragraph) => searchable(paragraph).tokens;

/** A draft's words, sorted, each with the paragraphs (by position) that hold it: built once per parse. */
interface WordIndex {
  vocabulary: string[];
  postings: Map<string, number[]>;
}

const wordIndexes = new WeakMap<ParsedDraft, WordIndex>();

function wordIndexOf(parsed: ParsedDraft): WordIndex {
  let index = wordIndexes.get(parsed);
  if (!index) {
    const postings = new Map<string, number[]>();
    parsed.paragraphs.forEach((paragraph, position) => {
      for (const { word } of searchable(paragraph).tokens) {
        const list = postings.get(word);
        if (!list) postings.set(word, [position]);
        else if (list[list.length - 1] !== position) list.push(position);
      }
    });
    index = { vocabulary: [...postings.keys()].sort(), postings };
    wordIndexes.set(parsed, index);
  }
  return index;
}

/**
 * The paragraphs (by position, in order) holding, for every word of the query,
 * a word that starts with it (a number: that number): the only ones worth a
 * closer look. A look in the sorted vocabulary per query word, not a scan of
 * the text.
 */
function candidateParagraphs(index: WordIndex, words: string[]): number[] {
  let found: Set<number> | undefined;
  for (const word of words) {
    const holding = new Set<number>();
    for (let i = countBefore(index.vocabulary, (known) => known < word); i < index.vocabulary.length && index.vocabulary[i].startsWith(word); i++) {
      if (isNumber(word) && index.vocabulary[i] !== word) continue;
      for (const position of index.postings.get(index.vocabulary[i])!) if (!found || found.has(position)) holding.add(position);
    }
    found = holding;
    if (!found.size) return [];
  }
  return [...(found ?? [])].sort((a, b) => a - b);
}

const NUMBER_QUERY = /^(?:(?:paras?|paragraphs?|¶{1,2})\.?\s*)?(\d{1,5}(?:\s?(?:bis|ter|quater|quinquies|sexies|[a-z]))?)$/i;

const isNumber = (word: string) => /^\p{Nd}+$/u.test(word);

/** A word of the query matches the beginning of a word of the text ("ransom", "ransomware"); a number only itself. */
function wordMatcher(word: string): (written: string) => boolean {
  return isNumber(word) ? (written) => written === word : (written) => written.startsWith(word);
}

/** Where the query's words stand in the paragraph: the phrase (tier 0) or each word somewhere (tier 1). */
function matchWords(tokens: WordToken[], query: string[], matchers: Array<(written: string) => boolean>): { tier: number; at: number[] } | undefined {
  const last = query.length - 1;
  // In the phrase, every word but the last (the one being typed) is whole.
  phrase: for (let i = 0; i + last < tokens.length; i++) {
    for (let k = 0; k < last; k++) if (tokens[i + k].word !== query[k]) continue phrase;
    if (matchers[last](tokens[i + last].word)) return { tier: 0, at: query.map((_, k) => i + k) };
  }
  // Each word after the one before it when the text has them in that order (a short name), else wherever it is.
  const inOrder: number[] = [];
  for (const matches of matchers) {
    const index = tokens.findIndex((token, i) => i > (inOrder[inOrder.length - 1] ?? -1) && matches(token.word));
    if (index < 0) break;
    inOrder.push(index);
  }
  if (inOrder.length === query.length) return { tier: 1, at: inOrder };
  const at = matchers.map((matches) => tokens.findIndex((token) => matches(token.word)));
  return at.every((index) => index >= 0) ? { tier: 1, at } : undefined;
}

/** A name holding the matched words in the query's order, so that an editor's filter keeps it. */
function nameAround(paragraph: Paragraph, tokens: WordToken[], at: number[]): string {
  const inOrder = at.every((index, k) => k === 0 || index > at[k - 1]);
  if (inOrder && at[at.length - 1] - at[0] <= 2 * WORDS_IN_NAME) {
    return paragraphName(paragraph, tokens, Math.max(0, at[0] - 3), Math.min(tokens.length, at[at.length - 1] + 5));
  }
  const pieces = at.map((index) => oneLine(paragraph.text.slice(tokens[Math.max(0, index - 1)].span.start, tokens[Math.min(tokens.length - 1, index + 2)].span.end)));
  return `para ${paragraph.number} — … ${pieces.join(' … ')} …`;
}

/** A query is typed, not pasted: longer ones are cut here (a 100,000-character query once held the server for half a minute). */
export const MAX_SYMBOL_QUERY_LENGTH = 200;

function workspaceSymbols(view: WorkspaceView, query: string): WorkspaceSymbolEntry[] {
  const wanted = query.slice(0, MAX_SYMBOL_QUERY_LENGTH).trim();
  if (!wanted) return [];
  const current = view.currentDraft()?.id;
  const drafts = view
    .draftEntries()
    .filter((entry) => entry.parsed && entry.info.path)
    .sort((a, b) => Number(b.info.id === current) - Number(a.info.id === current) || b.info.order - a.info.order);
  const number = NUMBER_QUERY.exec(wanted)?.[1].replace(/\s/g, '').toLowerCase();
  const words = wordTokens(wanted).map((token) => token.word);
  const matchers = words.map(wordMatcher);
  // Tiers: the number, numbers starting with it, the phrase, every word.
  // Names are made only for the answers kept.
  const tiers: Array<Array<() => WorkspaceSymbolEntry>> = [[], [], [], []];
  // Once the best tier that can still grow is full, no later draft can change the answer.
  const full = () => (number !== undefined ? tiers[0].length : tiers[2].length) >= MAX_WORKSPACE_SYMBOLS;
  for (const entry of drafts) {
    if (full()) break;
    const symbol = (paragraph: Paragraph, name: () => string) => (): WorkspaceSymbolEntry => ({ name: name(), kind: 'paragraph', containerName: entry.info.label, file: entry.info.path!, span: paragraph.numberSpan });
    const paragraphs = entry.parsed!.paragraphs;
    const candidates = words.length ? candidateParagraphs(wordIndexOf(entry.parsed!), words) : [];
    const wordMatch = (paragraph: Paragraph) => {
      const { tokens } = searchable(paragraph);
      const match = matchWords(tokens, words, matchers);
      if (match) tiers[2 + match.tier].push(symbol(paragraph, () => nameAround(paragraph, tokens, match.at)));
    };
    if (number === undefined) {
      for (const position of candidates) wordMatch(paragraphs[position]);
      continue;
    }
    const isCandidate = new Set(candidates);
    paragraphs.forEach((paragraph, position) => {
      if (paragraph.number === number) tiers[0].push(symbol(paragraph, () => paragraphName(paragraph)));
      else if (paragraph.number.startsWith(number)) tiers[1].push(symbol(paragraph, () => paragraphName(paragraph)));
      else if (isCandidate.has(position)) wordMatch(paragraph);
    });
  }
  return tiers.flat().slice(0, MAX_WORKSPACE_SYMBOLS).map((make) => make());
}

export const navigationFeature: Feature = {
  references: (view, file, analysis, offset, options) => references(view, file, analysis, offset, options),
  documentSymbols: (_view, _file, analysis) => (analysis.ownDraft?.parsed ? draftOutline(analysis.text, analysis.ownDraft.parsed) : submissionOutline(analysis)),
  workspaceSymbols: (view, query) => workspaceSymbols(view, query),
  codeLenses: (view, _file, analysis) => codeLenses(view, analysis),
};
