// The TextMate injection grammar, run by VS Code's own tokenizer and
// regular-expression engine (vscode-textmate, vscode-oniguruma) injected into
// a plain-text host, on lines written in the drafting style of submissions.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { grammarText } from '../../server/src/core/vocabulary/grammar';
import { scanCitations } from '../../server/src/core/citations';
import { citationHighlighter, GRAMMAR_FILE, Token } from '../support/grammar';

let highlight: (line: string) => Token[];

/** The texts of the runs of `line` whose scope starts with `scope`, in order. */
function coloured(line: string, scope: string): string[] {
  return highlight(line)
    .filter((token) => token.scope.startsWith(scope))
    .map((token) => token.text);
}

const CITATION = 'markup.underline.link.paragraph-citation';
const KEYWORD = 'keyword.other.paragraph';
const NUMBER = 'constant.numeric.paragraph-number';
const DRAFT = 'entity.name.type.draft';
const SYMBOL = 'entity.name.tag.un-symbol';

interface Colouring {
  citation?: string[];
  keyword?: string[];
  number?: string[];
  draft?: string[];
  symbol?: string[];
}

function colouring(line: string): Colouring {
  const result: Colouring = {};
  const add = (key: keyof Colouring, scope: string) => {
    const runs = coloured(line, scope);
    if (runs.length) result[key] = runs;
  };
  add('citation', CITATION);
  add('keyword', KEYWORD);
  add('number', NUMBER);
  add('draft', DRAFT);
  add('symbol', SYMBOL);
  return result;
}

describe('the citation grammar', () => {
  before(async () => {
    highlight = await citationHighlighter();
  });

  it('is the one generated from the vocabulary (run `npm run build:grammar` after changing a word)', () => {
    assert.equal(fs.readFileSync(GRAMMAR_FILE, 'utf8'), grammarText());
  });

  describe('colours what it always coloured', () => {
    const cases: Array<[line: string, expected: Colouring]> = [
      ['We support para 74 as drafted.', { citation: ['para 74'], keyword: ['para'], number: ['74'] }],
      ['Para 36 goes too far.', { citation: ['Para 36'], keyword: ['Para'], number: ['36'] }],
      ['as paras. 57–60 show', { citation: ['paras. 57–60'], keyword: ['paras.'], number: ['57', '60'] }],
      ['Both ¶ 74 and ¶74 say so.', { citation: ['¶ 74', '¶74'], keyword: ['¶', '¶'], number: ['74', '74'] }],
      ['(¶¶ 57-60)', { citation: ['¶¶ 57-60'], keyword: ['¶¶'], number: ['57', '60'] }],
      ['see paragraphs 24, 28 and 30 as drafted', { citation: ['paragraphs 24, 28 and 30'], keyword: ['paragraphs'], number: ['24', '28', '30'] }],
      ['paragraphs 2 to 4 overlap', { citation: ['paragraphs 2 to 4'], keyword: ['paragraphs'], number: ['2', '4'] }],
      ['a new paragraph 74bis on capacity', { citation: ['paragraph 74bis'], keyword: ['paragraph'], number: ['74bis'] }],
      ['paragraph 13(a) on the norms', { citation: ['paragraph 13(a)'], keyword: ['paragraph'], number: ['13(a)'] }],
      [
        'We welcome para 74 of the Zero Draft.',
        { citation: ['para 74 of the Zero Draft'], keyword: ['para'], number: ['74'], draft: ['Zero Draft'] },
      ],
      [
        'as in paras 12 and 13 in the First Draft',
        { citation: ['paras 12 and 13 in the First Draft'], keyword: ['paras'], number: ['12', '13'], draft: ['First Draft'] },
      ],
      ['para 7 of the Pre-draft', { citation: ['para 7 of the Pre-draft'], keyword: ['para'], number: ['7'], draft: ['Pre-draft'] }],
      [
        'para 7 of the revised pre-draft',
        { citation: ['para 7 of the revised pre-draft'], keyword: ['para'], number: ['7'], draft: ['revised pre-draft'] },
      ],
      [
        'para 5 of the “Final Substantive Report”',
        { citation: ['para 5 of the “Final Substantive Report”'], keyword: ['para'], number: ['5'], draft: ['“Final Substantive Report”'] },
      ],
      ['as paragraph 85 of this report says', { citation: ['paragraph 85 of this report'], keyword: ['paragraph'], number: ['85'], draft: ['this report'] }],
      ['Zero Draft, para 74', { citation: ['para 74'], keyword: ['para'], number: ['74'], draft: ['Zero Draft'] }],
      ['the First Draft paragraph 5 adds', { citation: ['paragraph 5'], keyword: ['paragraph'], number: ['5'], draft: ['First Draft'] }],
      ['General Assembly resolution 73/27 and decision 75/564', { symbol: ['resolution 73/27', 'decision 75/564'] }],
      ['resolution 2131 (XX) and Res. 70/237', { symbol: ['resolution 2131 (XX)', 'Res. 70/237'] }],
      ['A/70/174, para 12 and A/RES/70/237', { symbol: ['A/70/174', 'A/RES/70/237'], citation: ['para 12'], keyword: ['para'], number: ['12'] }],
      ['see A/AC.290/2021/CRP.2 and S/RES/2341 (2017)', { symbol: ['A/AC.290/2021/CRP.2', 'S/RES/2341 (2017)'] }],
      ['In 2015 the paragraph was long.', {}],
      ['a comparable approach', {}],
    ];
    for (const [line, expected] of cases) {
      it(JSON.stringify(line), () => assert.deepEqual(colouring(line), expected));
    }
  });
});

