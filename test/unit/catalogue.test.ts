// The catalogue of UN documents: the bundled data against its source (no
// invented fact, regenerated equal), what the drafts add (mentions, titles),
// the user's "references", and the title comparisons the diagnostics rely on.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  BUNDLED_DOCUMENTS,
  buildCatalogue,
  describeKind,
  describeMentions,
  readReferences,
  sameTitle,
  titleAfter,
} from '../../server/src/core/catalogue';
import { parseDraft } from '../../server/src/core/draftParser';
import type { DraftInfo } from '../../server/src/core/model';
import { normaliseSymbol } from '../../server/src/core/symbols';
import { needsCorpus, readCorpus, repoRoot, sharedDir } from '../support/paths';

const SOURCE = path.join(sharedDir, 'un-symbols.json');
const DATA = path.join(repoRoot, 'server', 'src', 'core', 'data', 'un-documents.json');

interface SourceEntry {
  symbol: string;
  aliases: string[];
  kind: string;
  title: string | null;
  date: string | null;
  body: string | null;
  vote: string | null;
  notes?: string;
}

function draftInfo(id: string, label: string): DraftInfo {
  return { id, label, aliases: [], order: 0, path: `/ws/drafts/${id}.txt` };
}

describe('bundled UN documents', () => {
  before(function () {
    needsCorpus(this);
  });

  it('equals what scripts/build-catalogue.mjs generates from ../shared/un-symbols.json', () => {
    const generated = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-catalogue.mjs'), '--print', '--source', SOURCE], { encoding: 'utf8' });
    assert.equal(fs.readFileSync(DATA, 'utf8'), generated, 'run `node scripts/build-catalogue.mjs` to regenerate the data');
  });

  it('invents nothing: every fact it holds is the source’s, word for word, and null stays unknown', () => {
    const source: SourceEntry[] = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
    assert.equal(BUNDLED_DOCUMENTS.length, source.length);
    BUNDLED_DOCUMENTS.forEach((document, index) => {
      const original = source[index];
      assert.equal(document.symbol, normaliseSymbol(original.symbol), original.symbol);
      assert.deepEqual(document.aliases, original.aliases);
      assert.equal(document.kind, original.kind);
      for (const fact of ['title', 'date', 'body'] as const) assert.equal(document[fact], original[fact], `${original.symbol} ${fact}`);
      // How it was adopted: the source's words, without its notes on sources.
      if (document.vote === null) assert.ok(original.vote === null || /stored|page|dig\.watch/i.test(original.vote), `${original.symbol} vote`);
      else for (const clause of document.vote.split('; ')) assert.ok(original.vote?.includes(clause), `${original.symbol} vote: “${clause}” is the source's`);
      if (document.note !== undefined) {
        assert.ok(original.notes?.startsWith(document.note), `${original.symbol}: the note is the source's first sentence`);
        assert.match(document.note, /\.$/);
      }
    });
    assert.deepEqual(
      Object.keys(Object.assign({}, ...BUNDLED_DOCUMENTS)).sort(),
      ['aliases', 'body', 'date', 'kind', 'note', 'symbol', 'title', 'vote'],
    );
  });

  it('holds facts only: no note on where a fact was found or what the stored sources lack', () => {
    const notes = /dig\.watch|\bdiplo\b|unoda|stored|excerpt|fact sheet|\bpage\b|wording|survey|letter of transmittal/i;
    for (const document of BUNDLED_DOCUMENTS) {
      for (const fact of [document.title, document.date, document.body, document.vote, document.note]) {
        if (fact) assert.doesNotMatch(fact, notes, `${document.symbol}: ${fact}`);
      }
    }
    const byS = (symbol: string) => BUNDLED_DOCUMENTS.find((document) => document.symbol === symbol)!;
    assert.equal(byS('A/RES/73/27').vote, 'recorded vote; 119 in favour');
    assert.equal(byS('A/RES/73/266').vote, 'recorded vote');
    assert.equal(byS('A/RES/53/70').vote, 'adopted without a vote');
    assert.equal(byS('A/RES/66/24').vote, 'unanimously approved');
    assert.equal(byS('A/RES/71/28').vote, null, 'unknown stays unknown');
  });

  it('holds each symbol in canonical form, and every alias written as a symbol names the same document', () => {
    for (const document of BUNDLED_DOCUMENTS) {
      assert.equal(normaliseSymbol(document.symbol), document.symbol);
      for (const alias of document.aliases) {
        const symbol = normaliseSymbol(alias);
        if (symbol) assert.equal(symbol, document.symbol, `${alias} in ${document.symbol}`);
      }
    }
    const symbols = BUNDLED_DOCUMENTS.map((document) => document.symbol);
    assert.equal(new Set(symbols).size, symbols.length);
    assert.ok(symbols.includes('A/RES/43/78H') && symbols.includes('A/RES/2131(XX)') && symbols.includes('S/RES/2341(2017)'));
  });

  it('keeps unknown facts unknown in the catalogue', () => {
    const catalogue = buildCatalogue({});
    const resolution = catalogue.entry('A/RES/70/237')!;
    assert.equal(resolution.date, undefined);
    assert.equal(resolution.title, 'Developments in the field of information and telecommunications in the context of international security');
    assert.equal(catalogue.entry('A/RES/58/32')!.title, undefined);
    assert.equal(catalogue.entry('A/RES/99/1'), undefined);
  });
});

