// English: the words of submissions and drafts written in English.
import type { Vocabulary } from './types';

/** "submission" and "submissions". */
const withPlurals = (nouns: readonly string[]): string[] => nouns.flatMap((noun) => [noun, `${noun}s`]);

export const english: Vocabulary = {
  language: 'en',
  name: 'English',

  citationKeywords: {
    singular: ['paragraph', 'para', 'par', 'operative paragraph', 'preambular paragraph', '¶'],
    plural: ['paragraphs', 'paras', 'pars', 'operative paragraphs', 'preambular paragraphs', '¶¶'],
  },
  units: {
    paragraph: { singular: ['paragraph', 'para', 'par', '¶'], plural: ['paragraphs', 'paras', 'pars', '¶¶'] },
    preambular: { singular: ['preambular paragraph', 'PP'], plural: ['preambular paragraphs', 'PPs'] },
    operative: { singular: ['operative paragraph', 'OP'], plural: ['operative paragraphs', 'OPs'] },
    subparagraph: { singular: ['subparagraph', 'sub-paragraph', 'subpara'], plural: ['subparagraphs', 'sub-paragraphs', 'subparas'] },
    article: { singular: ['article', 'art'], plural: ['articles', 'arts'] },
    chapter: { singular: ['chapter', 'chap', 'ch'], plural: ['chapters', 'chaps'] },
    footnote: { singular: ['footnote', 'fn', 'note', 'n.'], plural: ['footnotes', 'fns', 'notes', 'nn.'], ambiguous: ['note', 'notes', 'n.', 'nn.'] },
  },
  ordinals: [
    'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
    'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
  ],
  rangeConnectors: { words: ['to', 'through'], signs: ['-', '–', '—'] },
  listConnectors: { commas: [','], words: ['and', 'or'], signs: ['&'] },
  notCitedFurther: ['et seq', 'et al'],
  andFollowing: ['ff'],
  listEndWords: ['of', 'in', 'and', 'or', 'above', 'below', 'et', 'ff', 'respectively', 'to', 'on'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],

  qualifierPrepositions: ['of', 'in'],
  articles: ['the'],
  documentWords: ['document'],
  selfDirections: ['above', 'below'],
  selfReferences: { determiners: ['this', 'the present'], nouns: ['report', 'document'] },
  ownText: {
    determiners: ['our', 'my', 'this'],
    modifiers: ['own', 'joint', 'written', 'earlier', 'previous', 'first', 'second', 'present'],
    nouns: withPlurals(['submission', 'contribution', 'response', 'paper', 'comments', 'statement', 'letter', 'note', 'input', 'proposal', 'text']),
  },
  ownBeforeKeyword: ['our', 'my'],
  pinpointWords: ['at'],
  possessives: ["'s", '’s'],

  draftNames: {
    draftWords: ['draft'],
    modifiers: ['revised', 'first', 'second', 'third', 'zero', 'final', 'initial', 'updated', 'new', 'latest', 'current', 'pre', 'advance'],
    fixedNames: ['final report', 'final substantive report'],
    stopWords: ['the', 'a', 'an', 'of', 'in', 'on', 'to', 'and', 'or', 'for', 'with', 'by', 'from', 'this', 'that', 'these', 'its', 'their', 'our', 'see', 'as', 'at'],
    nameJoiners: ['of', 'on', 'and', 'for', 'the', 'in', 'to'],
    nameNouns: ['report', 'draft', 'summary', 'paper', 'proposal', 'resolution', 'statement', 'submission', 'text', 'document', 'non-paper', 'commitment', 'agenda'],
    spellings: { predraft: 'pre draft' },
  },
  knownDrafts: [
    { id: 'pre-draft', label: 'Pre-draft', aliases: ['initial pre-draft', 'predraft'] },
    { id: 'revised-pre-draft', label: 'Revised Pre-draft', aliases: ['second pre-draft'] },
    { id: 'zero-draft', label: 'Zero Draft', aliases: [] },
    { id: 'first-draft', label: 'First Draft', aliases: [] },
    { id: 'final-draft', label: 'Final Draft', aliases: ['final report', 'final substantive report'] },
  ],

  subheadings: {
    titles: [
      'Discussion',
      'Discussions',
      'Conclusion',
      'Conclusions',
      'Recommendation',
      'Recommendations',
      ...['Conclusion', 'Conclusions'].flatMap((conclusions) => ['Recommendation', 'Recommendations'].map((recommendations) => `${conclusions} and ${recommendations}`)),
      'Findings',
      'Summary',
    ],
    recommends: { openings: ['the'], verbs: ['recommends', 'recommend'], closings: ['that'] },
  },

  documentKinds: { resolution: ['resolution', 'resolutions', 'res', 'res.'], decision: ['decision', 'decisions'] },
};
