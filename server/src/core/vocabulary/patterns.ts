// Regular expressions built from a vocabulary, once per vocabulary: the only
// place where words become patterns. The citation scanner, completion, the
// draft parser and the grammar generator read their patterns from here, so
// that they recognise the same words by construction.
//
// Linear by construction too: no two adjacent repetitions can share the same
// characters (a run of spaces before an optional comma is written as "spaces,
// comma, spaces" or "spaces", never "spaces*, comma?, spaces+"), so a long run
// of spaces or letters is never tried in more than one way.
import type { KeywordForms, UnitKind, Vocabulary } from './types';

/** Spaces that may stand inside a citation's words; a tab too where text is aligned. */
export const SPACE = '[ \\t\\u00a0]';
const INLINE_SPACE = '[ \\u00a0]';
/** At most one line break: hard-wrapped plain text splits a citation across lines. */
export const GAP = `${SPACE}*(?:\\r?\\n${SPACE}*)?`;
// Where a connector word may stand: after a space or a line break.
const AFTER_SPACE = '(?<=[ \\t\\u00a0\\n])';

/**
 * The Latin words of inserted paragraphs ("74bis", "12 ter"), the same in
 * every language of the negotiations: no vocabulary changes them.
 */
export const INSERTED_SUFFIXES = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies'] as const;

/** `text` with the characters that mean something in a regular expression escaped (valid with the `u` flag). */
export function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A form with a letter is a word (matched whole, any case); any other form is a sign. */
export const isWordForm = (form: string): boolean => /\p{L}/u.test(form);

/** Case, a final full stop and the spaces inside folded: how a keyword as written is looked up. */
export const foldForm = (form: string): string => form.toLowerCase().replace(/\.$/, '').replace(/[ \t\u00a0\r\n]+/g, ' ').trim();

/**
 * The forms as alternatives, longest first (so "paragraphs" is tried before
 * "paragraph"), each space standing for a run of `space`; `(?!)` (never
 * matches) when there is none.
 */
export function alternatives(forms: readonly string[], space = INLINE_SPACE): string {
  const unique = [...new Set(forms.filter((form) => form.trim() !== ''))];
  if (unique.length === 0) return '(?!)';
  return unique
    .sort((a, b) => b.length - a.length)
    .map((form) => escapeForPattern(form.trim()).replace(/ +/g, `${space}+`))
    .join('|');
}

const allForms = (forms: KeywordForms): string[] => [...forms.singular, ...forms.plural];

/**
 * A paragraph keyword: a word (not glued to a letter or digit before it, nor
 * to a letter after it; an underscore before it is Markdown emphasis unless it
 * joins two words) with an optional full stop, or a sign. A word written with
 * its full stop ("par." where "par" alone is a common word) needs the stop.
 * `anyCase` wraps the words for a case-insensitive match (the grammar's
 * `(?i:…)`; the scanner's patterns have the `i` flag instead).
 */
export function keywordSource(vocabulary: Vocabulary, space = SPACE, anyCase = (words: string) => `(?:${words})`): string {
  return formsSource(vocabulary.citationKeywords, space, anyCase);
}

/** The forms of one kind of keyword (paragraph keywords, a unit's names) as `keywordSource` reads them. */
export function formsSource(keywords: KeywordForms, space = SPACE, anyCase = (words: string) => `(?:${words})`): string {
  const forms = allForms(keywords);
  const words = forms.filter(isWordForm);
  const open = words.filter((form) => !form.endsWith('.'));
  const dotted = words.filter((form) => form.endsWith('.'));
  const signs = forms.filter((form) => !isWordForm(form));
  const wordParts = [];
  if (open.length) wordParts.push(`${anyCase(alternatives(open, space))}(?![\\p{L}])\\.?`);
  if (dotted.length) wordParts.push(anyCase(alternatives(dotted, space)));
  const word = `(?<![\\p{L}\\p{Nd}]|[\\p{L}\\p{Nd}]_)(?:${wordParts.join('|')})`;
  return signs.length ? `${word}|${alternatives(signs, space)}` : word;
}