describe('buildCatalogue', () => {
  const draftText = `**A fixture draft**

A. Opening

1. The group met under resolution 73/27 and took note of several reports.¹

2. Delegations recalled General Assembly resolution 64/211 entitled “A shared culture of network safety”, and resolution 98/12 entitled “Keeping submarine cables in good repair”.

3. One delegation quoted resolution 98/40 “the words of its third operative paragraph”.

¹ A/RES/73/27 and A/70/174.
`;
  const draft = { info: draftInfo('zero-draft', 'Zero Draft'), text: draftText, parsed: parseDraft(draftText) };

  it('records where a draft mentions each symbol: paragraphs and footnotes', () => {
    const catalogue = buildCatalogue({ drafts: [draft] });
    const places = (symbol: string) => catalogue.entry(symbol)!.mentions.map((mention) => [mention.paragraph, mention.footnote]);
    assert.deepEqual(places('A/RES/73/27'), [['1', undefined], [undefined, '1']]);
    assert.deepEqual(places('A/70/174'), [[undefined, '1']]);
    assert.deepEqual(describeMentions(catalogue.entry('A/RES/73/27')!.mentions), ['Zero Draft: para 1; footnote 1']);
    const footnote = catalogue.entry('A/70/174')!.mentions[0];
    assert.equal(draftText.slice(footnote.container!.start, footnote.container!.end), '¹ A/RES/73/27 and A/70/174.');
  });

  it('learns a title a draft gives with "entitled", keeps a different one apart, and ignores a quotation without it', () => {
    const catalogue = buildCatalogue({ drafts: [draft] });
    const learned = catalogue.entry('A/RES/98/12')!;
    assert.equal(learned.title, 'Keeping submarine cables in good repair');
    assert.equal(learned.titleFrom, 'Zero Draft, para 2');
    assert.equal(learned.kind, 'resolution');
    const bundled = catalogue.entry('A/RES/64/211')!;
    assert.match(bundled.title!, /^Creation of a global culture of cybersecurity/);
    assert.equal(bundled.titleFrom, undefined);
    assert.deepEqual(bundled.titlesInDrafts, [{ title: 'A shared culture of network safety', where: 'Zero Draft, para 2' }]);
    assert.equal(catalogue.entry('A/RES/98/40')!.title, undefined);
  });

  it('lets the user’s reference override title and date, and say so', () => {
    const catalogue = buildCatalogue({
      references: [
        { symbol: 'A/70/174', title: 'The 2015 report', date: '2015-07-22', aliases: ['GGE 2015'], path: '/ws/references/a-70-174.txt' },
        { title: 'Tunis Commitment', aliases: [] },
      ],
    });
    const entry = catalogue.entry('A/70/174')!;
    assert.equal(entry.title, 'The 2015 report');
    assert.equal(entry.titleFrom, 'oewg-cite.json');
    assert.deepEqual(entry.aliases, ['A/70/174', '2015 GGE report', 'GGE 2015']);
    assert.equal(entry.reference?.path, '/ws/references/a-70-174.txt');
    assert.equal(catalogue.find('the Tunis Commitment')?.title, 'Tunis Commitment');
    assert.equal(catalogue.find('Tunis Commitment')?.symbol, undefined);
  });

  it('finds a document by symbol as written, alias or title, but not by a title several documents share', () => {
    const catalogue = buildCatalogue({});
    assert.equal(catalogue.find('Res 70/237')?.symbol, 'A/RES/70/237');
    assert.equal(catalogue.find('A/68/98*')?.symbol, 'A/68/98');
    assert.equal(catalogue.find('2015 GGE report')?.symbol, 'A/70/174');
    assert.equal(catalogue.find("the chair's summary")?.symbol, 'A/AC.290/2021/CRP.3');
    assert.equal(catalogue.find('Developments in the field of information and telecommunications in the context of international security'), undefined);
  });

  it('finds a Security Council or pre-1976 Assembly resolution written without its year or session, when only one has that number', () => {
    const draftText = '**A fixture draft**\n\n1. Recalling Security Council resolution 2341 on the protection of critical infrastructure, and S/RES/2341.\n';
    const catalogue = buildCatalogue({ drafts: [{ info: draftInfo('zero-draft', 'Zero Draft'), text: draftText, parsed: parseDraft(draftText) }] });
    assert.equal(catalogue.entry('S/RES/2341')?.symbol, 'S/RES/2341(2017)');
    assert.equal(catalogue.entry('Security Council resolution 2341')?.symbol, 'S/RES/2341(2017)');
    assert.equal(catalogue.entry('A/RES/2131')?.symbol, 'A/RES/2131(XX)');
    assert.equal(catalogue.entry('S/RES/2341(2017)')!.mentions.length, 2, 'the draft’s mentions without the year are the same resolution’s');
    assert.equal(catalogue.bySymbol.has('S/RES/2341'), false);
    assert.equal(catalogue.entry('S/RES/2397'), undefined);
    const twoYears = buildCatalogue({
      bundled: [],
      references: [{ symbol: 'S/RES/9001(2030)', aliases: [] }, { symbol: 'S/RES/9001(2031)', aliases: [] }],
    });
    assert.equal(twoYears.entry('S/RES/9001'), undefined, 'two resolutions with the number: the year decides');
  });

  it('takes a configured draft’s symbol as a document of its own', () => {
    const final = { ...draftInfo('final-draft', 'Final Draft'), symbol: 'A/AC.290/2021/CRP.2' };
    const catalogue = buildCatalogue({ configuredDrafts: [final] });
    assert.equal(catalogue.entry('A/AC.290/2021/CRP.2')!.draft, final);
    assert.equal(catalogue.entry('A/AC.290/2021/CRP.2')!.title, 'Final Substantive Report');
  });

  it('places every symbol of the real Zero Draft in its paragraph or footnote', function () {
    needsCorpus(this);
    const text = readCorpus('zero-draft-2021.txt');
    const catalogue = buildCatalogue({ drafts: [{ info: draftInfo('zero-draft', 'Zero Draft'), text, parsed: parseDraft(text) }] });
    const where = (symbol: string) => describeMentions(catalogue.entry(symbol)!.mentions);
    assert.deepEqual(where('A/RES/70/237'), ['Zero Draft: paras 7, 47, 60, 112; footnotes 2, 9']);
    assert.deepEqual(where('A/RES/73/27'), ['Zero Draft: paras 6, 37, 47, 60, 95, 97; footnote 5']);
    assert.deepEqual(where('A/70/174'), ['Zero Draft: footnotes 3, 8, 9']);
    assert.deepEqual(where('A/RES/2131(XX)'), ['Zero Draft: para 46']);
    assert.deepEqual(where('A/RES/43/78H'), ['Zero Draft: para 68']);
    // The draft quotes 2131 (XX)'s title as the data has it (but for one capital), and gives 64/211 another.
    assert.deepEqual(catalogue.entry('A/RES/2131(XX)')!.titlesInDrafts, []);
    assert.deepEqual(catalogue.entry('A/RES/64/211')!.titlesInDrafts.map((given) => given.where), ['Zero Draft, para 50']);
    for (const entry of catalogue.entries) {
      for (const mention of entry.mentions) assert.ok(mention.paragraph || mention.footnote, `${entry.symbol} at ${mention.span.start}`);
    }
  });
});

