// The embedded sample workspace, the snippets and the injection grammar are
// data that the tests and the users rely on: these checks keep them coherent
// with each other (drafts, CHANGES.md, EXPECTED.md, oewg-cite.json).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, samplesDir } from '../support/paths';
import { citationHighlighter, Token } from '../support/grammar';
import { parseDraft } from '../../server/src/core/draftParser';
import { parseConfig } from '../../server/src/core/config';

function readSample(relative: string): string {
  return fs.readFileSync(path.join(samplesDir, relative), 'utf8');
}

// ---------- drafts ----------

/** Paragraph number → its first line (without the number), as a simple line scan sees it. */
function paragraphFirstLines(draft: string): Map<number, string> {
  const paragraphs = new Map<number, string>();
  for (const line of draft.split('\n')) {
    const numbered = /^(\d+)\. (.*)$/.exec(line);
    if (numbered) paragraphs.set(Number(numbered[1]), numbered[2]);
  }
  return paragraphs;
}

function numbersInOrder(draft: string): number[] {
  return [...draft.matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1]));
}

/** The text a reader compares: footnote markers (¹ or [^1]) removed. */
function withoutFootnoteMarkers(text: string): string {
  return text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^\d+\]/g, '');
}

const zeroDraft = readSample('drafts/zero-draft.txt');
const firstDraft = readSample('drafts/first-draft.md');

describe('sample drafts', () => {
  for (const [name, text, count] of [
    ['zero-draft.txt', zeroDraft, 59],
    ['first-draft.md', firstDraft, 54],
  ] as const) {
    it(`${name} numbers its paragraphs 1..${count} without gaps`, () => {
      assert.deepEqual(numbersInOrder(text), Array.from({ length: count }, (_, index) => index + 1));
    });

    it(`${name} is read by the draft parser as ${count} paragraphs in sections A–H`, () => {
      const parsed = parseDraft(text);
      assert.equal(parsed.paragraphs.length, count);
      assert.deepEqual(parsed.sections.map((section) => section.letter), ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
      assert.deepEqual(parsed.footnotes.map((footnote) => footnote.number), ['1', '2', '3', '4', '5']);
    });
  }

  it('the Zero Draft has the page-break continuation, the bullet list and the cross-reference the samples promise', () => {
    const parsed = parseDraft(zeroDraft);
    const paragraph = (number: string) => parsed.paragraphs.find((candidate) => candidate.number === number)!;
    assert.equal(paragraph('5').pieces.length, 2);
    assert.match(paragraph('5').text, /widened the range of perspectives before the Group/);
    assert.equal(paragraph('48').text.split('\n').filter((line) => line.startsWith('- ')).length, 4);
    assert.match(paragraph('26').text, /paragraph 48 of this report/);
    assert.match(paragraph('48').text, /following principles/);
  });
});

// ---------- CHANGES.md: the known alignment ----------

interface ChangeRow {
  zero: number[];
  first: number[];
  kind: string;
}

function changeRows(): ChangeRow[] {
  const numbers = (cell: string) => (cell.trim() === '—' ? [] : cell.split(',').map((part) => Number(part.trim())));
  return readSample('drafts/CHANGES.md')
    .split('\n')
    .filter((line) => /^\| (\d+|—) \|/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1);
      return { zero: numbers(cells[0]), first: numbers(cells[1]), kind: cells[2].trim() };
    });
}

describe('samples/drafts/CHANGES.md', () => {
  const rows = changeRows();
  const zero = paragraphFirstLines(zeroDraft);
  const first = paragraphFirstLines(firstDraft);
  const same = (zeroNumber: number, firstNumber: number) =>
    withoutFootnoteMarkers(zero.get(zeroNumber)!) === withoutFootnoteMarkers(first.get(firstNumber)!);

  it('accounts for every paragraph of both drafts exactly once (merges share a target)', () => {
    assert.deepEqual(rows.flatMap((row) => row.zero).sort((a, b) => a - b), [...zero.keys()]);
    const targets = new Set(rows.flatMap((row) => row.first));
    assert.deepEqual([...targets].sort((a, b) => a - b), [...first.keys()]);
  });

  it('says "unchanged" and "renumbered" only where the text is the same, "edited" only where it is not', () => {
    for (const row of rows) {
      const where = `Zero Draft ${row.zero} → First Draft ${row.first}`;
      switch (row.kind) {
        case 'unchanged':
          assert.ok(same(row.zero[0], row.first[0]) && row.zero[0] === row.first[0], where);
          break;
        case 'renumbered':
          assert.ok(same(row.zero[0], row.first[0]) && row.zero[0] !== row.first[0], where);
          break;
        case 'edited':
          assert.ok(!same(row.zero[0], row.first[0]), where);
          break;
        case 'split':
          assert.equal(row.first.map((number) => first.get(number)).join(' '), zero.get(row.zero[0]), where);
          break;
        case 'merged':
          assert.ok(first.get(row.first[0])!.length > zero.get(row.zero[0])!.length, where);
          break;
        case 'deleted':
        case 'new':
          assert.equal(row.zero.length + row.first.length, 1, where);
          break;
        default:
          assert.fail(`unknown kind "${row.kind}" (${where})`);
      }
    }
  });
});