describe('the grammar and the scanner', () => {
  before(async () => {
    highlight ??= await citationHighlighter();
  });

  /** Numbers as the grammar colours them, without sub-paragraphs or "ff.": "13(a)" → "13". */
  const bare = (number: string) => number.replace(/[ \u00a0]?\(.*$/, '').replace(/ff\.?$/, '');

  // Lines the grammar and the scanner read alike: the same keywords, numbers and draft names.
  const lines = [
    'We support para 74 as drafted.',
    'PARAGRAPH 9 in capitals, par. 51 and par 50 too',
    'in operative paragraphs 2 to 4 and preambular paragraph 3',
    '(paras 5 & 6) and paras 12 through 14',
    'paras 12ff. and 30, paras. 12 et seq.',
    'a new paragraph 74 bis and paras 12 ter-14',
    'paragraph74 and para.74 and ¶74',
    'see paragraphs 24, 28 or 30 of the Zero Draft',
    'para 7 of the revised pre-draft, para 8 of the “Pre-draft”',
    'as the Revised Pre-draft, para 12 says',
    'para 3 of the Final Report and para 4 of the final substantive report',
    '_para 5_ in emphasis, but not x_para 6',
    'States agreed to paragraph 5 in 2021, see paras 1, 2, and 3',
  ];
  for (const line of lines) {
    it(JSON.stringify(line), () => {
      const citations = scanCitations(line).filter((citation) => citation.keyword !== '[');
      const text = (span: { start: number; end: number }) => line.slice(span.start, span.end);
      assert.deepEqual(coloured(line, KEYWORD), citations.map((citation) => citation.keyword), 'keywords');
      const numbers = citations.flatMap((citation) => citation.parts.flatMap((part) => (part.kind === 'single' ? [text(part.span)] : [text(part.fromSpan), text(part.toSpan)])));
      assert.deepEqual(coloured(line, NUMBER).map(bare), numbers, 'numbers');
      const drafts = citations.flatMap((citation) => (citation.qualifier?.kind === 'draft' ? [citation.qualifier.name] : []));
      assert.deepEqual(coloured(line, DRAFT).map((name) => name.replace(/^["“‘']|["”’']$/g, '')), drafts, 'draft names');
    });
  }
});