describe('readReferences', () => {
  const configText = `{
  "drafts": [],
  // documents whose text is indexed
  "references": [
    { "symbol": "A/70/174", "title": "GGE report", "date": "2015-07-22", "path": "references/a-70-174.txt", "aliases": ["2015 GGE report"] },
    { "symbol": "resolution 2131 (XX)" },
    { "title": "Tunis Commitment", "path": "references/tunis.txt" },
    { "symbol": "not a symbol" },
    { "path": "references/nameless.txt", "pages": 3 },
    { "symbol": "A/68/98", "date": "June 2013", "aliases": "2013 report" },
    "A/65/201",
  ],
}`;

  it('reads each entry, normalising symbols and resolving paths against the configuration folder', () => {
    const { references } = readReferences(configText, '/ws');
    assert.deepEqual(references, [
      { symbol: 'A/70/174', title: 'GGE report', date: '2015-07-22', aliases: ['2015 GGE report'], path: '/ws/references/a-70-174.txt' },
      { symbol: 'A/RES/2131(XX)', title: undefined, date: undefined, aliases: [], path: undefined },
      { symbol: undefined, title: 'Tunis Commitment', date: undefined, aliases: [], path: '/ws/references/tunis.txt' },
      { symbol: 'A/68/98', title: undefined, date: 'June 2013', aliases: [], path: undefined },
    ]);
  });

  it('reports each problem at its place in the file', () => {
    const { problems } = readReferences(configText, '/ws');
    const at = problems.map((problem) => [problem.severity, configText.slice(problem.span!.start, problem.span!.end), problem.message]);
    assert.deepEqual(at, [
      ['error', '"not a symbol"', '"not a symbol" is not a UN document symbol (such as "A/70/174" or "A/RES/70/237"); a document without one needs only a "title"'],
      ['warning', '"pages"', 'unknown reference setting "pages" (known: symbol, title, date, path, aliases)'],
      ['error', '{ "path": "references/nameless.txt", "pages": 3 }', 'a reference needs a "symbol" or a "title"'],
      ['warning', '"June 2013"', '"date" of a reference should be written YYYY-MM-DD'],
      ['error', '"2013 report"', '"aliases" of a reference must be a list of names'],
      ['error', '"A/65/201"', 'each reference must be an object such as { "symbol": "A/70/174", "title": "…", "path": "references/a-70-174.txt" }'],
    ]);
  });

  it('reads a parsed configuration too, and nothing when there is no "references"', () => {
    assert.deepEqual(readReferences({ references: [{ symbol: 'A/RES/70/237', path: 'r.txt' }] }, '/ws').references, [
      { symbol: 'A/RES/70/237', title: undefined, date: undefined, aliases: [], path: '/ws/r.txt' },
    ]);
    assert.deepEqual(readReferences('{ "drafts": [] }', '/ws'), { references: [], problems: [] });
    assert.equal(readReferences('{ "references": {} }', '/ws').problems.length, 1);
  });
});

