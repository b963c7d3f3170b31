import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { scanCitations } from '../../server/src/core/citations';
import { parseDraft } from '../../server/src/core/draftParser';
import { Paragraph } from '../../server/src/core/model';
import {
  MAX_ALIGNED_QUOTE_WORDS,
  QuoteCheck,
  QuotationPairing,
  TextKeyedCache,
  checkQuotation,
  createQuotationIndex,
  findQuotations,
  firstStartingAt,
  locateQuotation,
  spanCover,
  trimEndWhile,
} from '../../server/src/core/quotations';
import { foldTypography, normaliseText, wordTokens } from '../../server/src/core/textNormalise';
import { fixturesDir, needsCorpus, readCorpus } from '../support/paths';

const fixture = (name: string) => fs.readFileSync(path.join(fixturesDir, 'quotations', name), 'utf8');
const draft = parseDraft(fixture('draft.txt'));
const submission = fixture('submission.md');

function paragraph(number: string): Paragraph {
  const found = draft.paragraphs.find((p) => p.number === number);
  assert.ok(found, `fixture paragraph ${number}`);
  return found;
}

function pairingOf(pairings: QuotationPairing[], opening: string): QuotationPairing {
  const found = pairings.filter((p) => p.quotation.text.startsWith(opening));
  assert.equal(found.length, 1, `one quotation opening "${opening}"`);
  return found[0];
}

/** The check against the paragraph the quotation is attributed to. */
function checkAttributed(pairing: QuotationPairing): QuoteCheck {
  assert.ok(pairing.citation, `"${pairing.quotation.text}" has a citation`);
  return checkQuotation(pairing.quotation.text, paragraph(pairing.citation.numbers[0]).text);
}

function differencesOf(check: QuoteCheck): [string, string?, string?][] {
  assert.equal(check.outcome, 'near', JSON.stringify(check));
  if (check.outcome !== 'near') return [];
  return check.differences.map((d) =>
    d.kind === 'changed' ? [d.kind, d.quoted, d.source] : d.kind === 'added' ? [d.kind, d.quoted] : [d.kind, undefined, d.source],
  );
}

