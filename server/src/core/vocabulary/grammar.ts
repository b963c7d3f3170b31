// The TextMate injection grammar (syntaxes/oewg-citations.injection.tmLanguage.json),
// generated from the vocabulary so that the editor colours the words the
// scanner reads. `npm run build:grammar` writes it; a unit test checks that
// the committed file is the generated one.
//
// TextMate grammars run on Oniguruma, one line at a time: the patterns below
// are Oniguruma's (`(?i:…)` for case, `\x{00A0}` for a no-break space), and a
// citation wrapped over two lines is coloured up to the line end.
import { combineVocabularies, VOCABULARIES } from './index';
import { alternatives, articleSource, INSERTED_SUFFIXES, keywordSource } from './patterns';
import type { Vocabulary } from './types';

export const GRAMMAR_SCOPE = 'text.oewg-cite.citations';
const CITATION_SCOPE = 'markup.underline.link.paragraph-citation.oewg-cite';

const SPACE = '[ \\t\\x{00A0}]';
const INLINE_SPACE = '[ \\x{00A0}]';
const OPENING_QUOTE = '["“‘\']';
const CLOSING_QUOTE = '["”’\']';

const anyCase = (forms: readonly string[], space = SPACE): string => `(?i:${alternatives(forms, space)})`;
const exact = (forms: readonly string[], space = SPACE): string => `(?:${alternatives(forms, space)})`;

/** The pieces of the patterns, from one vocabulary. */
function pieces(v: Vocabulary) {
  const keyword = keywordSource(v, SPACE, (words) => `(?i:${words})`);
  // As the scanner reads it: a word keyword needs a space before the number unless it ends with a full stop.
  const gap = `(?:(?<=\\p{L})${SPACE}+|(?<!\\p{L})${SPACE}*)`;
  const number =
    `\\d{1,4}(?:${exact(v.andFollowing)}\\.?(?![\\p{L}\\p{Nd}])` +
    `|(?:${INLINE_SPACE}?(?:${INSERTED_SUFFIXES.join('|')})|alt|[a-z])?(?![\\p{L}\\p{Nd}/]|\\.\\p{Nd})(?:${INLINE_SPACE}?\\([a-z]{1,4}\\))*)`;
  const range = v.rangeConnectors;
  const list = v.listConnectors;
  const commas = exact(list.commas);
  const connector =
    `${INLINE_SPACE}*${exact(range.signs)}${SPACE}*|${SPACE}+${exact(range.words)}${SPACE}+` +
    `|${INLINE_SPACE}*${commas}${SPACE}*(?:${exact(list.words)}${SPACE}+|${exact(list.signs)}${SPACE}*)?` +
    `|${SPACE}+${exact(list.words)}${SPACE}+|${SPACE}*${exact(list.signs)}${SPACE}*`;
  const names = v.draftNames;
  const draftWord = `${anyCase(names.draftWords)}(?![\\p{L}\\p{M}-])`;
  const stop = `(?!${anyCase(names.stopWords)}(?![\\p{L}\\p{M}-]))`;
  const hyphenated = '\\p{L}[\\p{L}\\p{M}-]*-';
  // After "of the": up to three words that are not stop words, then the draft word (the first one: lazily), or "X-draft".
  const word = `${stop}(?!${draftWord})\\p{L}[\\p{L}\\p{M}-]*`;
  const draftAfter = `(?:(?:${word}${SPACE}+){1,3}?(?:${hyphenated})?|${hyphenated})${draftWord}`;
  // Before the keyword: capitalised words or the usual modifiers ("Zero Draft", "revised pre-draft").
  const nameWord = `${stop}(?:\\p{Lu}[\\p{L}\\p{M}-]*|${anyCase(names.modifiers)}(?![\\p{L}\\p{M}-]))`;
  const draftBefore = `(?:(?:${nameWord}${SPACE}+){1,3}(?:${hyphenated})?|${hyphenated})${draftWord}`;
  const fixed = `${anyCase(names.fixedNames)}(?!\\p{L})`;
  const self = `${anyCase(v.selfReferences.determiners)}${SPACE}+${anyCase(v.selfReferences.nouns)}(?!\\p{L})`;
  const preposition = `(?:${INLINE_SPACE}*${commas}${SPACE}+|${SPACE}+)${exact(v.qualifierPrepositions)}${SPACE}+${articleSource(v.articles, SPACE, (words) => `(?i:${words})`)}?`;
  const possessive = exact(v.possessives);
  return { keyword, gap, number, connector, draftAfter, draftBefore, fixed, self, preposition, possessive, commas };
}