describe('titles next to a symbol', () => {
  const titleOf = (text: string) => {
    const named = titleAfter(text, text.indexOf('#') + 1);
    return named && { title: named.title, entitled: named.entitled, quoted: text.slice(named.span.start, named.span.end) };
  };

  it('reads the quoted title after a symbol, with or without "entitled", a year or a date', () => {
    assert.deepEqual(titleOf('resolution #, 1965 entitled “Declaration on Things”.'), { title: 'Declaration on Things', entitled: true, quoted: '“Declaration on Things”' });
    assert.deepEqual(titleOf('resolution # of 5 December 2018 titled "Some Title Here"'), { title: 'Some Title Here', entitled: true, quoted: '"Some Title Here"' });
    assert.deepEqual(titleOf("resolution # ‘Developments in the field of information…’ says"), { title: 'Developments in the field of information…', entitled: false, quoted: '‘Developments in the field of information…’' });
    assert.equal(titleOf('resolution # and later “a quotation”'), undefined);
    assert.equal(titleOf('resolution #.\n“Next paragraph”'), undefined);
  });

  it('compares titles whatever the typography and case, and a title cut by an ellipsis by its first words', () => {
    const title = 'Developments in the field of information and telecommunications in the context of international security';
    assert.ok(sameTitle('developments in the field of information and telecommunications in the context of International Security', title));
    assert.ok(sameTitle('Developments in the field of information…', title));
    assert.ok(sameTitle('Developments in the field of information ...', title));
    assert.ok(!sameTitle('Developments in the field of information', title), 'without an ellipsis the whole title must be there');
    assert.ok(!sameTitle('Developments…', title), 'too few words before the ellipsis');
    assert.ok(!sameTitle('Developments in the field of informatics…', title));
  });

  it('describes a kind with its body, or with the organ its symbol names', () => {
    assert.equal(describeKind({ kind: 'resolution', body: 'GA' }), 'resolution of the General Assembly');
    assert.equal(describeKind({ kind: 'report', body: 'GA' }), 'report, General Assembly document');
    assert.equal(describeKind({ kind: 'resolution', symbol: 'S/RES/2341(2017)' }), 'resolution of the Security Council');
    assert.equal(describeKind({ kind: 'document' }), 'document');
  });
});
