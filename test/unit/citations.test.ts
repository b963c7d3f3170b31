import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { MAX_RANGE, scanCitations, ScanCitationsOptions } from '../../server/src/core/citations';
import { scanSymbols } from '../../server/src/core/symbols';
import { Citation, Qualifier } from '../../server/src/core/model';
import { fixturesDir, needsCorpus, readCorpus } from '../support/paths';

/** A citation as a reader sees it: its text, keyword, numbers, parts as written, qualifier. */
interface Seen {
  text: string;
  keyword: string;
  numbers: string[];
  /** "74" for a single number, "57..60" for a range, each read back from its span(s). */
  parts: string[];
  /** [kind, name or symbol, the qualifier's text]. */
  qualifier?: [Qualifier['kind'], string, string];
}

function seen(text: string, citation: Citation): Seen {
  const slice = (span: { start: number; end: number }) => text.slice(span.start, span.end);
  const result: Seen = {
    text: slice(citation.span),
    keyword: citation.keyword,
    numbers: citation.numbers,
    parts: citation.parts.map((part) => {
      if (part.kind === 'single') {
        assert.equal(slice(part.span).replace(/[ \u00a0]/, ''), part.number);
        return part.number;
      }
      assert.equal(slice(part.fromSpan).replace(/[ \u00a0]/, ''), part.from);
      assert.equal(slice(part.toSpan).replace(/[ \u00a0]/, ''), part.to);
      return `${part.from}..${part.to}`;
    }),
  };
  const qualifier = citation.qualifier;
  if (qualifier) {
    const label = qualifier.kind === 'draft' || qualifier.kind === 'other' ? qualifier.name : qualifier.kind === 'document' ? qualifier.symbol : '';
    result.qualifier = [qualifier.kind, label, slice(qualifier.span)];
  }
  return result;
}

function scan(text: string, options?: ScanCitationsOptions): Seen[] {
  return scanCitations(text, options).map((citation) => seen(text, citation));
}