describe('quotations in a submission', () => {
  const pairings = findQuotations(submission, scanCitations(submission));

  it('pairs each quotation with the citation it belongs to', () => {
    const seen = pairings.map((p) => [p.quotation.text.split(/\s+/).slice(0, 3).join(' '), p.citation?.numbers[0], p.reason]);
    assert.deepEqual(seen, [
      ['publicly reaffirm their', '6', 'before'],
      ['frequent and structured', '9', 'after'], // right after the closing mark, not "para 2" before it
      ['recurrent and structured', '9', 'after'],
      ['a shared register', '3', 'before'],
      ['any future mechanism', '10', 'after'],
      ['hospitals, water systems', '4', 'before'],
      ['[s]tates stressed that', '5', 'after'],
      ["the Group's attention", '4', 'after'],
      ['cybersecurity focus on', '10', 'after'],
      ['a peaceful and', '1', 'before'], // "e.g. para. 1" does not end the sentence
      ['two-way street', '8', 'before'],
      ['bridge builder', undefined, undefined],
      ['Member States affirmed', '2', 'line-before'],
      ['Any future mechanism', '10', 'line-after'],
    ]);
  });

  it('marks scare quotes of up to three words as short', () => {
    assert.deepEqual(
      pairings.filter((p) => p.quotation.short).map((p) => p.quotation.text),
      ['two-way street', 'bridge builder'],
    );
    assert.equal(pairingOf(pairings, 'a peaceful').quotation.wordCount, 6);
  });

  it('gives spans that point back into the submission, marks included', () => {
    for (const { quotation } of pairings) {
      const { start, end } = quotation.textSpan;
      assert.equal(normaliseText(submission.slice(start, end)), normaliseText(quotation.text));
      assert.ok(quotation.span.start <= start && end <= quotation.span.end);
    }
    const curly = pairingOf(pairings, 'publicly').quotation;
    assert.equal(submission[curly.span.start], '\u201C');
    assert.equal(submission[curly.span.end - 1], '\u201D');
    const block = pairingOf(pairings, 'Member States').quotation;
    assert.equal(block.kind, 'block');
    assert.ok(!block.text.includes('>'), 'block-quote markers are blanked out');
  });

  it('finds an exact quotation, in curly or straight quotes, with its passage', () => {
    for (const opening of ['publicly', 'frequent']) {
      const check = checkAttributed(pairingOf(pairings, opening));
      assert.equal(check.outcome, 'exact');
    }
    const check = checkAttributed(pairingOf(pairings, 'frequent'));
    assert.ok(check.outcome === 'exact');
    assert.equal(check.passage, 'frequent and structured talks under the auspices of the Organization');
    assert.equal(paragraph('9').text.slice(check.span.start, check.span.end), check.passage);
  });

  it('names the differing words of a near quotation', () => {
    const check = checkAttributed(pairingOf(pairings, 'recurrent'));
    assert.deepEqual(differencesOf(check), [
      ['changed', 'recurrent', 'frequent'],
      ['changed', 'in', 'under'],
    ]);
    const block = checkAttributed(pairingOf(pairings, 'Any future mechanism'));
    assert.deepEqual(differencesOf(block), [
      ['changed', 'prior', 'earlier'],
      ['added', 'and'],
    ]);
  });

  it('reads words a quotation adds at either end as added, not as changed into the next sentence of the paragraph', () => {
    const source = 'States discussed the matter at length. States proposed that the norms be operationalized through national guidance and regional exchanges of good practice. Proposals included a roadmap.';
    const trailing = checkQuotation('the norms be operationalized through national guidance and regional exchanges of good practice over time', source);
    assert.deepEqual(differencesOf(trailing), [['added', 'over time']]);
    assert.ok(trailing.outcome === 'near' && trailing.passage === 'the norms be operationalized through national guidance and regional exchanges of good practice');
    const oneAcross = checkQuotation('the norms be operationalized through national guidance and regional exchanges of good practice soon', source);
    assert.deepEqual(differencesOf(oneAcross), [['added', 'soon']]);
    const leading = checkQuotation('in our view States proposed that the norms be operationalized through national guidance and regional exchanges of good practice', source);
    assert.deepEqual(differencesOf(leading), [['added', 'in our view']]);
    const firstWordChanged = checkQuotation('Members proposed that the norms be operationalized through national guidance and regional exchanges of good practice', source);
    assert.deepEqual(differencesOf(firstWordChanged), [['changed', 'Members', 'States']], 'one word against its counterpart stays a change');
  });

  it('gives the spans of the differing words in the quote and in the paragraph', () => {
    const { quotation, citation } = pairingOf(pairings, 'recurrent');
    const check = checkQuotation(quotation.text, paragraph(citation!.numbers[0]).text);
    assert.ok(check.outcome === 'near');
    const first = check.differences[0];
    assert.ok(first.kind === 'changed');
    assert.equal(submission.slice(quotation.textSpan.start + first.quotedSpan.start, quotation.textSpan.start + first.quotedSpan.end), 'recurrent');
    assert.equal(paragraph('9').text.slice(first.sourceSpan.start, first.sourceSpan.end), 'frequent');
  });

  it('finds a misplaced quotation in the paragraph it comes from', () => {
    const pairing = pairingOf(pairings, 'a shared register');
    assert.equal(checkAttributed(pairing).outcome, 'none');
    const located = locateQuotation(pairing.quotation.text, draft.paragraphs);
    assert.deepEqual(located.map((l) => [l.number, l.check.outcome]), [['7', 'exact']]);
  });

  it('reports an invented quotation as not found, with the closest passage', () => {
    const pairing = pairingOf(pairings, 'any future mechanism');
    const check = checkAttributed(pairing);
    assert.ok(check.outcome === 'none');
    assert.ok(check.similarity < 0.7, String(check.similarity));
    assert.ok(check.closest?.passage.startsWith('Any future mechanism should'), check.closest?.passage);
    assert.deepEqual(locateQuotation(pairing.quotation.text, draft.paragraphs), []);
  });

  it('lets an ellipsis stand for a gap, in order only', () => {
    assert.equal(checkAttributed(pairingOf(pairings, 'hospitals')).outcome, 'exact');
    const p4 = paragraph('4').text;
    for (const gap of ['…', '...', '[…]', '[...]', '. . .']) {
      assert.equal(checkQuotation(`hospitals ${gap} public confidence`, p4).outcome, 'exact', gap);
    }
    assert.notEqual(checkQuotation('public confidence … hospitals, water systems', p4).outcome, 'exact');
  });

  it('lets bracketed alterations stand for the letters or words they replace', () => {
    assert.equal(checkAttributed(pairingOf(pairings, '[s]tates')).outcome, 'exact');
    const p6 = paragraph('6').text;
    assert.equal(checkQuotation('[It] encourages all States to publicly reaffirm', p6).outcome, 'exact');
    assert.equal(checkQuotation('encourages all [S]tates to publicly reaffirm [their] commitment', p6).outcome, 'exact');
    assert.equal(checkQuotation('encourages all States [sic] to publicly reaffirm', p6).outcome, 'exact');
    assert.equal(checkQuotation('encourages all [countr]ies to publicly reaffirm', p6).outcome, 'near');
  });

  it('ignores hyphenation, apostrophes, footnote markers, emphasis and case', () => {
    assert.equal(checkAttributed(pairingOf(pairings, 'cybersecurity')).outcome, 'exact');
    assert.equal(checkAttributed(pairingOf(pairings, "the Group's")).outcome, 'exact');
    const p10 = 'Any future mechanism should re-\naffirm a cyber¹ security focus on *practical* cooperation.';
    assert.equal(checkQuotation('should reaffirm a CYBER-SECURITY focus on practical cooperation', p10).outcome, 'exact');
    assert.equal(checkQuotation('should **re-affirm** a cyber security focus on _practical_ co-operation', p10).outcome, 'exact');
    assert.equal(checkQuotation('should reaffirm a cyber\u2011security focus', p10).outcome, 'exact');
  });

  it('treats a short quotation as exact or not found, never near', () => {
    const p8 = paragraph('8').text;
    assert.equal(checkQuotation('two-way street', p8).outcome, 'exact');
    assert.equal(checkQuotation('two-way road', p8).outcome, 'none');
    assert.equal(checkQuotation('one-way street', p8).outcome, 'none');
    assert.equal(checkQuotation('bridge builder', p8).outcome, 'none');
  });

  it('reports words a quotation leaves out without an ellipsis', () => {
    const check = checkQuotation('hold frequent talks under the auspices of the Organization on how', paragraph('9').text);
    assert.deepEqual(differencesOf(check), [['omitted', undefined, 'and structured']]);
  });
});

