// What one language contributes to the core: every word the scanner, the
// resolver, the draft parser, completion and the grammar recognise. Data only;
// the patterns built from it are in `patterns.ts`.
//
// How forms are written:
// - A form made of letters ("para", "operative paragraph") is a word: it is
//   matched whole (no letter or digit glued to either side) and without regard
//   to case; a space inside it stands for any run of spaces. A keyword word
//   may be followed by a full stop ("para.", "paras.").
// - A form with no letter ("¶", "&", "–") is a sign: matched as written, with
//   or without spaces around it.

/** The forms that name one thing, and those that name several. */
export interface KeywordForms {
  singular: readonly string[];
  plural: readonly string[];
  /**
   * Forms among these that are also ordinary words or other abbreviations
   * ("note", "n."): they name the unit only with a draft named after the
   * number ("note 2 of the Pre-draft"), never alone ("takes note of").
   */
  ambiguous?: readonly string[];
}

/**
 * The kinds of numbered unit a citation may name. Only `paragraph` is read by
 * the citation scanner today (through `Vocabulary.citationKeywords`); the
 * others are recorded for the resolution and treaty drafts to come.
 */
export type UnitKind = 'paragraph' | 'preambular' | 'operative' | 'subparagraph' | 'article' | 'chapter' | 'footnote';

/** A draft every user of the language may name without configuring it ("Zero Draft"). */
export interface KnownDraft {
  id: string;
  label: string;
  aliases: readonly string[];
}

export interface Vocabulary {
  /** BCP 47 language tag: "en", "fr", "es", "ru", "zh", "ar". */
  language: string;
  /** The language's name, in English, for messages: "English". */
  name: string;

  // ---- citations: "paras 57–60 and 62", "¶ 74", "paragraph 12 et seq."

  /** What the citation scanner, completion and the grammar read as a paragraph keyword. */
  citationKeywords: KeywordForms;
  /** The names of each kind of numbered unit: data for the kinds the scanner does not read yet. */
  units: Readonly<Record<UnitKind, KeywordForms>>;
  /**
   * Ordinal words, the first naming 1: "the fourth preambular paragraph".
   * Data for the resolution drafts to come; the scanner does not read them yet.
   */
  ordinals: readonly string[];
  /** Between the two ends of a range: "57–60", "57 to 60". */
  rangeConnectors: { words: readonly string[]; signs: readonly string[] };
  /**
   * Between the items of a list: "24, 28 and 30", "5 & 6". A comma may be
   * followed by one of the words or signs ("24, and 28", "5, & 6").
   */
  listConnectors: { commas: readonly string[]; words: readonly string[]; signs: readonly string[] };
  /** After the numbers, what says that more than the numbers written is meant: "et seq.", "et al". */
  notCitedFurther: readonly string[];
  /** Written glued to a number or after it, "and following": "12ff.", "12 ff.". */
  andFollowing: readonly string[];
  /**
   * Words that may follow the last number of a singular keyword's list ("paragraph 17 and 11 of …"):
   * any other word after it means the number counted something ("paragraph 17 and 11 voluntary norms").
   */
  listEndWords: readonly string[];
  /** Month names: "para 12, 10 March 2020" is a date, not a list. */
  months: readonly string[];

  // ---- qualifiers: "of the Zero Draft", "Zero Draft, para 74", "of this report", "of our submission"

  /** Between the numbers and what they are a paragraph of: "of", "in". */
  qualifierPrepositions: readonly string[];
  /** The definite article(s) before a name: "the". */
  articles: readonly string[];
  /** A word that may stand between the article and a symbol: "of the document A/70/174". */
  documentWords: readonly string[];
  /** "above", "below": the document the citation stands in. */
  selfDirections: readonly string[];
  /** "this report", "the present document": the document the citation stands in. */
  selfReferences: { determiners: readonly string[]; nouns: readonly string[] };
  /** "our 2019 submission", "my earlier comments", "this paper": the author's own text. */
  ownText: { determiners: readonly string[]; modifiers: readonly string[]; nouns: readonly string[] };
  /** Before a keyword, the author's own text: "our paragraph 3". */
  ownBeforeKeyword: readonly string[];
  /** Between a document's symbol and the keyword: "A/70/174 at para 82", "A/75/816 at [64]". */
  pinpointWords: readonly string[];
  /** Endings that make a name possessive ("the Pre-draft's paragraph 17"); the name is what comes before. */
  possessives: readonly string[];

  // ---- draft names: "the Zero Draft", "the revised pre-draft", "the Final Substantive Report"

  draftNames: {
    /** The word a draft's name ends on: "draft" ("Zero Draft", "Pre-draft"). */
    draftWords: readonly string[];
    /** Lower-case words that may stand in a draft's name before the draft word ("revised", "zero"). */
    modifiers: readonly string[];
    /** Names of drafts that do not end on the draft word ("Final Report", "Final Substantive Report"). */
    fixedNames: readonly string[];
    /** Words that end a name rather than belong to it ("the", "and", "see"). */
    stopWords: readonly string[];
    /** Joining words inside a capitalised name: "Charter of the United Nations". */
    nameJoiners: readonly string[];
    /** Nouns a capitalised name may end on: "the Group's report", "the 2015 report". */
    nameNouns: readonly string[];
    /** Spellings of a draft's name that mean the same: "predraft" is "pre draft". */
    spellings: Readonly<Record<string, string>>;
  };
  /** The drafts of the process everyone names the same way, known even when nobody configured them. */
  knownDrafts: readonly KnownDraft[];

  // ---- drafts: the sub-headings a draft's sections use

  subheadings: {
    /** Sub-headings as drafts write them: "Discussions", "Conclusions and Recommendations". */
    titles: readonly string[];
    /**
     * "The OEWG recommends that": an opening word, a few words naming who, a
     * verb, and optionally a closing word.
     */
    recommends: { openings: readonly string[]; verbs: readonly string[]; closings: readonly string[] };
  };

  // ---- UN documents named by number: "resolution 73/27", "decision 75/564"

  /** Words before a resolution or decision number. Read by the grammar; the symbol scanner has its own copy. */
  documentKinds: { resolution: readonly string[]; decision: readonly string[] };
}
