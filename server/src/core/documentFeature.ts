// UN documents and resolutions in drafts and submissions (issue 6): hover on a
// symbol (what the catalogue knows, where the drafts mention it, the official
// link), document links, go to definition and find all references, paragraph
// citations into other documents ("A/70/174, para 12"), completions after
// "resolution ", and diagnostics on symbols.
//
// Decisions:
// - A paragraph citation into a document is checked only when that document's
//   text is indexed (a "references" entry with a "path", or a configured draft
//   carrying that symbol); otherwise it is "not indexed" (information), never
//   a missing paragraph of a draft.
// - Inside a draft only a citation of a missing paragraph of an indexed
//   document is reported: a draft is read, not written, so hints about its
//   symbols would be noise.
// - "symbol-misformed" is reported only where the catalogue proves the
//   mistake: "A/RES/76/135" when it knows A/76/135 as a report and no such
//   resolution, "resolution A/76/135"; or where the symbol cannot be right:
//   ".Rev.1" written for "/Rev.1", "A/RES/70-237" or "A/RES/70.237" for
//   "A/RES/70/237".
// - "resolution-number-mismatch" needs a quoted title next to the number that
//   the catalogue (or an indexed draft) gives another resolution. A title only
//   one resolution carries proves the mistake whatever the session (65/211
//   for 64/211, 2113 (XX) for 2131 (XX)). A title the General Assembly
//   reuses every year ("Developments in the field of …"), which several
//   resolutions carry, proves a mistake only when the cited number has
//   another title, or when a resolution of the same session carries it
//   (73/72 for 73/27).
// - Unknown facts are left out of every answer; facts that do not come from
//   the bundled data say where they come from.
//
// Cost: the catalogue is built once per configuration (the service replaces
// its configuration object whenever a draft or oewg-cite.json changes); symbol
// scans are cached per analysed text; an indexed reference is re-parsed only
// when its text changes.
import type { OewgConfig } from './config';
import {
  buildCatalogue,
  Catalogue,
  CatalogueEntry,
  describeKind,
  describeMentions,
  kindOfSymbol,
  officialLink,
  titleMatcher,
  titleAfter,
} from './catalogue';
import { parseDraft } from './draftParser';
import type {
  CompletionEntry,
  CoreCodeAction,
  DefinitionTarget,
  DocumentAnalysis,
  Feature,
  HoverResult,
  ReferenceEntry,
  WorkspaceView,
} from './features';
import type { Citation, CoreDiagnostic, Paragraph, ParsedDraft, Span, SymbolMention } from './model';
import { citedPartProblems } from './paragraphFeature';
import { describeNumbers, describeParagraphs, escapeMarkdown, firstWords, paragraphMarkdown } from './wording';
import { touchesOffset } from './spans';
import { scanSymbols } from './symbols';

export const DOCUMENT_CODES = {
  'document-not-indexed': 'information',
  'document-paragraph-missing': 'error',
  'symbol-misformed': 'information',
  'unknown-symbol': 'hint',
  'resolution-number-mismatch': 'information',
} as const;

const MAX_PARAGRAPHS_IN_HOVER = 8;
const EXCERPT_WORDS_IN_LIST = 45;

/** The text of a document that paragraph citations can be checked against. */
interface IndexedText {
  file: string;
  parsed: ParsedDraft;
  byNumber: Map<string, Paragraph>;
}

type Indexing = { kind: 'indexed'; text: IndexedText } | { kind: 'unreadable'; file: string } | { kind: 'not-indexed' };

interface WorkspaceDocuments {
  catalogue: Catalogue;
  /** Parsed reference texts by file, kept while the text stays the same. */
  references: Map<string, { text: string; indexed: IndexedText }>;
}

/** What a quick fix rewrites: only the characters that are wrong. */
interface FixData {
  title: string;
  edits: Array<{ span: Span; newText: string }>;
  /** False for a suggestion that may be wrong (the symbol may be right and merely unknown). */
  preferred?: boolean;
}

const workspaces = new WeakMap<OewgConfig, WorkspaceDocuments>();
const symbolScans = new WeakMap<DocumentAnalysis, SymbolMention[]>();