// ---------- oewg-cite.json ----------

describe('samples/oewg-cite.json', () => {
  const file = path.join(samplesDir, 'oewg-cite.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    drafts: Array<{ id: string; path?: string }>;
    current: string;
  };

  it('points at files that exist, leaves the Pre-draft unindexed and makes the First Draft current', () => {
    for (const draft of raw.drafts.filter((candidate) => candidate.path)) {
      assert.ok(fs.existsSync(path.join(samplesDir, draft.path!)), draft.path);
    }
    assert.equal(raw.drafts.find((draft) => draft.id === 'pre-draft')!.path, undefined);
    assert.equal(raw.current, 'first-draft');
  });

  it('is read without problems by the configuration reader', () => {
    const { config, problems } = parseConfig(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.drafts.map((draft) => draft.id), ['pre-draft', 'zero-draft', 'first-draft']);
  });
});

// ---------- grammar ----------

const grammar = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'syntaxes', 'oewg-citations.injection.tmLanguage.json'), 'utf8'),
) as { scopeName: string; injectionSelector: string };

/** The grammar's tokens of a line, as VS Code's tokenizer gives them (see test/support/grammar.ts). */
let highlight: (line: string) => Token[];

const textsOf = (tokens: Token[], scopePrefix: string) => tokens.filter((token) => token.scope.startsWith(scopePrefix)).map((token) => token.text);
const CITATION = 'markup.underline.link.paragraph-citation';
const NUMBER = 'constant.numeric.paragraph-number';
const DRAFT = 'entity.name.type.draft';
const SYMBOL = 'entity.name.tag.un-symbol';

describe('citation injection grammar', () => {
  before(async () => {
    highlight = await citationHighlighter();
  });

  it('injects into Markdown (outside code) and plain text under its own scope name', () => {
    assert.equal(grammar.scopeName, 'text.oewg-cite.citations');
    assert.match(grammar.injectionSelector, /L:text\.html\.markdown -markup\.fenced_code/);
    assert.match(grammar.injectionSelector, /L:text\.plain/);
  });

  it('colours ranges, lists and the draft named after the numbers', () => {
    const tokens = highlight('We support paras 57-60 of the Zero Draft and paragraphs 24, 28 and 30.');
    assert.deepEqual(textsOf(tokens, CITATION), ['paras 57-60 of the Zero Draft', 'paragraphs 24, 28 and 30']);
    assert.deepEqual(textsOf(tokens, NUMBER), ['57', '60', '24', '28', '30']);
    assert.deepEqual(textsOf(tokens, DRAFT), ['Zero Draft']);
  });

  it('colours "¶ 74", "Para 36", sub-paragraphs and the draft named before the keyword', () => {
    assert.deepEqual(textsOf(highlight('as in ¶ 74 and Para 36'), CITATION), ['¶ 74', 'Para 36']);
    assert.deepEqual(textsOf(highlight('para 13(a) of this report'), NUMBER), ['13(a)']);
    const before = highlight('(First Draft, para 5)');
    assert.deepEqual(textsOf(before, DRAFT), ['First Draft']);
    assert.deepEqual(textsOf(before, CITATION), ['para 5']);
  });

  it('colours resolution numbers and document symbols', () => {
    const tokens = highlight('General Assembly resolution 73/27, A/RES/70/237, Res 70/237, A/68/98* and A/70/174, para 12.');
    assert.deepEqual(textsOf(tokens, SYMBOL), ['resolution 73/27', 'A/RES/70/237', 'Res 70/237', 'A/68/98*', 'A/70/174']);
    assert.deepEqual(textsOf(tokens, CITATION), ['para 12']);
    assert.deepEqual(textsOf(highlight('A/C.1/73/L.27/Rev.1, A/AC.290/2021/CRP.2, S/RES/2341 (2017), resolution 2131 (XX)'), SYMBOL), [
      'A/C.1/73/L.27/Rev.1',
      'A/AC.290/2021/CRP.2',
      'S/RES/2341 (2017)',
      'resolution 2131 (XX)',
    ]);
  });

  it('leaves paragraph numbers of a draft, dates and ordinary words alone', () => {
    for (const line of [
      '1. Discussions',
      '15. States agreed that 10 March 2020 was the date.',
      'The OEWG recommends that',
      'This paragraph lists 12 States and/or S/he and A/V equipment.',
      'A separate paragraph.',
    ]) {
      assert.deepEqual(highlight(line), [], line);
    }
  });
});

// ---------- EXPECTED.md: the known answer for the submissions ----------

interface ExpectedCitation {
  file: string;
  line: number;
  column: number;
  citation: string;
  resolvesTo: string;
  outcome: string;
}

