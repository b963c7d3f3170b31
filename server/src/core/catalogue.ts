// The catalogue of UN documents a drafter cites: resolutions, reports,
// conference room papers. What is known of each comes from three places:
// - the bundled data (data/un-documents.json, generated from researched facts
//   by scripts/build-catalogue.mjs): title, date, body, how it was adopted;
// - what the indexed drafts say: where they mention each symbol (paragraphs
//   and footnotes), and titles they give ("resolution 2131 (XX) entitled “…”");
// - the user's oewg-cite.json "references": their own entries, and documents
//   whose text they index so that "A/70/174, para 12" can be checked.
//
// Decisions:
// - Nothing is invented: an unknown fact stays undefined and every fact
//   that does not come from the bundled data says where it comes from.
// - The user's entry overrides the bundled title and date (they hold the
//   document); a draft's title only fills a gap, and a draft that names a
//   document differently is remembered as such, never merged into the title.
// - A title is learned from a draft only when the draft says "entitled" or
//   "titled": a quotation right after a symbol may be its content.
import * as path from 'path';
import { findNodeAtLocation, getNodeValue, Node as JsonNode, parseTree } from 'jsonc-parser';
import type { ConfigProblem } from './config';
import type { DraftInfo, ParsedDraft, Severity, Span } from './model';
import { lastStartingAtOrBefore } from './spans';
import { normaliseSymbol, scanSymbols } from './symbols';
import { normaliseText } from './textNormalise';

export type DocumentKind = 'resolution' | 'decision' | 'report' | 'document';

/** One document of the bundled data: facts exactly as the sources state them, null when unknown. */
export interface BundledDocument {
  /** Canonical: "A/RES/70/237", "A/RES/2131(XX)". */
  symbol: string;
  aliases: string[];
  kind: DocumentKind;
  title: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  /** "GA", "SC". */
  body: string | null;
  /** How it was adopted, with the source's own wording. */
  vote: string | null;
  /** What the document did, in one sentence, when the sources say it plainly. */
  note?: string;
}

// A require keeps the JSON out of TypeScript's module resolution (the project
// does not enable resolveJsonModule); esbuild inlines it into the bundles.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const BUNDLED_DOCUMENTS: readonly BundledDocument[] = (require('./data/un-documents.json') as { documents: BundledDocument[] }).documents;

/** A document listed under "references" in oewg-cite.json. */
export interface ReferenceDocument {
  /** Canonical symbol, when the document has one. */
  symbol?: string;
  title?: string;
  date?: string;
  aliases: string[];
  /** Absolute path of its text, when the user indexes it. */
  path?: string;
}

/** Where an indexed draft mentions a document. */
export interface DraftMention {
  draft: DraftInfo;
  /** The symbol as written. */
  span: Span;
  /** The numbered paragraph it stands in. */
  paragraph?: string;
  /** The footnote it stands in. */
  footnote?: string;
  /** The footnote or paragraph around it: what "go to definition" shows. */
  container?: Span;
}

export interface CatalogueEntry {
  /** Canonical symbol; undefined for a reference known only by its title ("Tunis Commitment"). */
  symbol?: string;
  kind: DocumentKind;
  aliases: string[];
  title?: string;
  date?: string;
  body?: string;
  vote?: string;
  note?: string;
  /** Where the title comes from when not from the bundled data: "oewg-cite.json", "Zero Draft, para 46". */
  titleFrom?: string;
  dateFrom?: string;
  /** Titles an indexed draft gives the document that differ from `title`. */
  titlesInDrafts: Array<{ title: string; where: string }>;
  /** Every mention in the indexed drafts, in negotiation order then source order. */
  mentions: DraftMention[];
  /** The user's entry under "references" (with a path when its text is indexed). */
  reference?: ReferenceDocument;
  /** A configured draft that carries this symbol. */
  draft?: DraftInfo;
}

/** An indexed draft as the catalogue reads it. */
export interface CatalogueDraft {
  info: DraftInfo;
  text: string;
  parsed: ParsedDraft;
}

export interface CatalogueInputs {
  /** Defaults to the bundled data. */
  bundled?: readonly BundledDocument[];
  references?: readonly ReferenceDocument[];
  /** Indexed drafts, in negotiation order. */
  drafts?: readonly CatalogueDraft[];
  /** Configured drafts (indexed or not) whose symbol makes them documents too. */
  configuredDrafts?: readonly DraftInfo[];
}