/** The catalogue and indexed references of the workspace, built once per configuration. */
function documentsOf(view: WorkspaceView): WorkspaceDocuments {
  const config = view.config;
  const known = workspaces.get(config);
  if (known) return known;
  // Read once per file, however many drafts name it.
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => (texts.has(file) ? texts.get(file) : texts.set(file, view.textOf(file)).get(file));
  const drafts = view.draftEntries().flatMap((entry) => {
    const text = entry.parsed && entry.info.path ? textOf(entry.info.path) : undefined;
    return text !== undefined && entry.parsed ? [{ info: entry.info, text, parsed: entry.parsed }] : [];
  });
  const documents = { catalogue: buildCatalogue({ references: view.references, drafts, configuredDrafts: config.drafts }), references: new Map() };
  workspaces.set(config, documents);
  return documents;
}

function symbolsOf(analysis: DocumentAnalysis): SymbolMention[] {
  let mentions = symbolScans.get(analysis);
  if (!mentions) {
    mentions = scanSymbols(analysis.text);
    symbolScans.set(analysis, mentions);
  }
  return mentions;
}

function symbolAt(analysis: DocumentAnalysis, offset: number): SymbolMention | undefined {
  return symbolsOf(analysis).find((mention) => touchesOffset(mention.span, offset));
}

/**
 * Whether the document's text is indexed, and where. A reference's file is
 * read again on each call (the service does not watch it); `memo` keeps one
 * read per document for a whole pass over a submission.
 */
function indexingOf(view: WorkspaceView, documents: WorkspaceDocuments, entry: CatalogueEntry | undefined, memo?: Map<CatalogueEntry, Indexing>): Indexing {
  if (!entry) return { kind: 'not-indexed' };
  const remembered = memo?.get(entry);
  if (remembered) return remembered;
  const indexing = readIndexing(view, documents, entry);
  memo?.set(entry, indexing);
  return indexing;
}

function readIndexing(view: WorkspaceView, documents: WorkspaceDocuments, entry: CatalogueEntry): Indexing {
  const draft = entry.draft && view.draftEntry(entry.draft.id);
  if (draft?.parsed && draft.info.path) return { kind: 'indexed', text: { file: draft.info.path, parsed: draft.parsed, byNumber: draft.byNumber } };
  const file = entry.reference?.path;
  if (!file) return { kind: 'not-indexed' };
  const text = view.textOf(file);
  if (text === undefined) return { kind: 'unreadable', file };
  const cached = documents.references.get(file);
  if (cached?.text === text) return { kind: 'indexed', text: cached.indexed };
  const parsed = parseDraft(text);
  const indexed = { file, parsed, byNumber: new Map(parsed.paragraphs.map((paragraph) => [paragraph.number, paragraph])) };
  documents.references.set(file, { text, indexed });
  return { kind: 'indexed', text: indexed };
}

/** "A/70/174", or the name a citation gives a document without a symbol. */
function documentName(entry: CatalogueEntry | undefined, name: string): string {
  return entry?.symbol ?? name;
}

/** "resolution 73/27" for A/RES/73/27, "resolution 2131 (XX)" for A/RES/2131(XX), the symbol otherwise. */
function shortName(symbol: string): string {
  const ga = /^A\/RES\/(.+)$/.exec(symbol);
  if (ga) return `resolution ${spacedNumber(ga[1])}`;
  const sc = /^S\/RES\/(.+)$/.exec(symbol);
  return sc ? `Security Council resolution ${spacedNumber(sc[1])}` : symbol;
}

// ---- what the catalogue knows, as Markdown -----------------------------------------