describe('finding quotations around citations', () => {
  const pair = (text: string, options?: Parameters<typeof scanCitations>[1]) =>
    findQuotations(text, scanCitations(text, options)).map((p) => [p.quotation.text, p.citation?.numbers[0] ?? null, p.reason ?? null]);

  it('does not pair a quotation with a citation in another sentence', () => {
    assert.deepEqual(pair('Para 7 is clear. The “regular exchanges of good practice” are welcome.'), [
      ['regular exchanges of good practice', null, null],
    ]);
  });

  it('does not end a sentence at an abbreviation or a document symbol', () => {
    assert.deepEqual(pair('Para. 7 proposes, as A/70/174. Did before it, “regular exchanges of good practice”.'), [
      ['regular exchanges of good practice', '7', 'before'],
    ]);
    assert.deepEqual(pair('Paras. 6 and 7, i.e. the norms, call for “regular exchanges”.'), [['regular exchanges', '6', 'before']]);
  });

  it('pairs each quotation of a sentence with its own citation', () => {
    assert.deepEqual(pair('Paragraph 5 speaks of “how a tool is used” while paragraph 8 speaks of “a two-way street”.'), [
      ['how a tool is used', '5', 'before'],
      ['a two-way street', '8', 'before'],
    ]);
    assert.deepEqual(pair('We note “how a tool is used” and “not in the tool as such” (para 5).'), [
      ['how a tool is used', '5', 'sentence'],
      ['not in the tool as such', '5', 'after'],
    ]);
  });

  it('pairs each quotation with the citation that introduces it, even when the next citation stands right after it', () => {
    assert.deepEqual(pair('The draft says in para 12 “risks are growing”; in para 13 “no State is immune”.'), [
      ['risks are growing', '12', 'before'],
      ['no State is immune', '13', 'before'],
    ]);
    assert.deepEqual(pair('Para 12 speaks of “risks that are growing”, para 13 of “a shared exposure”.'), [
      ['risks that are growing', '12', 'before'],
      ['a shared exposure', '13', 'before'],
    ]);
    assert.deepEqual(pair('We note “risks are growing” (para 12) and “no State is immune” (para 13).'), [
      ['risks are growing', '12', 'after'],
      ['no State is immune', '13', 'after'],
    ]);
  });

  it('takes a quoted draft name next to a citation for its qualifier, not for a quotation', () => {
    assert.deepEqual(pair('The “Zero Draft”, para 20 says “risks are growing”.', { draftNames: ['Zero Draft'] }), [['risks are growing', '20', 'before']]);
    assert.deepEqual(pair('As para 20 of the “Zero Draft” says, “risks are growing”.', { draftNames: ['Zero Draft'] }), [['risks are growing', '20', 'before']]);
  });

  it('looks past a footnote marker between the closing mark and the citation', () => {
    for (const marker of ['¹', '²³', '[^4]', '<sup>5</sup>']) {
      assert.deepEqual(pair(`Unlike para 2, the draft says “risks are growing”${marker} (para 12).`), [['risks are growing', '12', 'after']], marker);
    }
  });

  it('keeps a quotation whole when it holds sentences of its own', () => {
    assert.deepEqual(pair('It says “Trust matters. Capacity matters too.” (para 2)'), [['Trust matters. Capacity matters too.', '2', 'after']]);
  });

  it('pairs a block quote with the citation that closes it', () => {
    assert.deepEqual(pair('Our view:\n\n> “States proposed that the norms be operationalized” (para 7)\n'), [
      ['States proposed that the norms be operationalized', '7', 'inside'],
    ]);
  });

  it('drops an opening mark that is never closed before a blank line', () => {
    assert.deepEqual(pair('The “first part (para 3)\n\nand then “a closed one” (para 4).'), [['a closed one', '4', 'after']]);
  });
});