/** Shorthand for a citation without a qualifier whose parts are its numbers. */
function plain(text: string, keyword: string, ...numbers: string[]): Seen {
  return { text, keyword, numbers, parts: numbers };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('scanCitations', () => {
  describe('keywords and numbers', () => {
    const cases: Array<[sentence: string, expected: Seen[]]> = [
      ['We support para 74 as drafted.', [plain('para 74', 'para', '74')]],
      ['We support para. 74 as drafted.', [plain('para. 74', 'para.', '74')]],
      ['Para 36 goes too far.', [plain('Para 36', 'Para', '36')]],
      ['The wording of paragraph 74 is welcome.', [plain('paragraph 74', 'paragraph', '74')]],
      ['Paragraph 16 refers to capacities.', [plain('Paragraph 16', 'Paragraph', '16')]],
      ['See par 50 and par. 51.', [plain('par 50', 'par', '50'), plain('par. 51', 'par.', '51')]],
      ['Both ¶ 74 and ¶74 say so.', [plain('¶ 74', '¶', '74'), plain('¶74', '¶', '74')]],
      ['(¶¶ 57-60)', [{ text: '¶¶ 57-60', keyword: '¶¶', numbers: ['57', '58', '59', '60'], parts: ['57..60'] }]],
      ['as paras 57-60 show', [{ text: 'paras 57-60', keyword: 'paras', numbers: ['57', '58', '59', '60'], parts: ['57..60'] }]],
      ['as paras. 57–60 show', [{ text: 'paras. 57–60', keyword: 'paras.', numbers: ['57', '58', '59', '60'], parts: ['57..60'] }]],
      ['in operative paragraphs 2 to 4', [{ text: 'operative paragraphs 2 to 4', keyword: 'operative paragraphs', numbers: ['2', '3', '4'], parts: ['2..4'] }]],
      ['paragraphs 16 and 17 overlap', [plain('paragraphs 16 and 17', 'paragraphs', '16', '17')]],
      ['see paragraphs 24, 28 and 30.', [plain('paragraphs 24, 28 and 30', 'paragraphs', '24', '28', '30')]],
      ['(paras 5 and 6)', [plain('paras 5 and 6', 'paras', '5', '6')]],
      ['paras 57-60 and 62 repeat', [{ text: 'paras 57-60 and 62', keyword: 'paras', numbers: ['57', '58', '59', '60', '62'], parts: ['57..60', '62'] }]],
      ['paras 5, 6, 5 again', [plain('paras 5, 6, 5', 'paras', '5', '6', '5')].map((citation) => ({ ...citation, numbers: ['5', '6'] }))],
      ['a new paragraph 74bis', [plain('paragraph 74bis', 'paragraph', '74bis')]],
      ['a new paragraph 74 bis and paras 12 ter-14', [plain('paragraph 74 bis', 'paragraph', '74bis'), { text: 'paras 12 ter-14', keyword: 'paras', numbers: ['12ter', '13', '14'], parts: ['12ter..14'] }]],
      ['paragraph 5 a new idea', [plain('paragraph 5', 'paragraph', '5')]],
      ['paragraph 13(a) on the norms', [{ text: 'paragraph 13(a)', keyword: 'paragraph', numbers: ['13'], parts: ['13'] }]],
      ['paragraph 13 (a)(ii) and', [{ text: 'paragraph 13 (a)(ii)', keyword: 'paragraph', numbers: ['13'], parts: ['13'] }]],
      ['(paras. 12 et seq.)', [plain('paras. 12', 'paras.', '12')]],
      ['(paras 12ff. and 30)', [plain('paras 12ff. and 30', 'paras', '12', '30')]],
      // the author's own text
      ['as we said in paragraph 2 of our 2019 submission', [{ ...plain('paragraph 2', 'paragraph', '2'), qualifier: ['own', '', 'of our 2019 submission'] }]],
      ['see paras 4-5 of this paper', [{ text: 'paras 4-5', keyword: 'paras', numbers: ['4', '5'], parts: ['4..5'], qualifier: ['own', '', 'of this paper'] }]],
      ['Our paragraph 3 above says so.', [{ ...plain('paragraph 3', 'paragraph', '3'), qualifier: ['own', '', 'Our'] }]],
      // hard-wrapped text: a list or a range goes on on the next line, never across a blank line
      ['We support paragraphs 24,\n130 and 131 as drafted.', [plain('paragraphs 24,\n130 and 131', 'paragraphs', '24', '130', '131')]],
      ['see paras 115-\n120 on this', [{ text: 'paras 115-\n120', keyword: 'paras', numbers: ['115', '116', '117', '118', '119', '120'], parts: ['115..120'] }]],
      ['paragraphs 24 and\r\n28 differ', [plain('paragraphs 24 and\r\n28', 'paragraphs', '24', '28')]],
      ['paras 5\nto 7 say', [{ text: 'paras 5\nto 7', keyword: 'paras', numbers: ['5', '6', '7'], parts: ['5..7'] }]],
      ['paragraphs 24,\n\n28 is a new block', [plain('paragraphs 24', 'paragraphs', '24')]],
      ['as stated in paras 5 and\n6. States agreed that', [plain('paras 5', 'paras', '5')]],
      ['as stated in paragraph 5 and\n  6) the next item', [plain('paragraph 5', 'paragraph', '5')]],
      ['in operative paragraph 2 of it', [plain('operative paragraph 2', 'operative paragraph', '2')]],
      ['(para. 6 et al)', [plain('para. 6', 'para.', '6')]],
      ['a hard-wrapped paragraph\n12 still counts', [plain('paragraph\n12', 'paragraph', '12')]],
      ['para 74¹ and paragraph 12[^3]', [plain('para 74', 'para', '74'), plain('paragraph 12', 'paragraph', '12')]],
      ['PARAGRAPH 9 in capitals', [plain('PARAGRAPH 9', 'PARAGRAPH', '9')]],
    ];
    for (const [sentence, expected] of cases) {
      it(JSON.stringify(sentence), () => assert.deepEqual(scan(sentence), expected));
    }

    it(`keeps a reversed or huge range as one part, and expands a range of at most ${MAX_RANGE} paragraphs`, () => {
      assert.deepEqual(scan('paras 60-57'), [{ text: 'paras 60-57', keyword: 'paras', numbers: ['60', '57'], parts: ['60..57'] }]);
      assert.deepEqual(scan('paras 1-5000'), [{ text: 'paras 1-5000', keyword: 'paras', numbers: ['1', '5000'], parts: ['1..5000'] }]);
      assert.equal(scanCitations('paras 1-200')[0].numbers.length, 200);
      assert.deepEqual(scanCitations('paras 1-201')[0].numbers, ['1', '201']);
    });

    it('lets a singular keyword continue a list only where the next number is not a count of something', () => {
      assert.deepEqual(scan('paragraph 17 and 11 voluntary norms'), [plain('paragraph 17', 'paragraph', '17')]);
      assert.deepEqual(scan('para 12, 10 March 2020'), [plain('para 12', 'para', '12')]);
      assert.deepEqual(scan('para 12 and 13 of the Zero Draft').map((citation) => citation.numbers), [['12', '13']]);
      assert.deepEqual(scan('paragraph 24, 28 and 30.').map((citation) => citation.numbers), [['24', '28', '30']]);
    });
  });

  describe('what is not a citation', () => {
    const negatives = [
      '1. Discussions relating to the norms\n2. A second point',
      'on 10 March 2020 and 2020-03-11, the 11 voluntary norms, the 76th session',
      'see p. 5, pp 6 and pp. 6-7',
      'A/70/174 and A/RES/70/237 and Res 70/237 and resolution 73/27',
      'a paragraph with no number, the paragraph (a) and the paramount 5 paragraphs',
      'https://example.org/para-5?para=6 and <https://example.org/paragraph%205> and www.example.org/para/74',
      'footnote markers¹² and [^3] and Art. 2(4) of the Charter',
      'para74 is not how anyone writes',
    ];
    for (const text of negatives) {
      it(JSON.stringify(text), () => assert.deepEqual(scan(text), []));
    }

    it('never takes the digits of a symbol as paragraph numbers', () => {
      assert.deepEqual(scan('paras 5 and 70/237'), [plain('paras 5', 'paras', '5')]);
      assert.deepEqual(scan('paragraph 4 of resolution 68/243').map((citation) => citation.numbers), [['4']]);
    });
  });

  describe('qualifiers', () => {
    type Row = [sentence: string, numbers: string[], qualifier: Seen['qualifier']];
    const rows: Row[] = [
      ['We note para 7 of the Pre-draft here.', ['7'], ['draft', 'Pre-draft', 'of the Pre-draft']],
      ['as in para 7 of the pre-draft,', ['7'], ['draft', 'pre-draft', 'of the pre-draft']],
      ['compare para 74 of the Zero Draft.', ['74'], ['draft', 'Zero Draft', 'of the Zero Draft']],
      ['now para 60 in the First Draft.', ['60'], ['draft', 'First Draft', 'in the First Draft']],
      ['para 5 of the “Zero Draft” said', ['5'], ['draft', 'Zero Draft', 'of the “Zero Draft”']],
      ['para 5 of the "Zero Draft" said', ['5'], ['draft', 'Zero Draft', 'of the "Zero Draft"']],
      ['para 8 of the revised pre-draft, however,', ['8'], ['draft', 'revised pre-draft', 'of the revised pre-draft']],
      ['paras 3-4 of the final draft', ['3', '4'], ['draft', 'final draft', 'of the final draft']],
      ['para 10 of the Final Report.', ['10'], ['draft', 'Final Report', 'of the Final Report']],
      ['para 10 of the final report.', ['10'], ['draft', 'final report', 'of the final report']],
      ['para 10 of the Final Substantive Report.', ['10'], ['draft', 'Final Substantive Report', 'of the Final Substantive Report']],
      ['as agreed in paragraph 85 of this report, States', ['85'], ['self', '', 'of this report']],
      ['paragraph 2 of the present report', ['2'], ['self', '', 'of the present report']],
      ['paragraph 2 of this document', ['2'], ['self', '', 'of this document']],
      ['as set out in para 3 above.', ['3'], ['self', '', 'above']],
      ['as set out in para 4 below.', ['4'], ['self', '', 'below']],
      ['paragraph 4 of resolution 68/243 asks', ['4'], ['document', 'A/RES/68/243', 'of resolution 68/243']],
      ['paragraph 5 of General Assembly resolution 73/27', ['5'], ['document', 'A/RES/73/27', 'of General Assembly resolution 73/27']],
      ['paragraph 12 of A/70/174 lists', ['12'], ['document', 'A/70/174', 'of A/70/174']],
      ['paragraphs 13(a)-(k) of A/70/174', ['13'], ['document', 'A/70/174', 'of A/70/174']],
      ['Zero Draft, para 74 adds', ['74'], ['draft', 'Zero Draft', 'Zero Draft']],
      ['In the Zero Draft para 74 adds', ['74'], ['draft', 'Zero Draft', 'Zero Draft']],
      ['the Pre-draft’s paragraph 17 adds', ['17'], ['draft', 'Pre-draft', 'Pre-draft’s']],
      ['the “Revised Pre-draft”, para 9', ['9'], ['draft', 'Revised Pre-draft', '“Revised Pre-draft”']],
      ['the norms (see A/70/174, para 12) apply', ['12'], ['document', 'A/70/174', 'A/70/174']],
      ['as the committee found (A/77/440, para. 12).', ['12'], ['document', 'A/77/440', 'A/77/440']],
      ['resolution 73/27, paragraph 5, asks', ['5'], ['document', 'A/RES/73/27', 'resolution 73/27']],
      ['paragraph 3 of the Tunis Commitment says', ['3'], ['other', 'Tunis Commitment', 'of the Tunis Commitment']],
      ['paragraph 73 of the Group’s report notes', ['73'], ['other', 'Group’s report', 'of the Group’s report']],
      ['paragraph 73 of the Group’s report (A/76/135) notes', ['73'], ['document', 'A/76/135', 'of the Group’s report (A/76/135)']],
      ['paragraph 5 of the Charter of the United Nations', ['5'], ['other', 'Charter of the United Nations', 'of the Charter of the United Nations']],
      ['as _para 12 of A/70/174_ says', ['12'], ['document', 'A/70/174', 'of A/70/174']],
      ['as the experts put it in paragraph 77 of the 2015 GGE report,', ['77'], ['other', '2015 GGE report', 'of the 2015 GGE report']],
      ['we read para 96 of the 2015 report differently', ['96'], ['other', '2015 report', 'of the 2015 report']],
      ['the report itself (A/70/174 at para 82) says', ['82'], ['document', 'A/70/174', 'A/70/174']],
      ['the Chair kept para 89 of CRP.2 intact', ['89'], ['other', 'CRP.2', 'of CRP.2']],
      ['the revision, L.27/Rev.1, para 4, added', ['4'], ['other', 'L.27/Rev.1', 'L.27/Rev.1']],
      ['the OEWG report (A/75/816 at [64]) notes', ['64'], ['document', 'A/75/816', 'A/75/816']],
      ['as A/RES/70/237 at [2(a)] asks', ['2'], ['document', 'A/RES/70/237', 'A/RES/70/237']],
    ];
    for (const [sentence, numbers, qualifier] of rows) {
      it(JSON.stringify(sentence), () => {
        const [citation, ...others] = scan(sentence);
        assert.deepEqual(others, []);
        assert.deepEqual(citation.numbers, numbers);
        assert.deepEqual(citation.qualifier, qualifier);
      });
    }

    const unqualified = [
      'paragraph 9 of the opening section should',
      'as paragraph 86 in their view suggests',
      'the draft para 5 and a draft, para 6',
      'para 5 includes this',
      'paragraph 5 of Geneva',
      'paragraph 5 of the 2019 session',
      'para 5 of the 2020 draft and para 6 of the 2020 Pre-draft',
      'paragraph 3 of A.1 and B.2, para 4',
      'we looked at para 5 again',
    ];
    for (const sentence of unqualified) {
      it(`no qualifier in ${JSON.stringify(sentence)}`, () => {
        const citations = scan(sentence);
        assert.ok(citations.length > 0);
        for (const citation of citations) assert.equal(citation.qualifier, undefined);
      });
    }

    it('recognises configured draft names, case-insensitively, the longest first', () => {
      const options = { draftNames: ['ZD', 'Chair’s Summary', 'Summary'] };
      assert.deepEqual(scan('para 9 of the zd', options)[0].qualifier, ['draft', 'zd', 'of the zd']);
      assert.deepEqual(scan('ZD para 9', options)[0].qualifier, ['draft', 'ZD', 'ZD']);
      assert.deepEqual(scan('para 2 of the Chair’s Summary', options)[0].qualifier, ['draft', 'Chair’s Summary', 'of the Chair’s Summary']);
      assert.equal(scan('para 9 of the ZD')[0].qualifier, undefined);
    });

    it('reads a known document’s title or alias as that document, after a configured draft’s name', () => {
      const documentNames = ['Final Substantive Report', 'Chair\'s Summary', 'CRP.2'];
      assert.deepEqual(scan('para 90 of the Final Substantive Report', { documentNames })[0].qualifier, ['other', 'Final Substantive Report', 'of the Final Substantive Report']);
      assert.deepEqual(scan('the Chair’s Summary, para 4 lists', { documentNames })[0].qualifier, ['other', 'Chair’s Summary', 'Chair’s Summary']);
      assert.deepEqual(scan('para 9 of CRP.21', { documentNames })[0].qualifier, ['other', 'CRP.21', 'of CRP.21']);
      const both = { documentNames, draftNames: ['Final Substantive Report'] };
      assert.deepEqual(scan('para 90 of the Final Substantive Report', both)[0].qualifier, ['draft', 'Final Substantive Report', 'of the Final Substantive Report']);
    });

    it('reads a pinpoint in square brackets only after a symbol and "at"', () => {
      const [pinpoint] = scanCitations('see A/75/816 at [64]-[66] and A/70/174 at [13, 14].');
      assert.deepEqual(seen('see A/75/816 at [64]-[66] and A/70/174 at [13, 14].', pinpoint), {
        text: '[64]', keyword: '[', numbers: ['64'], parts: ['64'], qualifier: ['document', 'A/75/816', 'A/75/816'],
      });
      assert.deepEqual(scan('as in A/70/174 at [13, 14].').map((citation) => citation.numbers), [['13', '14']]);
      for (const text of ['a footnote mark [3] and a link [12](https://example.org)', 'States at [12] noted', 'the draft at [5]', 'A/70/174 [12]']) {
        assert.deepEqual(scan(text), [], text);
      }
    });

    it('does not reach back over the previous citation for a qualifier', () => {
      const [first, second] = scan('para 5 of the Zero Draft, para 6');
      assert.deepEqual(first.qualifier, ['draft', 'Zero Draft', 'of the Zero Draft']);
      assert.equal(second.qualifier, undefined);
    });
  });

  it('reads a submission in Markdown (fixture written for this test)', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'citations', 'submission.md'), 'utf8');
    const pinned = scanCitations(text).map((citation) => {
      const view = seen(text, citation);
      return [lineOf(text, citation.span.start), view.text, view.numbers.join(','), view.qualifier?.slice(0, 2).join(':') ?? ''];
    });
    assert.deepEqual(pinned, [
      [12, 'paragraph 18', '18', ''],
      [13, 'paras 19-21', '19,20,21', ''],
      [14, '¶ 22(b)', '22', ''],
      [14, 'para 16', '16', 'draft:Pre-draft'],
      [18, 'para 13', '13', 'document:A/70/174'],
      [19, 'paragraphs 46 and 47', '46,47', ''],
      [20, 'paragraph 50bis', '50bis', ''],
      [20, 'para 53', '53', 'draft:Zero Draft'],
      [25, 'paragraphs 101, 103 and 105', '101,103,105', ''],
      [27, 'paragraph 4', '4', 'document:A/RES/73/27'],
    ]);
  });

  it('finds exactly the 21 paragraph citations of the real submission, counted by hand', function () {
    needsCorpus(this);
    const text = readCorpus('gpd-response-to-pre-draft-2020-03.md');
    const citations = scanCitations(text);
    assert.deepEqual(
      citations.map((citation) => [lineOf(text, citation.span.start), citation.numbers.join(',')]),
      [
        [30, '17'], [32, '16'], [34, '12'], [42, '22'], [48, '24'], [52, '24'], [54, '30'], [54, '31'], [56, '28'], [58, '32'],
        [64, '34'], [66, '37'], [68, '34'], [70, '38'], [78, '47'], [88, '48'], [92, '56'], [98, '59'], [102, '60'], [104, '61'],
        [210, '52'],
      ],
    );
    // It names its draft only in the surrounding prose, never next to a number, and its one
    // "paragraph … of the …" names a lower-case part of the draft, not a document.
    assert.ok(citations.every((citation) => citation.qualifier === undefined));
    assert.ok(citations.every((citation) => /^(?:paragraph|Paragraph)$/.test(citation.keyword)));
  });

  it('pins the internal cross-references and the footnote citation of the real Zero Draft', function () {
    needsCorpus(this);
    const text = readCorpus('zero-draft-2021.txt');
    const pinned = scanCitations(text).map((citation) => {
      const view = seen(text, citation);
      return [lineOf(text, citation.span.start), view.text, view.qualifier?.slice(0, 2).join(':') ?? ''];
    });
    assert.deepEqual(pinned, [
      [127, 'paragraph 85', 'self:'],
      [169, 'para 12', 'document:A/70/174'],
      [179, 'paragraph 51', ''],
      [288, 'paragraph 86', ''],
    ]);
  });

  it('finds no citation in the unnumbered working paper', function () {
    needsCorpus(this);
    assert.deepEqual(scanCitations(readCorpus('chair-working-paper-2020-02.md')), []);
  });

  it('never throws; spans are inside the text, ordered and apart; numbers are digits with a suffix; no number is inside a symbol', () => {
    const pieces = fc.constantFrom(
      'para ', 'paras. ', 'paragraph ', 'Paragraphs ', '¶', '¶¶ ', 'operative paragraph ', '74', '57', '-', '–', ' to ', ' and ', ', ', 'bis', '(a)', '-(k)',
      ' et seq.', ' of the ', 'Zero Draft', 'Pre-draft', '’s ', '“', '”', '"', ' of this report', ' above', 'A/70/174', 'resolution 73/27', 'Res 70/237',
      'Tunis Commitment', ' report', ' (', ')', '. ', '\n', 'https://undocs.org/', ' 11 voluntary', ' 10 March 2020', '2020-03-11', '5000',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), fc.array(fc.string(), { maxLength: 3 }), (chunks, draftNames) => {
        const text = chunks.join('');
        const symbols = scanSymbols(text).map((mention) => mention.span);
        let reached = 0;
        for (const citation of scanCitations(text, { draftNames })) {
          const spans = [citation.span, ...(citation.qualifier ? [citation.qualifier.span] : [])];
          const start = Math.min(...spans.map((span) => span.start));
          const end = Math.max(...spans.map((span) => span.end));
          assert.ok(start >= reached && end <= text.length, 'ordered and inside the text');
          for (const span of spans) assert.ok(span.start < span.end);
          for (const part of citation.parts) {
            assert.ok(part.span.start >= citation.span.start && part.span.end <= citation.span.end, 'part inside its citation');
            const numberSpans = part.kind === 'single' ? [part.span] : [part.fromSpan, part.toSpan];
            for (const span of numberSpans) {
              assert.ok(symbols.every((symbol) => span.end <= symbol.start || span.start >= symbol.end), 'number inside a symbol');
            }
          }
          assert.ok(citation.numbers.length > 0);
          for (const number of citation.numbers) assert.match(number, /^\d{1,4}(?:bis|ter|quater|quinquies|sexies|septies|octies|alt|[a-z])?$/);
          reached = end;
        }
      }),
      { numRuns: 500 },
    );
  });
});