function factsMarkdown(view: WorkspaceView, documents: WorkspaceDocuments, entry: CatalogueEntry | undefined, symbol: string | undefined, name: string): string {
  const lines: string[] = [];
  const kind = describeKind(entry ?? { kind: symbol ? kindOfSymbol(symbol) : 'document', symbol });
  lines.push(`**${escapeMarkdown(symbol ?? name)}** · ${kind}`);
  if (!entry) {
    const near = symbol ? nearSymbol(documents.catalogue, symbol) : undefined;
    lines.push(`Not in the catalogue, and no indexed draft mentions it.${near ? ` Did you mean ${escapeMarkdown(describeNear(near))}?` : ''}`);
  } else {
    if (entry.title) lines.push(`*${escapeMarkdown(entry.title)}*${entry.titleFrom ? ` (title as given in ${entry.titleFrom})` : ''}`);
    const facts = [
      entry.date ? `Date: ${entry.date}${entry.dateFrom ? ` (${entry.dateFrom})` : ''}` : '',
      entry.vote ? `Adopted: ${escapeMarkdown(entry.vote)}` : '',
    ].filter(Boolean);
    if (facts.length) lines.push(facts.join(' · '));
    if (entry.note) lines.push(escapeMarkdown(entry.note));
    for (const given of entry.titlesInDrafts) lines.push(`The ${given.where} gives the title “${escapeMarkdown(given.title)}”.`);
    const mentions = describeMentions(entry.mentions);
    if (mentions.length) lines.push(`Mentioned in the ${mentions.map(escapeMarkdown).join('; in the ')}`);
    if (entry.draft) lines.push(`The ${escapeMarkdown(entry.draft.label)} in this workspace.`);
    const indexing = indexingOf(view, documents, entry);
    if (indexing.kind === 'indexed' && !entry.draft) lines.push(`Indexed text: ${escapeMarkdown(indexing.text.file)} (${describeParagraphs(indexing.text.parsed)})`);
    if (indexing.kind === 'unreadable') lines.push(`Its text ${escapeMarkdown(indexing.file)} cannot be read.`);
  }
  if (symbol) lines.push(`[Official text: undocs.org/${symbol}](${officialLink(symbol)})`);
  return lines.join('\n\n');
}

// The end of a symbol written alone: "CRP.2", "L.27/Rev.1".
const SHORT_SYMBOL = /^(?:L|[A-Z]{2,4})\.\d/;

function notIndexedAdvice(catalogue: Catalogue, entry: CatalogueEntry | undefined, name: string, citation: Citation): string {
  const cited = describeNumbers(citation.numbers);
  if (!entry) {
    const holders = catalogue.named(name).filter((holder) => holder.symbol);
    if (holders.length > 1) return `“${name}” names ${holders.length} documents (${holders.map((holder) => holder.symbol).join(', ')}): cite one by its symbol to check ${cited}`;
    if (SHORT_SYMBOL.test(name)) return `“${name}” is only the end of a symbol: write the document’s full symbol, or add it to "references" in oewg-cite.json with a path, to check ${cited}`;
  }
  const shown = documentName(entry, name);
  return entry?.symbol || !entry
    ? `${entry?.symbol ? shown : `“${shown}”`} is not indexed: add it to "references" in oewg-cite.json with a path to check ${describeNumbers(citation.numbers)}`
    : `“${shown}” is not indexed: give its "references" entry in oewg-cite.json a path to check ${describeNumbers(citation.numbers)}`;
}

// ---- paragraph citations into documents --------------------------------------------

function citationDiagnostics(
  view: WorkspaceView,
  documents: WorkspaceDocuments,
  analysis: DocumentAnalysis,
  citation: Citation,
  name: string,
  memo: Map<CatalogueEntry, Indexing>,
): CoreDiagnostic[] {
  const entry = documents.catalogue.find(name);
  const indexing = indexingOf(view, documents, entry, memo);
  if (indexing.kind === 'not-indexed') return analysis.ownDraft ? [] : view.diagnostic('document-not-indexed', citation.span, notIndexedAdvice(documents.catalogue, entry, name, citation));
  if (indexing.kind === 'unreadable') {
    return analysis.ownDraft
      ? []
      : view.diagnostic('document-not-indexed', citation.span, `${documentName(entry, name)} is listed in "references" but its text ${indexing.file} cannot be read: ${describeNumbers(citation.numbers)} is not checked`);
  }
  const indexed = indexing.text;
  const shown = documentName(entry, name);
  // As for a draft: a backwards range is said to be one, not searched for.
  return citedPartProblems(view, citation, indexed.byNumber, (span, missing) =>
    view.diagnostic('document-paragraph-missing', span, `${describeNumbers(missing)}: ${shown} ${describeParagraphs(indexed.parsed)}`, { document: shown, missing }),
  );
}