export interface Catalogue {
  /** Entries with a symbol, by canonical symbol. */
  readonly bySymbol: ReadonlyMap<string, CatalogueEntry>;
  /** Every entry, those without a symbol included. */
  readonly entries: readonly CatalogueEntry[];
  /**
   * The entry for a symbol as written ("Res 70/237", "A/68/98*") or in
   * canonical form; "S/RES/2341" finds S/RES/2341(2017) and "A/RES/2131"
   * finds A/RES/2131(XX) when the catalogue has one such resolution.
   */
  entry(symbol: string): CatalogueEntry | undefined;
  /** The entry a citation's document name refers to: a symbol, a title or an alias ("the Tunis Commitment"). */
  find(name: string): CatalogueEntry | undefined;
  /** Every entry with this title or alias: several when documents share a name, so that `find` names none. */
  named(name: string): CatalogueEntry[];
}

export function buildCatalogue(inputs: CatalogueInputs): Catalogue {
  const bySymbol = new Map<string, CatalogueEntry>();
  const unsymbolled: CatalogueEntry[] = [];
  // Security Council resolutions, and the Assembly's until 1975, are numbered
  // across the years: "S/RES/2341" written without its year is S/RES/2341(2017).
  const byNumberAlone = new Map<string, Set<string>>();
  const register = (symbol: string, entry: CatalogueEntry) => {
    bySymbol.set(symbol, entry);
    const alone = numberAlone(symbol);
    if (alone) byNumberAlone.set(alone, (byNumberAlone.get(alone) ?? new Set()).add(symbol));
  };
  const lookup = (symbol: string): CatalogueEntry | undefined => {
    const known = bySymbol.get(symbol);
    if (known) return known;
    const withYear = byNumberAlone.get(symbol);
    return withYear?.size === 1 ? bySymbol.get([...withYear][0]) : undefined;
  };

  for (const document of inputs.bundled ?? BUNDLED_DOCUMENTS) {
    register(document.symbol, {
      symbol: document.symbol,
      kind: document.kind,
      aliases: [...document.aliases],
      title: document.title ?? undefined,
      date: document.date ?? undefined,
      body: document.body ?? undefined,
      vote: document.vote ?? undefined,
      note: document.note,
      titlesInDrafts: [],
      mentions: [],
    });
  }

  for (const reference of inputs.references ?? []) {
    const known = reference.symbol ? lookup(reference.symbol) : undefined;
    const entry: CatalogueEntry = known ?? { symbol: reference.symbol, kind: reference.symbol ? kindOfSymbol(reference.symbol) : 'document', aliases: [], titlesInDrafts: [], mentions: [] };
    entry.reference = reference;
    entry.aliases = [...new Set([...entry.aliases, ...reference.aliases])];
    if (reference.title) {
      entry.title = reference.title;
      entry.titleFrom = 'oewg-cite.json';
    }
    if (reference.date) {
      entry.date = reference.date;
      entry.dateFrom = 'oewg-cite.json';
    }
    if (!known) {
      if (entry.symbol) register(entry.symbol, entry);
      else unsymbolled.push(entry);
    }
  }

  for (const info of inputs.configuredDrafts ?? []) {
    const symbol = info.symbol ? normaliseSymbol(info.symbol) : undefined;
    if (!symbol) continue;
    const entry = lookup(symbol) ?? { symbol, kind: kindOfSymbol(symbol), aliases: [], titlesInDrafts: [], mentions: [] };
    entry.draft = info;
    if (!entry.symbol || !bySymbol.has(entry.symbol)) register(symbol, entry);
  }

  // Several drafts may be one file (the same text, parsed once): scanned once.
  const scans = new Map<string, { places: DraftPlaces; mentions: ReturnType<typeof scanSymbols> }>();
  for (const draft of inputs.drafts ?? []) {
    let scan = scans.get(draft.text);
    if (!scan) scans.set(draft.text, (scan = { places: new DraftPlaces(draft.parsed), mentions: scanSymbols(draft.text) }));
    const { places } = scan;
    for (const mention of scan.mentions) {
      let entry = lookup(mention.symbol);
      if (!entry) {
        entry = { symbol: mention.symbol, kind: mention.kind, aliases: [], titlesInDrafts: [], mentions: [] };
        register(mention.symbol, entry);
      }
      const place = places.of(mention.span);
      entry.mentions.push({ draft: draft.info, span: mention.span, ...place });
      const named = titleAfter(draft.text, mention.span.end);
      if (!named?.entitled) continue;
      const where = `${draft.info.label}${place.paragraph ? `, para ${place.paragraph}` : place.footnote ? `, footnote ${place.footnote}` : ''}`;
      if (!entry.title) {
        entry.title = named.title;
        entry.titleFrom = where;
      } else if (!sameTitle(named.title, entry.title) && !entry.titlesInDrafts.some((given) => sameTitle(given.title, named.title))) {
        entry.titlesInDrafts.push({ title: named.title, where });
      }
    }
  }

  const entries = [...bySymbol.values(), ...unsymbolled];
  // A name several documents share (the yearly "Developments in the field of
  // information …" resolutions) names none of them.
  const byName = new Map<string, CatalogueEntry[]>();
  for (const entry of entries) {
    for (const name of new Set([entry.title, ...entry.aliases].map((name) => (name ? nameKey(name) : '')))) {
      if (name) byName.set(name, [...(byName.get(name) ?? []), entry]);
    }
  }
  const entry = (symbol: string) => lookup(symbol) ?? lookup(normaliseSymbol(symbol) ?? '');
  const named = (name: string) => byName.get(nameKey(name)) ?? [];
  return {
    bySymbol,
    entries,
    entry,
    find: (name) => {
      const holders = named(name);
      return entry(name) ?? (holders.length === 1 ? holders[0] : undefined);
    },
    named,
  };
}