/**
 * An article and the space after it; an elided article ("l’") is written
 * glued to the name, so it needs no space.
 */
export function articleSource(articles: readonly string[], space = INLINE_SPACE, anyCase = (words: string) => `(?:${words})`): string {
  const elided = articles.filter((article) => /['’]$/.test(article));
  const spaced = articles.filter((article) => !/['’]$/.test(article));
  const parts = [];
  if (spaced.length) parts.push(`${anyCase(alternatives(spaced, space))}${space}+`);
  if (elided.length) parts.push(anyCase(alternatives(elided, space)));
  return parts.length ? `(?:${parts.join('|')})` : '(?!)';
}

/** Everything the citation scanner matches with, for one vocabulary. */
export interface CitationPatterns {
  /** A keyword, or "[" before a digit (a pinpoint, "A/75/816 at [64]"): global, case-insensitive. */
  keyword: RegExp;
  /** Whether a keyword as written names several paragraphs ("paras", "¶¶"). */
  isPlural(keyword: string): boolean;
  /** The kind of unit a keyword as written names ("operative paragraphs" → operative), from `units`. */
  unitOf(keyword: string): UnitKind | undefined;
  /** A footnote keyword ("footnote", "fn.", "notes", "n."), from `units.footnote`: global, case-insensitive. */
  footnoteKeyword: RegExp;
  /** Whether a footnote keyword as written names several footnotes ("footnotes", "fns"). */
  isPluralFootnote(keyword: string): boolean;
  numberAndFollowing: RegExp;
  rangeSeparator: RegExp;
  listSeparator: RegExp;
  notCitedFurther: RegExp;
  listEnd: RegExp;
  month: RegExp;
  selfDirection: RegExp;
  preposition: RegExp;
  selfReference: RegExp;
  ownText: RegExp;
  ownBefore: RegExp;
  article: RegExp;
  /** The article a name begins with: "the" of "the Tunis Commitment". */
  leadingArticle: RegExp;
  documentWord: RegExp;
  word: RegExp;
  fixedName: RegExp;
  fixedNameBefore: RegExp;
  atBeforePinpoint: RegExp;
  /** Between a name and the keyword after it: a possessive, a comma, "at", spaces. */
  nameJoint: RegExp;
  draftWord: RegExp;
  possessive: RegExp;
  stopWords: ReadonlySet<string>;
  draftModifiers: ReadonlySet<string>;
  nameJoiners: ReadonlySet<string>;
  nameNouns: ReadonlySet<string>;
}

const citationCache = new WeakMap<Vocabulary, CitationPatterns>();

export function citationPatterns(vocabulary: Vocabulary): CitationPatterns {
  let patterns = citationCache.get(vocabulary);
  if (!patterns) {
    patterns = buildCitationPatterns(vocabulary);
    citationCache.set(vocabulary, patterns);
  }
  return patterns;
}

function buildCitationPatterns(v: Vocabulary): CitationPatterns {
  // A list or range may wrap onto the next line ("paragraphs 24,\n130 and 131", "paras 115-\n120"); never across a blank line.
  const wrap = GAP;
  const range = v.rangeConnectors;
  const list = v.listConnectors;
  const rangeSigns = alternatives(range.signs);
  const rangeWords = alternatives(range.words);
  const listWords = alternatives(list.words);
  const listSigns = alternatives(list.signs);
  const commas = alternatives(list.commas);
  const plural = new Set(v.citationKeywords.plural.map(foldForm));
  const units = new Map<string, UnitKind>();
  for (const [unit, forms] of Object.entries(v.units) as Array<[UnitKind, KeywordForms]>) {
    for (const form of allForms(forms)) if (!units.has(foldForm(form))) units.set(foldForm(form), unit);
  }
  const footnotePlural = new Set(v.units.footnote.plural.map(foldForm));
  const possessives = alternatives(v.possessives);
  const pinpoint = alternatives(v.pinpointWords);
  // Before "above", "of the …", "et seq.": spaces with an optional comma among them.
  const spacedComma = (space: string) => `(?:${space}*(?:${commas})${space}+|${space}+)`;
  const lowerSet = (words: readonly string[]) => new Set(words.map((word) => word.toLowerCase()));
  return {
    keyword: new RegExp(`${keywordSource(v)}|\\[(?=\\d)`, 'giu'),
    isPlural: (keyword) => plural.has(foldForm(keyword)),
    unitOf: (keyword) => units.get(foldForm(keyword)),
    footnoteKeyword: new RegExp(formsSource(v.units.footnote), 'giu'),
    isPluralFootnote: (keyword) => footnotePlural.has(foldForm(keyword)),
    numberAndFollowing: new RegExp(`(\\d{1,4})(?:${alternatives(v.andFollowing)})\\.?(?![\\p{L}\\p{Nd}])`, 'uy'),
    rangeSeparator: new RegExp(`${INLINE_SPACE}*(?:${rangeSigns})${wrap}|${wrap}${AFTER_SPACE}(?:${rangeWords})${wrap}${AFTER_SPACE}`, 'uy'),
    listSeparator: new RegExp(
      `${INLINE_SPACE}*(?:${commas})${wrap}(?:(?:${listWords})${wrap}${AFTER_SPACE}|(?:${listSigns})${wrap})?` +
        `|${wrap}${AFTER_SPACE}(?:${listWords})${wrap}${AFTER_SPACE}|${wrap}(?:${listSigns})${wrap}`,
      'uy',
    ),
    notCitedFurther: new RegExp(`${spacedComma(INLINE_SPACE)}(?:${alternatives([...v.notCitedFurther, ...v.andFollowing])})\\.?(?![\\p{L}])`, 'uy'),
    // Another word after the number (spaces and all) means the number counts something.
    listEnd: new RegExp(`${INLINE_SPACE}+(?:${alternatives(v.listEndWords)})(?![\\p{L}])|(?!${INLINE_SPACE}*[\\p{L}\\p{Nd}])`, 'uy'),
    month: new RegExp(`${INLINE_SPACE}+(?:${alternatives(v.months)})(?![\\p{L}])`, 'uy'),
    selfDirection: new RegExp(`${spacedComma(INLINE_SPACE)}(${alternatives(v.selfDirections)})(?![\\p{L}])`, 'iuy'),
    preposition: new RegExp(`${spacedComma(SPACE)}(?:${alternatives(v.qualifierPrepositions)})(?=[ \\t\\u00a0\\r\\n])${GAP}`, 'uy'),
    selfReference: new RegExp(`(?:${alternatives(v.selfReferences.determiners)})${INLINE_SPACE}+(?:${alternatives(v.selfReferences.nouns)})(?![\\p{L}])`, 'iuy'),
    ownText: new RegExp(
      `(?:${alternatives(v.ownText.determiners)})${INLINE_SPACE}+(?:(?:\\d{4}|${alternatives(v.ownText.modifiers)})${INLINE_SPACE}+)*(?:${alternatives(v.ownText.nouns)})(?![\\p{L}])`,
      'iuy',
    ),
    ownBefore: new RegExp(`(?<![\\p{L}])(?:${alternatives(v.ownBeforeKeyword)})${SPACE}+$`, 'iu'),
    article: new RegExp(articleSource(v.articles), 'iuy'),
    leadingArticle: new RegExp(`^${articleSource(v.articles)}`, 'iu'),
    documentWord: new RegExp(`${articleSource(v.articles)}?(?:(?:${alternatives(v.documentWords)})${INLINE_SPACE}+)?`, 'iuy'),
    word: new RegExp(`[\\p{L}][\\p{L}\\p{M}\\-]*(?:(?:${possessives})(?![\\p{L}]))?`, 'uy'),
    fixedName: new RegExp(`(?:${alternatives(v.draftNames.fixedNames)})(?![\\p{L}])`, 'iuy'),
    fixedNameBefore: new RegExp(`(?:${alternatives(v.draftNames.fixedNames)})$`, 'iu'),
    atBeforePinpoint: new RegExp(`${SPACE}+(?:${pinpoint})${SPACE}+$`, 'u'),
    nameJoint: new RegExp(`(${possessives})?(?:${SPACE}*(?:${commas}))?(?:${SPACE}+(?:${pinpoint})(?=${SPACE}))?${SPACE}*$`, 'u'),
    draftWord: new RegExp(`(?:^|-)(?:${alternatives(v.draftNames.draftWords)})$`, 'iu'),
    possessive: new RegExp(`(?:${possessives})$`, 'u'),
    stopWords: lowerSet(v.draftNames.stopWords),
    draftModifiers: lowerSet(v.draftNames.modifiers),
    nameJoiners: new Set(v.draftNames.nameJoiners),
    nameNouns: lowerSet(v.draftNames.nameNouns),
  };
}

const triggerCache = new WeakMap<Vocabulary, RegExp>();
const footnoteTriggerCache = new WeakMap<Vocabulary, RegExp>();

/**
 * Where completion offers paragraph numbers, tested on the text of the line
 * before the cursor: a keyword, then numbers and connectors, then the number
 * being typed (group 1), at the end; the line ends in a space, a digit or a
 * sign keyword ("para ", "paras 57-6", "¶").
 */
export function completionTrigger(vocabulary: Vocabulary, unit: 'paragraph' | 'footnote' = 'paragraph'): RegExp {
  const cache = unit === 'footnote' ? footnoteTriggerCache : triggerCache;
  let trigger = cache.get(vocabulary);
  if (!trigger) {
    // Footnotes: after "footnote ", "fn. ", never after a word that is also an ordinary one ("note ").
    const footnote = vocabulary.units.footnote;
    const ambiguous = new Set((footnote.ambiguous ?? []).map(foldForm));
    const keywords: KeywordForms =
      unit === 'footnote'
        ? { singular: footnote.singular.filter((form) => !ambiguous.has(foldForm(form))), plural: footnote.plural.filter((form) => !ambiguous.has(foldForm(form))) }
        : vocabulary.citationKeywords;
    const { rangeConnectors: range, listConnectors: list } = vocabulary;
    const connector = alternatives([...range.signs, ...range.words, ...list.commas, ...list.words, ...list.signs]);
    const signs = allForms(keywords).filter((form) => !isWordForm(form));
    const ends = signs.length ? `\\s|\\d|${alternatives(signs)}` : '\\s|\\d';
    // As the scanner reads it: a word keyword needs a space before the number unless it ends with a full stop ("para.74").
    const gap = '(?:(?<=\\p{L})\\s+|(?<!\\p{L})\\s*)';
    trigger = new RegExp(`(?:${formsSource(keywords)})${gap}(?:\\d+[a-z]*\\s*(?:${connector})\\s*)*(\\d*)(?<=${ends})$`, 'iu');
    cache.set(vocabulary, trigger);
  }
  return trigger;
}

const subheadingCache = new WeakMap<Vocabulary, RegExp>();

/** A sub-heading drafts usually have ("Discussions", "The OEWG recommends that"), with an optional colon. */
export function usualSubheading(vocabulary: Vocabulary): RegExp {
  let pattern = subheadingCache.get(vocabulary);
  if (!pattern) {
    const { titles, recommends } = vocabulary.subheadings;
    const who = `(?:${alternatives(recommends.openings, ' ')}) [\\p{L}\\p{N}_\\s-]{1,40}(?<![\\p{L}\\p{N}_])`;
    const recommendation = `${who}(?:${alternatives(recommends.verbs, ' ')})(?: (?:${alternatives(recommends.closings, ' ')}))?`;
    pattern = new RegExp(`^(?:${alternatives(titles, ' ')}|${recommendation})\\s*:?$`, 'iu');
    subheadingCache.set(vocabulary, pattern);
  }
  return pattern;
}