describe('locating a quotation in a draft', () => {
  it('returns exact matches before near ones', () => {
    const paragraphs = [
      { number: '1', text: 'States should hold regular consultations on the matter at hand.' },
      { number: '2', text: 'States should hold regular and structured consultations on the matter.' },
      { number: '3', text: 'Nothing here is related to the quotation at all.' },
    ];
    const located = locateQuotation('States should hold regular consultations on the matter', createQuotationIndex(paragraphs));
    assert.deepEqual(located.map((l) => [l.number, l.check.outcome]), [
      ['1', 'exact'],
      ['2', 'near'],
    ]);
  });

  it('finds short quotations wherever they stand exactly', () => {
    const located = locateQuotation('two-way street', draft.paragraphs);
    assert.deepEqual(located.map((l) => l.number), ['8']);
  });

  it('answers a repeated quotation from the index cache', () => {
    const index = createQuotationIndex(draft.paragraphs);
    const first = locateQuotation('a shared register of implementation measures', index);
    assert.equal(locateQuotation('a shared register of implementation measures', index), first);
  });
});

describe('normalisation', () => {
  it('folds typography without dropping punctuation', () => {
    assert.equal(foldTypography('the Group\u2019s \u201Cnorms\u201D \u2014 all\u00B9 of them\u2026'), 'the Group\'s "norms" - all of them...');
  });

  it('reads the modifier letter apostrophe as an apostrophe, never as a word of its own', () => {
    assert.equal(normaliseText('\u02BC'), '');
    assert.equal(normaliseText('the State\u02BCs \u02BCown\u02BC view'), "the state's own view");
  });

  it('gives words with their spans in the original text', () => {
    const text = 'Re-\naffirm the State\u2019s commitment\u00B9.';
    assert.deepEqual(
      wordTokens(text).map((t) => [t.word, text.slice(t.span.start, t.span.end)]),
      [
        ['reaffirm', 'Re-\naffirm'],
        ['the', 'the'],
        ["state's", 'State\u2019s'],
        ['commitment', 'commitment'],
      ],
    );
  });
});