function citationHover(view: WorkspaceView, documents: WorkspaceDocuments, citation: Citation, name: string): string {
  const entry = documents.catalogue.find(name);
  const indexing = indexingOf(view, documents, entry);
  const shown = documentName(entry, name);
  const blocks: string[] = [];
  if (indexing.kind === 'indexed') {
    const numbers = citation.numbers.slice(0, MAX_PARAGRAPHS_IN_HOVER);
    for (const number of numbers) {
      const paragraph = indexing.text.byNumber.get(number);
      blocks.push(
        paragraph
          ? paragraphMarkdown(shown, paragraph, citation.numbers.length === 1 ? undefined : EXCERPT_WORDS_IN_LIST)
          : `**para ${number}** — not in ${escapeMarkdown(shown)} (it ${describeParagraphs(indexing.text.parsed)}).`,
      );
    }
    const more = citation.numbers.length - numbers.length;
    if (more > 0) blocks.push(`… and ${more} more paragraph${more === 1 ? '' : 's'}.`);
  } else if (indexing.kind === 'not-indexed') {
    blocks.push(escapeMarkdown(notIndexedAdvice(documents.catalogue, entry, name, citation)));
  }
  if (entry) blocks.push(factsMarkdown(view, documents, entry, entry.symbol, name));
  if (!blocks.length) blocks.push(`**${describeNumbers(citation.numbers)} of ${name}** — ${name} is not indexed as a draft, so this paragraph cannot be shown.`);
  return blocks.join('\n\n---\n\n');
}

function citationDefinition(view: WorkspaceView, documents: WorkspaceDocuments, citation: Citation, name: string): DefinitionTarget[] {
  const indexing = indexingOf(view, documents, documents.catalogue.find(name));
  if (indexing.kind !== 'indexed') return [];
  const { file, byNumber } = indexing.text;
  return citation.numbers
    .map((number) => byNumber.get(number))
    .filter((paragraph): paragraph is Paragraph => paragraph !== undefined)
    .map((paragraph) => ({ originSpan: citation.span, file, span: paragraph.span, selectionSpan: paragraph.numberSpan }));
}

// ---- diagnostics on symbols ----------------------------------------------------------

function symbolDiagnostics(view: WorkspaceView, catalogue: Catalogue, text: string, mention: SymbolMention): CoreDiagnostic[] {
  const misformed = misformation(catalogue, text, mention);
  if (misformed) return view.diagnostic('symbol-misformed', mention.span, misformed.message, misformed.fix);
  // A wrong number explains why the symbol is unknown: one diagnostic says it all.
  const mismatch = numberMismatch(catalogue, text, mention);
  if (mismatch) return view.diagnostic('resolution-number-mismatch', mention.span, mismatch.message, mismatch.fix);
  if (catalogue.entry(mention.symbol)) return [];
  const near = nearSymbol(catalogue, mention.symbol);
  if (near) {
    // Almost a known symbol: say which, and offer it. Not preferred: the symbol may be right and merely unknown.
    const fix = nearSymbolFix(mention, near);
    return view.diagnostic(
      'unknown-symbol',
      mention.span,
      `${mention.symbol} is not in the catalogue and no indexed draft mentions it: did you mean ${describeNear(near)}?`,
      fix,
    );
  }
  return view.diagnostic(
    'unknown-symbol',
    mention.span,
    `${mention.symbol} is not in the catalogue and no indexed draft mentions it: check the symbol, or add it to "references" in oewg-cite.json`,
  );
}

/** "resolution 71/28 (A/RES/71/28)", "A/70/174". */
function describeNear(entry: CatalogueEntry): string {
  const symbol = entry.symbol!;
  const short = shortName(symbol);
  return short === symbol ? symbol : `${short} (${symbol})`;
}

/** Whether two digit strings differ by one digit, or by two neighbouring digits swapped ("237"/"273"). */
function oneSlip(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ = [...a].flatMap((digit, k) => (digit === b[k] ? [] : [k]));
  if (differ.length === 1) return true;
  return differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]] && a[differ[1]] === b[differ[0]];
}

/**
 * The one known symbol an unknown one almost is: "A/71/28" written for the
 * resolution A/RES/71/28, or a slip in the last number of a symbol of the
 * same series and session ("A/RES/70/273" for A/RES/70/237). Undefined when
 * none, or more than one, is that close.
 */