function expectedCitations(): ExpectedCitation[] {
  const rows: ExpectedCitation[] = [];
  let file = '';
  for (const line of readSample('EXPECTED.md').split('\n')) {
    const heading = /^## `submissions\/(.+)`$/.exec(line);
    if (heading) file = heading[1];
    if (/^## Document symbols/.test(line)) file = '';
    const row = /^\| (\d+) \| (\d+) \| ([^|]+) \| [^|]+ \| ([^|]+) \| [^|]+ \| ([^|]+) \|/.exec(line);
    if (row && file) {
      rows.push({ file, line: Number(row[1]), column: Number(row[2]), citation: row[3].trim(), resolvesTo: row[4].trim(), outcome: row[5].trim() });
    }
  }
  return rows;
}

/** "paras 58-61" → 58..61; "paragraphs 24, 26 and 30" → 24, 26, 30. */
function citedNumbers(citation: string): number[] {
  const numbers: number[] = [];
  for (const part of citation.matchAll(/(\d+)(?:\s*[-–]\s*(\d+))?/g)) {
    const from = Number(part[1]);
    const to = part[2] ? Number(part[2]) : from;
    for (let number = from; number <= to; number++) numbers.push(number);
  }
  return numbers;
}

describe('samples/EXPECTED.md', () => {
  before(async () => {
    highlight ??= await citationHighlighter();
  });

  const rows = expectedCitations();
  const submissions = ['response-to-zero-draft.md', 'notes-on-first-draft.txt'];
  const paragraphsOf: Record<string, Set<number> | undefined> = {
    'pre-draft': undefined,
    'zero-draft': new Set(numbersInOrder(zeroDraft)),
    'first-draft': new Set(numbersInOrder(firstDraft)),
  };

  it('lists every citation the grammar finds in the submissions, at its line and column', () => {
    for (const file of submissions) {
      const lines = readSample(`submissions/${file}`).split('\n');
      const found = lines.flatMap((line, index) =>
        highlight(line)
          .filter((token) => token.scope.startsWith(CITATION))
          .map((token) => `${index + 1}:${token.at + 1}:${token.text.replace(/\s+(?:of|in)\s+.*$/, '')}`),
      );
      const listed = rows.filter((row) => row.file === file).map((row) => `${row.line}:${row.column}:${row.citation}`);
      assert.deepEqual(listed, found, file);
    }
  });

  it('gives outcomes that agree with the paragraphs the drafts actually have', () => {
    for (const row of rows) {
      const where = `${row.file}:${row.line} ${row.citation}`;
      const available = paragraphsOf[row.resolvesTo];
      if (!available) {
        assert.equal(row.outcome, 'draft not indexed', where);
        continue;
      }
      const missing = citedNumbers(row.citation).filter((number) => !available.has(number));
      if (missing.length === 0) assert.match(row.outcome, /^ok\b/, where);
      else assert.match(row.outcome, new RegExp(`^missing paragraph \\(${missing.join(', ')}\\)`), where);
    }
  });
});

// ---------- snippets ----------

describe('snippets/oewg-cite.code-snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', 'oewg-cite.code-snippets'), 'utf8')) as Record<
    string,
    { prefix: string | string[]; body: string | string[]; description: string; scope: string }
  >;
  const bodyOf = (name: string) => ([] as string[]).concat(snippets[name].body).join('\n');

  it('gives every snippet a prefix, a body and a description, for Markdown and plain text', () => {
    assert.ok(Object.keys(snippets).length >= 5);
    for (const [name, snippet] of Object.entries(snippets)) {
      const prefixes = ([] as string[]).concat(snippet.prefix);
      assert.ok(prefixes.length > 0 && prefixes.every((prefix) => /^\S+$/.test(prefix)), name);
      assert.ok(bodyOf(name).length > 0, name);
      assert.ok(snippet.description.trim().length > 0, name);
      assert.deepEqual(snippet.scope.split(',').sort(), ['markdown', 'plaintext'], name);
    }
  });

  it('answers a recommendation the way submissions do', () => {
    const body = bodyOf('Recommendation response');
    assert.match(body, /^- \$\{1:[^}]+\}\n\nRecommendation: \$\{2:[^}]+\} \$\{3\|supports,does not support,proposes to amend\|\} this recommendation/);
    assert.ok(([] as string[]).concat(snippets['Recommendation response'].prefix).includes('rec'));
  });

  it('lays out a submission along the draft sections B to H, after front matter naming the draft', () => {
    const body = bodyOf('Submission skeleton');
    assert.match(body, /^---\ntitle: .*\ndraft: \$\{3:zero-draft\}\n---\n/);
    const headings = [...body.matchAll(/^## ([B-H])\. /gm)].map((match) => match[1]);
    assert.deepEqual(headings, ['B', 'C', 'D', 'E', 'F', 'G', 'H']);
  });
});