describe('quotation properties', () => {
  const paragraphs = draft.paragraphs.map((p) => p.text);
  const vocabulary = new Set(draft.paragraphs.flatMap((p) => wordTokens(p.text).map((t) => t.word)));
  /** A paragraph and a window of its words: [paragraph text, first word, word count]. */
  const windowOf = (minWords: number) =>
    fc
      .constantFrom(...paragraphs)
      .chain((text) => {
        const count = wordTokens(text).length;
        return fc.tuple(fc.constant(text), fc.integer({ min: 0, max: count - minWords }), fc.integer({ min: minWords, max: count }));
      })
      .map(([text, first, size]) => {
        const tokens = wordTokens(text).slice(first, first + size);
        return { text, tokens, quote: text.slice(tokens[0].span.start, tokens[tokens.length - 1].span.end) };
      });

  it('normalisation is idempotent', () => {
    const typographic = fc.string({
      unit: fc.constantFrom('a', 'B', 'é', ' ', '\n', '-', '\u2010', '\u2013', '\u2019', "'", '\u201C', '"', '*', '_', '\u00B9', '1', '\uFB01', '\u0130'),
    });
    for (const text of [fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), typographic]) {
      fc.assert(
        fc.property(text, (s) => {
          const once = normaliseText(s);
          assert.equal(normaliseText(once), once);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('a window of a paragraph is an exact quotation of it', () => {
    fc.assert(
      fc.property(windowOf(1), ({ text, quote }) => {
        const check = checkQuotation(quote, text);
        assert.equal(check.outcome, 'exact');
        assert.ok(check.outcome === 'exact');
        assert.equal(normaliseText(check.passage), normaliseText(quote));
      }),
      { numRuns: 300 },
    );
  });

  it('one changed word in a window of eight or more words is a near quotation naming it', () => {
    const freshWord = fc.stringMatching(/^[a-z]{3,9}$/).filter((w) => !vocabulary.has(w));
    fc.assert(
      fc.property(windowOf(8), fc.nat(), freshWord, ({ text, tokens, quote }, at, fresh) => {
        const target = tokens[at % tokens.length];
        const offset = tokens[0].span.start;
        const changed = quote.slice(0, target.span.start - offset) + fresh + quote.slice(target.span.end - offset);
        const check = checkQuotation(changed, text);
        assert.deepEqual(differencesOf(check), [['changed', fresh, text.slice(target.span.start, target.span.end)]]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('quotations in long blocks', () => {
  /** What a pairing says, with offsets moved by `shift`: comparable across texts. */
  const described = (pairings: QuotationPairing[], shift = 0) =>
    pairings.map((p) => ({
      span: [p.quotation.span.start + shift, p.quotation.span.end + shift],
      text: p.quotation.text,
      citation: p.citation ? [p.citation.span.start + shift, p.citation.numbers.join(' ')] : null,
      reason: p.reason ?? null,
    }));
  const pairingsOf = (text: string) => findQuotations(text, scanCitations(text));
  /** The pairings of each sentence found on its own, moved to where the sentence stands in the block. */
  const oneAtATime = (sentences: readonly string[], separator: string) => {
    const found: ReturnType<typeof described> = [];
    let at = 0;
    for (const sentence of sentences) {
      found.push(...described(pairingsOf(sentence), at));
      at += sentence.length + separator.length;
    }
    return found;
  };

  it('pairs a sentence repeated thousands of times on one line, or once a line, as it pairs it alone', () => {
    const sentence = 'para 12 says “growing in scale” and ¶ 41, paras 9-11.';
    const alone = described(pairingsOf(sentence));
    assert.deepEqual(alone, [{ span: [13, 31], text: 'growing in scale', citation: [0, '12'], reason: 'before' }]);
    for (const separator of [' ', '\n']) {
      const copies = Array.from({ length: 3000 }, () => sentence);
      assert.deepEqual(described(pairingsOf(copies.join(separator))), oneAtATime(copies, separator), JSON.stringify(separator));
    }
  });

  it('pairs the quotations of a long block as it pairs its sentences one at a time', () => {
    const opener = fc.constantFrom('We', 'The Group', 'States', 'Para 3', 'Paragraph 8', '“Trust matters”', 'In para 4');
    const piece = fc.constantFrom(
      'para 12', 'paras 9-11', '¶ 41', 'paragraph 7', '(para 5)', 'paras 3 and 4', 'para 20 of the Zero Draft',
      '“growing in scale”', '"regular and inclusive consultations"', '“no State is immune”', '“a two-way street”¹', '"capacity"',
      'says', 'and', 'we note', 'of', 'in', ',', ';', 'as', 'welcomes', '—', 'notes that',
    );
    const sentence = fc.tuple(opener, fc.array(piece, { minLength: 1, maxLength: 12 })).map(([first, rest]) => `${first} ${rest.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 60 }), fc.constantFrom(' ', '\n', '  '), (sentences, separator) => {
        assert.deepEqual(described(pairingsOf(sentences.join(separator))), oneAtATime(sentences, separator));
      }),
      { numRuns: 200 },
    );
  });

  it('finds the first item starting at or after an offset by binary search', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(200)), fc.integer({ min: -5, max: 210 }), fc.nat(30), (starts, offset, from) => {
        const sorted = [...starts].sort((a, b) => a - b).map((start) => ({ span: { start, end: start + 1 } }));
        const first = Math.min(from, sorted.length);
        const expected = sorted.findIndex((item, k) => k >= first && item.span.start >= offset);
        assert.equal(firstStartingAt(sorted, offset, first), expected < 0 ? sorted.length : expected);
      }),
      { numRuns: 500 },
    );
  });

  it('tells whether a span lies inside one of a set of spans, overlapping or not', () => {
    const span = fc.tuple(fc.nat(100), fc.nat(30)).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span), span, (spans, probe) => {
        const expected = spans.some((s) => s.start <= probe.start && probe.end <= s.end);
        assert.equal(spanCover(spans)(probe), expected);
      }),
      { numRuns: 500 },
    );
    assert.equal(spanCover([])({ start: 0, end: 0 }), false);
  });

  it('trims the characters of a class from the end of a text as the pattern "[…]*$" does', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '(', ',', '\u2013', '-', 'é', '\uD83D') });
    fc.assert(
      fc.property(text, (s) => assert.equal(trimEndWhile(s, /[\s([,\u2013\u2014-]/), s.replace(/[\s([,\u2013\u2014-]*$/, ''))),
      { numRuns: 500 },
    );
    assert.equal(trimEndWhile(`States${' '.repeat(200000)}agreed${' '.repeat(200000)}(`, /[\s(]/), `States${' '.repeat(200000)}agreed`);
  });

  it('empties a quotation cache when it holds too many entries or too many characters', () => {
    const byCount = new TextKeyedCache<number>(2);
    byCount.set('a', 1);
    byCount.set('b', 2);
    byCount.set('b', 3);
    assert.equal(byCount.size, 2);
    assert.equal(byCount.get('b'), 3);
    byCount.set('c', 4);
    assert.deepEqual([byCount.size, byCount.get('a'), byCount.get('c')], [1, undefined, 4]);
    const byChars = new TextKeyedCache<number>(100, 10);
    byChars.set('x'.repeat(6), 1);
    byChars.set('y'.repeat(4), 2);
    assert.equal(byChars.size, 2);
    byChars.set('z', 3);
    assert.deepEqual([byChars.size, byChars.get('z')], [1, 3]);
  });
});

describe('quotations too long to align', () => {
  // Paragraphs of a few words repeated at random: a run of words occurs many
  // times, the way a search must not be fooled by.
  const WORDS = ['States', 'norms', 'capacity', 'the', 'Group'];
  const longParagraph = fc.array(fc.nat(WORDS.length - 1), { minLength: MAX_ALIGNED_QUOTE_WORDS + 50, maxLength: MAX_ALIGNED_QUOTE_WORDS + 400 }).map((picks) => picks.map((k) => WORDS[k]));
  /** Where `words` first stand in `paragraph`, word by word: the plain search. */
  const firstOccurrence = (paragraph: readonly string[], words: readonly string[], from = 0) => {
    for (let start = from; start + words.length <= paragraph.length; start++) {
      if (words.every((w, k) => paragraph[start + k] === w)) return start;
    }
    return -1;
  };
  /** The offset of the `k`th word of a paragraph written with single spaces. */
  const offsetOf = (words: readonly string[], k: number) => words.slice(0, k).reduce((sum, w) => sum + w.length + 1, 0);

  it('finds a window of more than the limit exactly, at its first occurrence, without aligning it', () => {
    fc.assert(
      fc.property(longParagraph, fc.nat(), (words, seed) => {
        const length = MAX_ALIGNED_QUOTE_WORDS + 1 + (seed % 40);
        const first = seed % (words.length - length + 1);
        const window = words.slice(first, first + length);
        const check = checkQuotation(window.join(' '), words.join(' '));
        assert.equal(check.outcome, 'exact');
        assert.ok(check.outcome === 'exact' && check.unaligned);
        const at = firstOccurrence(words, window);
        assert.equal(check.span.start, offsetOf(words, at));
        assert.equal(check.passage, window.join(' '));
        assert.equal(check.quoteWords, length);
      }),
      { numRuns: 25 },
    );
  });

  it('finds the runs of words between ellipses in order, and nothing when a word differs', () => {
    fc.assert(
      fc.property(longParagraph, fc.nat(), (words, seed) => {
        const half = (MAX_ALIGNED_QUOTE_WORDS >> 1) + 1;
        const start = seed % (words.length - 2 * half - 10);
        const head = words.slice(start, start + half);
        const tail = words.slice(start + half + 5, start + 2 * half + 5);
        const check = checkQuotation(`${head.join(' ')} … ${tail.join(' ')}`, words.join(' '));
        assert.equal(check.outcome, 'exact');
        const changed = [...head];
        changed[seed % half] = 'cooperation';
        const missed = checkQuotation(`${changed.join(' ')} … ${tail.join(' ')}`, words.join(' '));
        assert.deepEqual([missed.outcome, missed.unaligned, missed.outcome === 'none' && missed.closest], ['none', true, undefined]);
      }),
      { numRuns: 25 },
    );
  });

  it('aligns a quote of the limit as before, naming a changed word', () => {
    const words = Array.from({ length: MAX_ALIGNED_QUOTE_WORDS + 20 }, (_, k) => `w${k.toString(36)}`);
    const quote = words.slice(10, 10 + MAX_ALIGNED_QUOTE_WORDS);
    quote[100] = 'cooperation';
    const check = checkQuotation(quote.join(' '), words.join(' '));
    assert.equal(check.outcome, 'near');
    assert.ok(!check.unaligned);
    assert.deepEqual(differencesOf(check), [['changed', 'cooperation', words[110]]]);
  });

  it('locates a long quotation in a draft only where it stands as written', () => {
    const paragraphText = Array.from({ length: MAX_ALIGNED_QUOTE_WORDS + 100 }, (_, k) => WORDS[(k * 7) % 5] + (k % 11)).join(' ');
    const paragraphs = [{ number: '1', text: 'States agreed.' }, { number: '2', text: paragraphText }];
    const quote = paragraphText.split(' ').slice(30, 30 + MAX_ALIGNED_QUOTE_WORDS + 10).join(' ');
    assert.deepEqual(locateQuotation(quote, paragraphs).map((l) => [l.number, l.check.outcome]), [['2', 'exact']]);
    assert.deepEqual(locateQuotation(`${quote} cooperation`, paragraphs), []);
  });
});

describe('quotations of the real GPD response located in the real Zero Draft', () => {
  let gpd: string;
  let zeroDraft: ReturnType<typeof parseDraft>;
  let index: ReturnType<typeof createQuotationIndex>;
  let pairings: ReturnType<typeof findQuotations>;
  let long: ReturnType<typeof findQuotations>;
  before(function () {
    needsCorpus(this);
    gpd = readCorpus('gpd-response-to-pre-draft-2020-03.md');
    zeroDraft = parseDraft(readCorpus('zero-draft-2021.txt'));
    index = createQuotationIndex(zeroDraft.paragraphs);
    pairings = findQuotations(gpd, scanCitations(gpd));
    long = pairings.filter((p) => p.quotation.wordCount >= 5);
  });
  const quoted = (opening: string) => pairingOf(pairings, opening).quotation.text;

  it('finds the quotations and pairs those next to a paragraph citation', () => {
    assert.ok(long.length >= 12, `${long.length} quotations of five words or more`);
    assert.deepEqual(
      pairings.filter((p) => p.citation).map((p) => [p.citation!.numbers[0], p.reason, p.quotation.wordCount]),
      [
        ['34', 'after', 35],
        ['56', 'after', 3],
        ['52', 'sentence', 13],
        ['52', 'after', 8],
      ],
    );
  });

  it('locates the few Pre-draft quotations the Zero Draft kept, as near matches', () => {
    const located = long
      .map((p) => [p.quotation.text.split(/\s+/).slice(0, 3).join(' '), locateQuotation(p.quotation.text, index)] as const)
      .filter(([, found]) => found.length > 0)
      .map(([opening, found]) => [opening, found.map((l) => `${l.number} ${l.check.outcome}`)]);
    assert.deepEqual(located, [
      ['the exploitation of', ['16 near']],
      ['voluntary, non-binding norms', ['46 near']],
    ]);
  });

  it('names what the Zero Draft changed in a quoted phrase', () => {
    const [norms] = locateQuotation(quoted('voluntary, non-binding norms of responsible State behaviour'), index);
    assert.deepEqual(differencesOf(norms.check), [['changed', 'are', 'should be viewed as']]);
    const [threats] = locateQuotation(quoted('the exploitation of harmful hidden functions'), index);
    assert.deepEqual(differencesOf(threats.check), [['added', 'and']]);
  });

  it('finds a scare-quoted term exactly where the Zero Draft uses it', () => {
    const term = pairingOf(pairings, 'gender digital').quotation;
    assert.ok(term.short);
    assert.deepEqual(locateQuotation(term.text, index).map((l) => `${l.number} ${l.check.outcome}`), ['11 exact', '84 exact']);
  });

  it('finds nothing for quotations of other documents', () => {
    for (const opening of ['State and non-state actors must not', 'States take measures to prevent non-State actors']) {
      assert.deepEqual(locateQuotation(quoted(opening), index), [], opening);
    }
  });
});

describe('abbreviations and one-word differences', () => {
  const trust = parseDraft(fs.readFileSync(path.join(fixturesDir, 'quotations', 'trust', 'zero-draft.txt'), 'utf8'));
  const text = (number: string) => trust.paragraphs.find((p) => p.number === number)!.text;
  const abbreviations = (check: QuoteCheck) => (check.abbreviations ?? []).map((a) => [a.quoted, a.source]);

  it('reads an acronym of words the paragraph spells out as those words, small words counting or not', () => {
    for (const [quote, number, expected] of [
      ['the 2015 report of the GGE on Advancing Responsible State Behaviour', '1', [['GGE', 'Group of Governmental Experts']]],
      ['the value of ICTs for sustainable development', '2', [['ICTs', 'information and communications technologies']]],
      ['the source of ICT incidents', '3', []],
    ] as const) {
      const check = checkQuotation(quote, text(number));
      assert.equal(check.outcome, 'exact', quote);
      assert.deepEqual(abbreviations(check), expected, quote);
    }
    const hyphenated = checkQuotation('develop CBMs at the regional level', 'States should develop confidence-building measures at the regional level.');
    assert.equal(hyphenated.outcome, 'exact');
    assert.deepEqual(abbreviations(hyphenated), [['CBMs', 'confidence-building measures']]);
  });

  it('does not take capitals for initials they do not spell', () => {
    const check = checkQuotation('the 2015 report of the OEWG on Advancing Responsible State Behaviour', text('1'));
    assert.notEqual(check.outcome, 'exact');
    assert.deepEqual(abbreviations(check), []);
  });

  it('keeps naming the other differences of a quote with an acronym', () => {
    const check = checkQuotation('the 2015 reports of the GGE on Advancing Responsible State Behaviour', text('1'));
    assert.equal(check.outcome, 'near');
    assert.deepEqual(check.outcome === 'near' && check.differences.map((d) => [d.kind, d.kind === 'changed' && d.quoted]), [['changed', 'reports']]);
    assert.deepEqual(abbreviations(check), [['GGE', 'Group of Governmental Experts']]);
  });

  it('takes a quote of four words differing in one word as a near match, and one of three as no match', () => {
    const four = checkQuotation('sources of ICT incidents', text('3'));
    assert.equal(four.outcome, 'near');
    assert.deepEqual(four.outcome === 'near' && four.differences.map((d) => d.kind === 'changed' && [d.quoted, d.source]), [['sources', 'source']]);
    assert.equal(checkQuotation('sources of ICT', text('3')).outcome, 'none');
    assert.equal(checkQuotation('the sources of ICT threats', text('3')).outcome, 'none', 'two words differ');
  });
});

describe('quotations against a paragraph of one word (found by the incremental fuzzer)', () => {
  it('compares a long quote with a one-letter paragraph without failing, as not found', () => {
    const check = checkQuotation('may fall most heavily on vulnerable groups, small businesses and States with limited capacity', 'S');
    assert.notEqual(check.outcome, 'exact');
  });
});