/**
 * The names a citation may give a document instead of its symbol: titles, and
 * aliases that are not symbols ("2015 GGE report", "CRP.2", "Final Substantive
 * Report"), of the bundled documents and of the user's references. The
 * citation scanner reads them so that "para 73 of the 2021 GGE report" names
 * that report, not a paragraph of the draft.
 */
export function documentNames(references: readonly ReferenceDocument[] = [], bundled: readonly BundledDocument[] = BUNDLED_DOCUMENTS): string[] {
  const names = new Set<string>();
  for (const document of [...bundled, ...references]) {
    for (const name of [document.title, ...document.aliases]) {
      if (name && normaliseSymbol(name) === undefined) names.add(name);
    }
  }
  return [...names];
}

/** "S/RES/2341" for S/RES/2341(2017), "A/RES/2131" for A/RES/2131(XX); undefined for other symbols. */
function numberAlone(symbol: string): string | undefined {
  return /^([AS]\/RES\/\d{1,4}[A-Z]?)\([^()]+\)$/.exec(symbol)?.[1];
}

/** "A/RES/…" is a resolution, "…/DEC/…" a decision; other symbols are documents. */
export function kindOfSymbol(symbol: string): DocumentKind {
  if (/\/RES\//.test(symbol)) return 'resolution';
  if (/\/DEC\//.test(symbol)) return 'decision';
  return 'document';
}

/** Names compared the way drafters vary them: case, quotes, a leading "the", spacing. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/["“”‘’']/g, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---- where a draft mentions a document -----------------------------------

/** Finds the footnote or paragraph around an offset of a parsed draft. */
class DraftPlaces {
  private readonly footnotes: ParsedDraft['footnotes'];
  private readonly paragraphs: ParsedDraft['paragraphs'];

  constructor(parsed: ParsedDraft) {
    this.footnotes = [...parsed.footnotes].sort((a, b) => a.span.start - b.span.start);
    this.paragraphs = [...parsed.paragraphs].sort((a, b) => a.span.start - b.span.start);
  }

  of(span: Span): Pick<DraftMention, 'paragraph' | 'footnote' | 'container'> {
    // A paragraph's span runs over the footnotes a page break puts inside it: look at footnotes first.
    const footnote = lastStartingAtOrBefore(this.footnotes, span.start);
    if (footnote && span.end <= footnote.span.end) return { footnote: footnote.number, container: footnote.span };
    const paragraph = lastStartingAtOrBefore(this.paragraphs, span.start);
    if (paragraph && span.end <= paragraph.span.end) return { paragraph: paragraph.number, container: paragraph.span };
    return {};
  }
}


/** "Zero Draft: paras 7, 47; footnotes 2, 9" for each draft that mentions the document. */
export function describeMentions(mentions: readonly DraftMention[]): string[] {
  const byDraft = new Map<string, { label: string; paragraphs: string[]; footnotes: string[]; elsewhere: number }>();
  for (const mention of mentions) {
    const found = byDraft.get(mention.draft.id) ?? { label: mention.draft.label, paragraphs: [], footnotes: [], elsewhere: 0 };
    byDraft.set(mention.draft.id, found);
    if (mention.footnote) addOnce(found.footnotes, mention.footnote);
    else if (mention.paragraph) addOnce(found.paragraphs, mention.paragraph);
    else found.elsewhere++;
  }
  return [...byDraft.values()].map(({ label, paragraphs, footnotes, elsewhere }) => {
    const places = [
      paragraphs.length ? `${paragraphs.length === 1 ? 'para' : 'paras'} ${paragraphs.join(', ')}` : '',
      footnotes.length ? `${footnotes.length === 1 ? 'footnote' : 'footnotes'} ${footnotes.join(', ')}` : '',
      elsewhere ? 'outside the numbered paragraphs' : '',
    ].filter(Boolean);
    return `${label}: ${places.join('; ')}`;
  });
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

// ---- titles written next to a symbol ---------------------------------------

export interface NamedTitle {
  title: string;
  /** The quoted title with its quotes. */
  span: Span;
  /** The text says "entitled" or "titled": the quotation is the document's title. */
  entitled: boolean;
}

// After the symbol: an optional year or date (", 1965", " of 5 December 2018"),
// an optional "entitled"/"titled"/"on", then the title in quotes.
const TITLE_AFTER =
  /[ \u00a0]*,?[ \u00a0]*(?:(?:of|dated|adopted on)[ \u00a0]+)?(?:\d{1,2}[ \u00a0]+\p{Lu}\p{Ll}+[ \u00a0]+)?(?:(?:19|20)\d\d[ \u00a0]*,?[ \u00a0]*)?(?:(entitled|titled|on)[ \u00a0]+|[:—–][ \u00a0]*)?(?:“([^”\n]{4,400})”|"([^"\n]{4,400})"|‘([^’\n]{4,400}?)’(?!\p{L})|'([^'\n]{4,400}?)'(?!\p{L}))/uy;

/** The title quoted right after a symbol that ends at `end`, if any. */
export function titleAfter(text: string, end: number): NamedTitle | undefined {
  TITLE_AFTER.lastIndex = end;
  const match = TITLE_AFTER.exec(text);
  if (!match) return undefined;
  const quoted = match[2] ?? match[3] ?? match[4] ?? match[5];
  const matchEnd = end + match[0].length;
  return {
    title: quoted.trim().replace(/\s+/g, ' '),
    span: { start: matchEnd - quoted.length - 2, end: matchEnd },
    entitled: match[1] === 'entitled' || match[1] === 'titled',
  };
}

/**
 * Whether a quoted title is the catalogue's title: the same words whatever
 * the typography and case, or its beginning when the quotation stops on an
 * ellipsis ("Developments in the field of information…") after a few words.
 */
export function sameTitle(quoted: string, title: string): boolean {
  return titleMatcher(quoted)(title);
}

/** `sameTitle` for one quoted title against many known ones, the quotation normalised once. */
export function titleMatcher(quoted: string): (title: string) => boolean {
  const cut = /(?:…|\.\.\.)\s*$/.test(quoted);
  const wanted = normaliseText(quoted.replace(/(?:…|\.\.\.)\s*$/, ''));
  const enoughWords = wanted.split(' ').length >= 3;
  return (title) => {
    if (!wanted) return false;
    const known = knownTitleKey(title);
    if (!cut) return wanted === known;
    return enoughWords && (known === wanted || known.startsWith(`${wanted} `));
  };
}

// The catalogue's titles are few and compared against every quoted title of a submission.
const knownTitleKeys = new Map<string, string>();
const KNOWN_TITLE_KEYS_LIMIT = 2000;

function knownTitleKey(title: string): string {
  let key = knownTitleKeys.get(title);
  if (key === undefined) {
    if (knownTitleKeys.size >= KNOWN_TITLE_KEYS_LIMIT) knownTitleKeys.clear();
    key = normaliseText(title);
    knownTitleKeys.set(title, key);
  }
  return key;
}

// ---- the user's "references" -------------------------------------------------

const REFERENCE_KEYS = new Set(['symbol', 'title', 'date', 'path', 'aliases']);

/**
 * The "references" of oewg-cite.json (its text, or the parsed object), paths
 * resolved against `root`:
 *
 *   "references": [
 *     { "symbol": "A/70/174", "title": "…", "date": "2015-07-22",
 *       "path": "references/a-70-174.txt", "aliases": ["2015 GGE report"] },
 *     { "title": "Tunis Commitment", "path": "references/tunis.txt" }
 *   ]
 *
 * Each entry needs a "symbol" or a "title". Problems carry their place in the
 * file when the text is given; reading never throws.
 */
export function readReferences(config: string | unknown, root: string): { references: ReferenceDocument[]; problems: ConfigProblem[] } {
  const references: ReferenceDocument[] = [];
  const problems: ConfigProblem[] = [];
  let listNode: JsonNode | undefined;
  let list: unknown;
  if (typeof config === 'string') {
    const tree = parseTree(config, [], { allowTrailingComma: true, disallowComments: false });
    listNode = tree?.type === 'object' ? findNodeAtLocation(tree, ['references']) : undefined;
    list = listNode ? getNodeValue(listNode) : undefined;
  } else if (config && typeof config === 'object') {
    list = (config as Record<string, unknown>).references;
  }
  const problem = (node: JsonNode | undefined, message: string, severity: Severity = 'error') =>
    problems.push({ message, severity, ...(node ? { span: { start: node.offset, end: node.offset + node.length } } : {}) });
  if (list === undefined) return { references, problems };
  if (!Array.isArray(list)) {
    problem(listNode, '"references" must be a list of documents such as { "symbol": "A/70/174", "path": "references/a-70-174.txt" }');
    return { references, problems };
  }
  list.forEach((value: unknown, index) => {
    const node = listNode?.children?.[index];
    const field = (key: string) => (node ? findNodeAtLocation(node, [key]) : undefined);
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problem(node, 'each reference must be an object such as { "symbol": "A/70/174", "title": "…", "path": "references/a-70-174.txt" }');
      return;
    }
    const entry = value as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!REFERENCE_KEYS.has(key)) problem(node && keyNode(node, key), `unknown reference setting "${key}" (known: ${[...REFERENCE_KEYS].join(', ')})`, 'warning');
    }
    const text = (key: string): string | undefined => {
      const found = entry[key];
      if (found === undefined || found === null) return undefined;
      if (typeof found === 'string' && found.trim() !== '') return found.trim();
      problem(field(key), `"${key}" of a reference must be a non-empty string`);
      return undefined;
    };
    const written = text('symbol');
    const symbol = written ? normaliseSymbol(written) : undefined;
    if (written && !symbol) problem(field('symbol'), `"${written}" is not a UN document symbol (such as "A/70/174" or "A/RES/70/237"); a document without one needs only a "title"`);
    const title = text('title');
    if (!symbol && !title) {
      if (!written) problem(node, 'a reference needs a "symbol" or a "title"');
      return;
    }
    const date = text('date');
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) problem(field('date'), '"date" of a reference should be written YYYY-MM-DD', 'warning');
    let aliases: string[] = [];
    if (entry.aliases !== undefined) {
      if (Array.isArray(entry.aliases) && entry.aliases.every((alias) => typeof alias === 'string')) aliases = entry.aliases as string[];
      else problem(field('aliases'), '"aliases" of a reference must be a list of names');
    }
    const file = text('path');
    references.push({ symbol, title, date, aliases, path: file ? path.resolve(root, file) : undefined });
  });
  return { references, problems };
}

