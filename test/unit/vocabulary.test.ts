// The vocabulary: one object per language holding every word the core reads,
// and the patterns the scanner, completion and the draft parser build from it.
import { strict as assert } from 'assert';
import { scanCitations } from '../../server/src/core/citations';
import { KNOWN_OEWG_DRAFTS, normaliseDraftName } from '../../server/src/core/config';
import { parseDraft } from '../../server/src/core/draftParser';
import { draftNamedIn } from '../../server/src/core/resolver';
import {
  citationPatterns,
  combineVocabularies,
  completionTrigger,
  DEFAULT_VOCABULARY,
  english,
  usualSubheading,
  Vocabulary,
  VOCABULARIES,
  vocabularyFor,
} from '../../server/src/core/vocabulary';

/** Every list of words in a vocabulary, with its path ("citationKeywords.singular"). */
function wordLists(value: unknown, at = ''): Array<[string, readonly string[]]> {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? [[at, value as string[]]] : [];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => wordLists(inner, at ? `${at}.${key}` : key));
  return [];
}

describe('vocabulary', () => {
  describe('the registry', () => {
    it('lists each language once, English first and by default', () => {
      const tags = VOCABULARIES.map((vocabulary) => vocabulary.language);
      assert.equal(new Set(tags).size, tags.length);
      assert.equal(VOCABULARIES[0], english);
      assert.equal(DEFAULT_VOCABULARY, english);
      assert.equal(vocabularyFor('en-GB'), english);
      assert.equal(vocabularyFor('EN'), english);
      assert.equal(vocabularyFor('tlh'), undefined);
    });

    for (const vocabulary of VOCABULARIES) {
      describe(vocabulary.name, () => {
        it('has no empty word, no word with spaces around it and no word twice in a list', () => {
          for (const [where, words] of wordLists(vocabulary)) {
            for (const word of words) assert.ok(word !== '' && word === word.trim(), `${where}: ${JSON.stringify(word)}`);
            assert.equal(new Set(words.map((word) => word.toLowerCase())).size, words.length, `${where} repeats a word`);
          }
        });

        it('names every citation keyword as a form of some kind of paragraph, singular as singular', () => {
          const fold = (form: string) => form.toLowerCase();
          const units = Object.values(vocabulary.units);
          for (const form of vocabulary.citationKeywords.singular) assert.ok(units.some((unit) => unit.singular.map(fold).includes(fold(form))), form);
          for (const form of vocabulary.citationKeywords.plural) assert.ok(units.some((unit) => unit.plural.map(fold).includes(fold(form))), form);
        });

        it('reads every keyword form as a citation, with its number, as plural or singular as it is', () => {
          const { isPlural, unitOf } = citationPatterns(vocabulary);
          for (const [forms, plural] of [[vocabulary.citationKeywords.singular, false], [vocabulary.citationKeywords.plural, true]] as const) {
            for (const form of forms) {
              const citations = scanCitations(`We note ${form} 12 as drafted.`, { vocabulary });
              assert.deepEqual(citations.map((citation) => [citation.keyword, citation.numbers]), [[form, ['12']]], form);
              assert.equal(isPlural(form), plural, form);
              assert.equal(isPlural(`${form.toUpperCase()}.`), plural, `${form.toUpperCase()}.`);
              assert.ok(unitOf(form), `${form} names no kind of unit`);
            }
          }
        });

        it('offers completion after every keyword form the scanner reads', () => {
          const trigger = completionTrigger(vocabulary);
          for (const form of [...vocabulary.citationKeywords.singular, ...vocabulary.citationKeywords.plural]) {
            assert.equal(trigger.exec(`We note ${form} `)?.[1], '', form);
            assert.equal(trigger.exec(`We note ${form} 1`)?.[1], '1', form);
          }
        });

        it('recognises each of its sub-headings, with or without a colon, in any case', () => {
          const pattern = usualSubheading(vocabulary);
          for (const title of vocabulary.subheadings.titles) {
            assert.ok(pattern.test(title), title);
            assert.ok(pattern.test(`${title.toUpperCase()}:`), `${title.toUpperCase()}:`);
          }
        });
      });
    }
  });

  it('tells which kind of unit an English keyword names', () => {
    const { unitOf } = citationPatterns(english);
    assert.equal(unitOf('Paras.'), 'paragraph');
    assert.equal(unitOf('¶¶'), 'paragraph');
    assert.equal(unitOf('operative  paragraphs'), 'operative');
    assert.equal(unitOf('preambular paragraph'), 'preambular');
    assert.equal(unitOf('OP'), 'operative');
    assert.equal(unitOf('art.'), 'article');
    assert.equal(unitOf('resolution'), undefined);
  });

  describe('completion trigger', () => {
    const trigger = completionTrigger(english);
    const cases: Array<[before: string, typed: string | undefined]> = [
      ['We also note para ', ''],
      ['We also note para 1', '1'],
      ['see paras 57-6', '6'],
      ['see paras 57 to ', ''],
      ['see paragraphs 24, 28 and 3', '3'],
      ['see paras 12 through 1', '1'],
      ['see paras 5 & ', ''],
      ['see ¶', ''],
      ['see ¶¶ 4', '4'],
      ['OPERATIVE PARAGRAPH ', ''],
      // not yet a place for a number: the keyword is still being typed, or a connector is
      ['We also note para', undefined],
      ['We also note para.', undefined],
      ['see paras 57-', undefined],
      // what the scanner does not read: a word keyword glued to its number
      ['We also note para5', undefined],
      ['We also note para.5', '5'],
      // not a keyword
      ['a comparable ', undefined],
      ['x_para ', undefined],
    ];
    for (const [before, typed] of cases) {
      it(JSON.stringify(before), () => assert.equal(trigger.exec(before)?.[1], typed));
    }
  });

  describe('sub-headings', () => {
    const pattern = usualSubheading(english);
    for (const title of ['Discussions', 'Conclusions and Recommendations', 'The OEWG recommends that', 'The Group recommends:', 'The Open-ended Working Group recommend']) {
      it(`${JSON.stringify(title)} is a usual sub-heading`, () => assert.ok(pattern.test(title)));
    }
    for (const title of ['Recommendations of the Group on capacity', 'The Chair recommends that States consider the proposal in paragraph 12.', 'Existing and potential threats']) {
      it(`${JSON.stringify(title)} is not`, () => assert.ok(!pattern.test(title)));
    }

    it('closes a paragraph at a usual sub-heading even after an unfinished sentence, as drafts are read', () => {
      const draft = parseDraft(
        ['B. Existing and potential threats', '', '5. States noted with concern that threats are growing', '', 'Conclusions and Recommendations', '', '6. States agreed to continue.'].join('\n'),
      );
      assert.deepEqual(draft.subheadings?.map((subheading) => subheading.title), ['Conclusions and Recommendations']);
      assert.equal(draft.paragraphs.find((paragraph) => paragraph.number === '6')?.subheading, 'Conclusions and Recommendations');
    });
  });

  describe('draft names', () => {
    it('gives the configuration its known drafts', () => {
      assert.deepEqual(
        KNOWN_OEWG_DRAFTS.map((draft) => draft.label),
        english.knownDrafts.map((draft) => draft.label),
      );
    });

    it('finds a draft named in a heading only as whole words, in any script', () => {
      const drafts = [{ id: 'avant-projet', label: 'Avant-projet', aliases: [], order: 0 }];
      assert.equal(draftNamedIn('Observations sur l’Avant-projet', drafts)?.id, 'avant-projet');
      assert.equal(draftNamedIn('Observations sur l’Avant-projeté', drafts), undefined);
    });

    it('compares names without the article, quotes, hyphens or the one-word spelling', () => {
      assert.equal(normaliseDraftName('the “Pre-Draft”'), 'pre draft');
      assert.equal(normaliseDraftName('The Predraft'), 'pre draft');
      assert.equal(normaliseDraftName('Revised predraft'), 'revised pre draft');
      assert.equal(normaliseDraftName('Theme draft'), 'theme draft');
    });
  });

  describe('a second language', () => {
    // A made-up language with its own keyword, connectors and qualifier words,
    // to show that the scanner reads only what its vocabulary gives it.
    const other: Vocabulary = {
      ...english,
      language: 'x-test',
      name: 'Test',
      // "al" alone is a word of the language; the abbreviation needs its full stop.
      citationKeywords: { singular: ['alinea', 'al.', '§'], plural: ['alineas', '§§'] },
      articles: ['the', 'l’'],
      rangeConnectors: { words: ['until'], signs: ['-'] },
      listConnectors: { commas: [','], words: ['plus'], signs: [] },
      qualifierPrepositions: ['from'],
    };

    it('reads citations in the words of the vocabulary given, and only those', () => {
      const text = 'See alineas 3 until 5 plus 7 from the Zero Draft, and para 9.';
      assert.deepEqual(
        scanCitations(text, { vocabulary: other }).map((citation) => [citation.keyword, citation.numbers, citation.qualifier?.kind === 'draft' ? citation.qualifier.name : undefined]),
        [['alineas', ['3', '4', '5', '7'], 'Zero Draft']],
      );
    });

    it('reads an abbreviation that needs its full stop only with it, and an elided article glued to the name', () => {
      const text = 'al 5 is not cited, al. 6 from l’Avant-projet is, and so is alinea 7 from the Avant-projet.';
      assert.deepEqual(
        scanCitations(text, { vocabulary: other, draftNames: ['Avant-projet'] }).map((citation) => [citation.keyword, citation.numbers, citation.qualifier && text.slice(citation.qualifier.span.start, citation.qualifier.span.end)]),
        [
          ['al.', ['6'], 'from l’Avant-projet'],
          ['alinea', ['7'], 'from the Avant-projet'],
        ],
      );
      assert.equal(completionTrigger(other).exec('see al. ')?.[1], '');
      assert.equal(completionTrigger(other).exec('see al '), null);
    });

    it('reads the words of several languages at once when they are combined', () => {
      const both = combineVocabularies([english, other]);
      assert.equal(combineVocabularies([english, other]), both, 'the same languages give the same object');
      const text = 'See § 3 from the Zero Draft and paras 9-10 of the First Draft.';
      assert.deepEqual(
        scanCitations(text, { vocabulary: both }).map((citation) => [citation.keyword, citation.numbers, citation.qualifier?.kind === 'draft' ? citation.qualifier.name : undefined]),
        [
          ['§', ['3'], 'Zero Draft'],
          ['paras', ['9', '10'], 'First Draft'],
        ],
      );
      assert.ok(completionTrigger(both).test('See alinea '));
      assert.ok(completionTrigger(both).test('See para '));
    });
  });
});