export function nearSymbol(catalogue: Catalogue, symbol: string): CatalogueEntry | undefined {
  const found = new Set<CatalogueEntry>();
  const withoutRes = /^A\/(\d+\/\d+[A-Z]?)$/.exec(symbol);
  const resolution = withoutRes && catalogue.bySymbol.get(`A/RES/${withoutRes[1]}`);
  if (resolution && resolution.kind === 'resolution') found.add(resolution);
  const shape = /^(.*\/)(\d+)$/.exec(symbol);
  if (shape) {
    for (const entry of catalogue.entries) {
      const other = entry.symbol && /^(.*\/)(\d+)$/.exec(entry.symbol);
      if (other && other[1] === shape[1] && oneSlip(shape[2], other[2])) found.add(entry);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Rewrites only what differs: "RES/" put in after "A/", or the last number. */
function nearSymbolFix(mention: SymbolMention, entry: CatalogueEntry): FixData | undefined {
  const symbol = entry.symbol!;
  const title = `Cite ${describeNear(entry)}`;
  if (`A/RES/${mention.symbol.slice(2)}` === symbol && /^A\//.test(mention.raw)) {
    return { title, edits: [{ span: { start: mention.span.start + 2, end: mention.span.start + 2 }, newText: 'RES/' }], preferred: false };
  }
  const wrong = /(\d+)$/.exec(mention.symbol)?.[1];
  const right = /(\d+)$/.exec(symbol)?.[1];
  const at = wrong ? mention.raw.lastIndexOf(wrong) : -1;
  if (!wrong || !right || at < 0) return undefined;
  return { title, edits: [{ span: { start: mention.span.start + at, end: mention.span.start + at + wrong.length }, newText: right }], preferred: false };
}

/** "a report (“2021 GGE report”)", "a report “Report of the Group …”". */
function describeDocument(entry: CatalogueEntry): string {
  const article = /^[aeiou]/.test(entry.kind) ? 'an' : 'a';
  const name = entry.title ?? entry.aliases.find((alias) => !/\d+\/\d+/.test(alias));
  return name ? `${article} ${entry.kind} (“${name}”)` : `${article} ${entry.kind}`;
}

function misformation(catalogue: Catalogue, text: string, mention: SymbolMention): { message: string; fix?: FixData } | undefined {
  // "A/RES/76/135" for the report A/76/135.
  const asResolution = /^A\/RES\/(\d+\/\d+)$/.exec(mention.symbol);
  if (asResolution && !catalogue.entry(mention.symbol)) {
    const document = catalogue.bySymbol.get(`A/${asResolution[1]}`);
    if (document && document.kind !== 'resolution' && document.kind !== 'decision') {
      const written = mention.raw.indexOf('RES/');
      const fix =
        mention.raw.startsWith('A/RES/') && written === 2
          ? { title: `Cite the ${document.kind} A/${asResolution[1]}`, edits: [{ span: { start: mention.span.start + 2, end: mention.span.start + 6 }, newText: '' }] }
          : undefined;
      return { message: `${mention.raw} is not a resolution: A/${asResolution[1]} is ${describeDocument(document)}; cite it as A/${asResolution[1]}`, fix };
    }
  }
  // "adopted by resolution A/76/135".
  const entry = catalogue.entry(mention.symbol);
  if (mention.kind === 'document' && entry && entry.kind !== 'resolution' && /\bresolutions?[ \u00a0]+$/i.test(text.slice(Math.max(0, mention.span.start - 30), mention.span.start))) {
    return { message: `${mention.symbol} is ${describeDocument(entry)}, not a resolution` };
  }
  // "A/RES/70-237" or "A/RES/70.237" for "A/RES/70/237".
  const joined = /\/(?:RES|DEC)\/(?:ES-|S-)?\d{2}([-‐–.])\d/i.exec(mention.raw);
  if (joined) {
    const at = mention.span.start + (joined.index ?? 0) + joined[0].length - 2;
    return {
      message: `write ${mention.symbol}: the session and the number are separated by “/”, not “${joined[1]}”`,
      fix: { title: `Write ${mention.symbol}`, edits: [{ span: { start: at, end: at + 1 }, newText: '/' }] },
    };
  }
  // "L.27.Rev.1" for "L.27/Rev.1".
  const dots = [...mention.raw.matchAll(/\.(?=(?:Rev|Add|Corr|Amend)\.\d)/g)];
  if (dots.length) {
    const suffixes = dots.map((dot) => mention.raw.slice((dot.index ?? 0) + 1).split('.')[0]);
    return {
      message: `write ${mention.symbol}: ${describeSuffixes(suffixes)} separated by “/”, not “.”`,
      fix: {
        title: `Write ${mention.symbol}`,
        edits: dots.map((dot) => ({ span: { start: mention.span.start + (dot.index ?? 0), end: mention.span.start + (dot.index ?? 0) + 1 }, newText: '/' })),
      },
    };
  }
  return undefined;
}

function describeSuffixes(suffixes: string[]): string {
  const names: Record<string, string> = { Rev: 'a revision', Add: 'an addendum', Corr: 'a corrigendum', Amend: 'an amendment' };
  const described = [...new Set(suffixes)].map((suffix) => names[suffix] ?? suffix);
  return `${described.join(' and ')} ${described.length === 1 ? 'is' : 'are'}`;
}

function sessionOf(symbol: string): string | undefined {
  return /^A\/RES\/(\d+)\/\d+[A-Z]?$/.exec(symbol)?.[1];
}

function numberMismatch(catalogue: Catalogue, text: string, mention: SymbolMention): { message: string; fix?: FixData } | undefined {
  if (mention.kind !== 'resolution') return undefined;
  const named = titleAfter(text, mention.span.end);
  if (!named) return undefined;
  const isQuoted = titleMatcher(named.title);
  const titlesOf = (entry: CatalogueEntry) => [entry.title, ...entry.titlesInDrafts.map((given) => given.title)].filter((title): title is string => !!title);
  const own = catalogue.entry(mention.symbol);
  if (own && titlesOf(own).some(isQuoted)) return undefined;
  const holders = catalogue.entries.filter(
    (entry) => entry.kind === 'resolution' && entry.symbol && entry.symbol !== mention.symbol && titlesOf(entry).some(isQuoted),
  );
  // A title only one resolution carries proves the number wrong, whatever the
  // session. A title several carry (the Assembly gives one every year) proves
  // nothing about an uncatalogued number, unless a resolution of the same
  // session carries it.
  const session = sessionOf(mention.symbol);
  const recurring = holders.length > 1;
  const suspects = own?.title || !recurring ? holders : holders.filter((entry) => session !== undefined && sessionOf(entry.symbol!) === session);
  if (suspects.length === 0) return undefined;
  const names = suspects.map((entry) => shortName(entry.symbol!));
  const quoted = firstWords(named.title, 8);
  const message = own?.title
    ? `“${quoted}” is the title of ${names.join(', ')}; ${shortName(mention.symbol)} is titled “${firstWords(own.title, 8)}”`
    : `“${quoted}” is the title of ${names.join(', ')}, not of ${shortName(mention.symbol)}: did you mean ${suspects.length === 1 ? names[0] : `one of ${names.join(', ')}`}?`;
  return { message, fix: suspects.length === 1 ? renumberFix(mention, suspects[0].symbol!) : undefined };
}

// The number of a General Assembly resolution as written: "73/72", "43/78 H", "2113 (XX)", "3367 A (XXX)".
const WRITTEN_NUMBER = /\d+\/\d+(?:[ \u00a0]?[A-Z](?![\p{L}]))?|\d{1,4}(?:[ \u00a0]?[A-Z])?[ \u00a0]?\([^)\s]+\)/gu;

/** Rewrites just the number written in the mention ("73/72" → "73/27", "2131 (XXI)" → "2131 (XX)"), spaced as written. */
function renumberFix(mention: SymbolMention, symbol: string): FixData | undefined {
  const wanted = /^A\/RES\/(.+)$/.exec(symbol)?.[1];
  const written = [...mention.raw.matchAll(WRITTEN_NUMBER)].pop();
  if (!wanted || !written || !mention.symbol.startsWith('A/RES/')) return undefined;
  const spaced = /\d[ \u00a0][A-Z(]/u.test(written[0]);
  const start = mention.span.start + (written.index ?? 0);
  return { title: `Cite ${shortName(symbol)}`, edits: [{ span: { start, end: start + written[0].length }, newText: spaced ? spacedNumber(wanted) : wanted }] };
}

/** "43/78 H", "2131 (XX)": a canonical number as drafters write it. */
function spacedNumber(number: string): string {
  return number.replace(/(\d)([A-Z(])/g, '$1 $2');
}

function isFixData(data: unknown): data is FixData {
  return !!data && typeof data === 'object' && Array.isArray((data as FixData).edits) && typeof (data as FixData).title === 'string';
}

// ---- go to definition, references, completions -------------------------------------

function symbolDefinition(view: WorkspaceView, documents: WorkspaceDocuments, mention: SymbolMention): DefinitionTarget[] {
  const entry = documents.catalogue.entry(mention.symbol);
  if (!entry) return [];
  const indexing = indexingOf(view, documents, entry);
  if (indexing.kind === 'indexed') {
    const text = view.textOf(indexing.text.file) ?? '';
    const firstLine = { start: 0, end: Math.max(0, text.search(/\r?\n|$/)) };
    return [{ originSpan: mention.span, file: indexing.text.file, span: firstLine, selectionSpan: firstLine }];
  }
  // Else its first mention in the current draft, or in the latest other draft that mentions it.
  const current = view.currentDraft();
  const drafts = view.draftEntries().map((draftEntry) => draftEntry.info).reverse();
  const ordered = current ? [current, ...drafts.filter((draft) => draft.id !== current.id)] : drafts;
  for (const draft of ordered) {
    const first = entry.mentions.find((found) => found.draft.id === draft.id);
    if (first && draft.path) return [{ originSpan: mention.span, file: draft.path, span: first.container ?? first.span, selectionSpan: first.span }];
  }
  return [];
}

function symbolReferences(view: WorkspaceView, catalogue: Catalogue, file: string, analysis: DocumentAnalysis, symbol: string): ReferenceEntry[] {
  // "S/RES/2341" and "S/RES/2341 (2017)" are one document when the catalogue says so.
  const entry = catalogue.entry(symbol);
  const same = (mention: SymbolMention) => mention.symbol === symbol || (entry !== undefined && catalogue.entry(mention.symbol) === entry);
  const files = [file, ...view.checkedFiles().filter((other) => other !== file)];
  return files.flatMap((other) => {
    const otherAnalysis = other === file ? analysis : view.analyse(other);
    return otherAnalysis ? symbolsOf(otherAnalysis).filter(same).map((mention) => ({ file: other, span: mention.span })) : [];
  });
}

// "resolution ", "Res. 7", "General Assembly resolution ", "A/RES/70/2", "S/RES/": what is typed after it is replaced.
const RESOLUTION_PREFIX =
  /(?:(?<![\p{L}\p{Nd}_])(?:(General Assembly|GA|UNGA|Security Council|SC|UNSC)[ \u00a0]+)?(?:resolutions?|res\.?)[ \u00a0]+|(?<![\p{L}\p{Nd}_/])([AS])\/RES\/)(\d{0,4}(?:\/\d{0,4})?)$/iu;

function resolutionCompletions(view: WorkspaceView, documents: WorkspaceDocuments, analysis: DocumentAnalysis, offset: number): CompletionEntry[] {
  const lineStart = analysis.text.lastIndexOf('\n', offset - 1) + 1;
  const match = RESOLUTION_PREFIX.exec(analysis.text.slice(lineStart, offset));
  if (!match) return [];
  const [, body, series, typed] = match;
  // The organ the text names: "A/RES/", "S/RES/", or a body before "resolution".
  const organ = series?.toUpperCase() ?? (body ? (/^(?:Security Council|SC|UNSC)$/i.test(body) ? 'S' : 'A') : undefined);
  const replaceSpan = { start: offset - typed.length, end: offset };
  const written = series !== undefined;
  return documents.catalogue.entries
    .filter((entry) => entry.kind === 'resolution' && entry.symbol && (organ ? entry.symbol.startsWith(`${organ}/RES/`) : /^[AS]\/RES\//.test(entry.symbol)))
    .map((entry) => {
      const number = entry.symbol!.replace(/^[AS]\/RES\//, '');
      // After a word, numbers read as drafters write them: "43/78 H", "2131 (XX)".
      const label = written ? number : number.replace(/(\d)([A-Z])$/, '$1 $2').replace(/(\d)\(/, '$1 (');
      return {
        label,
        detail: entry.title ?? [describeKind(entry), entry.date].filter(Boolean).join(', '),
        documentation: factsMarkdown(view, documents, entry, entry.symbol, entry.symbol!),
        sortText: sortKey(entry.symbol!),
        replaceSpan,
      };
    });
}

/** Session, then number, as numbers: 2131 (XX) before 53/70 before 73/27 before 73/266. */
function sortKey(symbol: string): string {
  const modern = /\/RES\/(\d+)\/(\d+)([A-Z]?)$/.exec(symbol);
  if (modern) return `1${modern[1].padStart(4, '0')}${modern[2].padStart(5, '0')}${modern[3]}`;
  const old = /\/RES\/(\d+)\(/.exec(symbol);
  return `${symbol.startsWith('S/') ? 2 : 0}${(old?.[1] ?? '').padStart(9, '0')}`;
}

// ---- the feature ---------------------------------------------------------------------

function documentCitationAt(analysis: DocumentAnalysis, offset: number): number {
  return analysis.citations.findIndex(
    (citation, index) => analysis.targets[index].kind === 'document' && touchesOffset(citation.span, offset),
  );
}

export const documentFeature: Feature = {
  diagnosticCodes: DOCUMENT_CODES,

  diagnostics(view, _file, analysis) {
    const documents = documentsOf(view);
    const found: CoreDiagnostic[] = [];
    const memo = new Map<CatalogueEntry, Indexing>();
    analysis.citations.forEach((citation, index) => {
      const target = analysis.targets[index];
      if (target.kind === 'document') found.push(...citationDiagnostics(view, documents, analysis, citation, target.name, memo));
    });
    if (analysis.ownDraft) return found;
    for (const mention of symbolsOf(analysis)) found.push(...symbolDiagnostics(view, documents.catalogue, analysis.text, mention));
    return found;
  },

  citationHover(view, _file, analysis, index) {
    const target = analysis.targets[index];
    return target.kind === 'document' ? citationHover(view, documentsOf(view), analysis.citations[index], target.name) : undefined;
  },

  hover(view, _file, analysis, offset): HoverResult | undefined {
    const mention = symbolAt(analysis, offset);
    if (!mention) return undefined;
    const documents = documentsOf(view);
    const entry = documents.catalogue.entry(mention.symbol);
    const symbol = entry?.symbol ?? mention.symbol;
    return { span: mention.span, markdown: factsMarkdown(view, documents, entry, symbol, symbol) };
  },

  definition(view, _file, analysis, offset) {
    const documents = documentsOf(view);
    const mention = symbolAt(analysis, offset);
    if (mention) return symbolDefinition(view, documents, mention);
    const index = documentCitationAt(analysis, offset);
    const target = analysis.targets[index];
    return target?.kind === 'document' ? citationDefinition(view, documents, analysis.citations[index], target.name) : [];
  },

  references(view, file, analysis, offset) {
    const mention = symbolAt(analysis, offset);
    return mention ? symbolReferences(view, documentsOf(view).catalogue, file, analysis, mention.symbol) : [];
  },

  documentLinks(view, _file, analysis) {
    const { catalogue } = documentsOf(view);
    return symbolsOf(analysis).map((mention) => {
      const entry = catalogue.entry(mention.symbol);
      // "S/RES/2341" links to the resolution the catalogue knows, S/RES/2341(2017).
      const symbol = entry?.symbol ?? mention.symbol;
      return { span: mention.span, target: officialLink(symbol), tooltip: entry?.title ? `${symbol}: ${entry.title}` : `${symbol} on undocs.org` };
    });
  },

  completions(view, _file, analysis, offset) {
    return resolutionCompletions(view, documentsOf(view), analysis, offset);
  },

  codeActions(_view, file, _analysis, _span, diagnostics) {
    return diagnostics.flatMap((diagnostic): CoreCodeAction[] =>
      diagnostic.code in DOCUMENT_CODES && isFixData(diagnostic.data)
        ? [
            {
              title: diagnostic.data.title,
              kind: 'quickfix',
              edits: diagnostic.data.edits.map((edit) => ({ file, ...edit })),
              fixes: [diagnostic],
              ...(diagnostic.data.preferred === false ? {} : { isPreferred: true }),
            },
          ]
        : [],
    );
  },
};