function keyNode(objectNode: JsonNode, key: string): JsonNode | undefined {
  return objectNode.children?.find((property) => property.children?.[0]?.value === key)?.children?.[0];
}

const BODIES: Record<string, string> = { GA: 'General Assembly', SC: 'Security Council' };
// The first components of a symbol name its organ (UN Library guide to symbols).
const ORGANS: Array<[RegExp, string]> = [
  [/^A\/HRC\//, 'Human Rights Council'],
  [/^A\//, 'General Assembly'],
  [/^S\//, 'Security Council'],
  [/^E\//, 'Economic and Social Council'],
];

/** "resolution of the General Assembly", "report, General Assembly document". */
export function describeKind(entry: Pick<CatalogueEntry, 'kind' | 'body' | 'symbol'>): string {
  const body = (entry.body && (BODIES[entry.body] ?? entry.body)) || ORGANS.find(([pattern]) => entry.symbol && pattern.test(entry.symbol))?.[1];
  if (!body) return entry.kind;
  return entry.kind === 'resolution' || entry.kind === 'decision' ? `${entry.kind} of the ${body}` : `${entry.kind}, ${body} document`;
}

/** The official text's address: undocs.org takes the canonical symbol. */
export function officialLink(symbol: string): string {
  return `https://undocs.org/${symbol}`;
}