/** The grammar as an object, from `vocabulary` (every registered language when not given). */
export function buildGrammar(vocabulary: Vocabulary = combineVocabularies(VOCABULARIES)): object {
  const p = pieces(vocabulary);
  const kinds = vocabulary.documentKinds;
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'OEWG citations',
    comment: `Generated from the vocabulary (${vocabulary.name}, server/src/core/vocabulary) by \`npm run build:grammar\`: edit the vocabulary, not this file.`,
    scopeName: GRAMMAR_SCOPE,
    injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw, L:text.plain',
    patterns: [{ include: '#paragraph-citation' }, { include: '#resolution' }, { include: '#document-symbol' }],
    repository: {
      'paragraph-citation': {
        comment:
          'para 74, paras. 57-60, paragraphs 24, 28 and 30, ¶ 74, para 13(a), with the draft named before the keyword (Zero Draft, para 74; ' +
          "the Pre-draft's paragraph 3) or after the numbers (of the Zero Draft, in the First Draft, of this report). One rule, so that the " +
          'search for a name before a keyword ends at the next citation instead of running on to the end of the line from every token.',
        match:
          `(?:(?<![\\p{L}\\p{Nd}-])(${p.fixed}|${p.draftBefore})${p.possessive}?(?:${SPACE}*${p.commas})?${SPACE}*)?` +
          `((${p.keyword})${p.gap}(${p.number}(?:(?:${p.connector})${p.number})*)` +
          `(?:(${p.preposition})(${OPENING_QUOTE}?(?:${p.fixed}|${p.draftAfter})${CLOSING_QUOTE}?|${p.self}))?)`,
        captures: {
          1: { name: 'entity.name.type.draft.oewg-cite' },
          2: { name: CITATION_SCOPE },
          3: { name: 'keyword.other.paragraph.oewg-cite' },
          // Named again: a capture tokenized by its own patterns loses the scopes of the captures around it.
          4: { name: CITATION_SCOPE, patterns: [{ match: p.number, name: 'constant.numeric.paragraph-number.oewg-cite' }] },
          6: { name: 'entity.name.type.draft.oewg-cite' },
        },
      },
      resolution: {
        comment: 'resolution 73/27, General Assembly resolutions 70/237, Res 70/237, decision 75/564, resolution 43/78 H, resolution 2131 (XX).',
        match: `(?<![\\w/])${anyCase([...kinds.resolution, ...kinds.decision])}\\s+(?:\\d{1,3}/\\d+(?:\\s[A-H](?![\\w/]))?|\\d{2,4}(?:\\s[A-H])?\\s\\((?:[IVXL]+|S-[IVX]+|ES-[IVX]+)\\))(?![\\w/])`,
        name: 'entity.name.tag.un-symbol.oewg-cite',
      },
      'document-symbol': {
        comment: 'A/70/174, A/68/98*, A/RES/70/237, A/AC.290/2021/CRP.2, A/C.1/73/L.27/Rev.1, S/RES/2341 (2017): an organ, optional lettered components, a number, optional further components.',
        match: '(?<![\\w/])(?:[AES]|ST)(?:/[A-Z][A-Za-z]*(?:\\.\\d+)?)*/\\d+(?:/(?:\\d+|[A-Z][A-Za-z]*(?:\\.\\d+)?))*(?:\\*|\\s\\(\\d{4}\\))?(?![\\w/])',
        name: 'entity.name.tag.un-symbol.oewg-cite',
      },
    },
  };
}

/** The grammar file's text, as committed. */
export function grammarText(vocabulary: Vocabulary = combineVocabularies(VOCABULARIES)): string {
  return `${JSON.stringify(buildGrammar(vocabulary), null, 2)}\n`;
}
