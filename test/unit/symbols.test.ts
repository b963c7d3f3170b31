import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { findUrls, normaliseSymbol, scanSymbols } from '../../server/src/core/symbols';
import { SymbolMention } from '../../server/src/core/model';
import { needsCorpus, readCorpus, sharedDir } from '../support/paths';

type Found = [raw: string, symbol: string, kind?: SymbolMention['kind']];

/** What the scanner finds, as [raw, symbol, kind]; the span must hold the raw text. */
function found(text: string): Found[] {
  return scanSymbols(text).map((mention) => {
    assert.equal(text.slice(mention.span.start, mention.span.end), mention.raw);
    return [mention.raw, mention.symbol, mention.kind];
  });
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('scanSymbols', () => {
  const cases: Array<[text: string, expected: Found[]]> = [
    ['We recall A/RES/70/237 here.', [['A/RES/70/237', 'A/RES/70/237', 'resolution']]],
    ['the norms (Res 70/237) apply', [['Res 70/237', 'A/RES/70/237', 'resolution']]],
    ['cf. res. 70/237, op. 2', [['res. 70/237', 'A/RES/70/237', 'resolution']]],
    ['as resolution 73/27 set out', [['resolution 73/27', 'A/RES/73/27', 'resolution']]],
    ['General Assembly resolution 73/27 established', [['General Assembly resolution 73/27', 'A/RES/73/27', 'resolution']]],
    ['GA Res 51/241 (1997) is cited', [['GA Res 51/241', 'A/RES/51/241', 'resolution']]],
    ['Recalling resolutions 70/237 and 73/27,', [['resolutions 70/237', 'A/RES/70/237', 'resolution'], ['73/27', 'A/RES/73/27', 'resolution']]],
    ['resolutions 53/70, 58/32 and 60/45 all', [
      ['resolutions 53/70', 'A/RES/53/70', 'resolution'], ['58/32', 'A/RES/58/32', 'resolution'], ['60/45', 'A/RES/60/45', 'resolution'],
    ]],
    ['in resolution 2131 (XX) the Assembly', [['resolution 2131 (XX)', 'A/RES/2131(XX)', 'resolution']]],
    ['in consensus resolution 43/78(H) it', [['resolution 43/78(H)', 'A/RES/43/78H', 'resolution']]],
    ['see resolution 43/78 H on guidelines', [['resolution 43/78 H', 'A/RES/43/78H', 'resolution']]],
    ['resolutions 31/6 A and B were', [['resolutions 31/6 A', 'A/RES/31/6A', 'resolution'], ['B', 'A/RES/31/6B', 'resolution']]],
    ['the 2015 report (A/70/174).', [['A/70/174', 'A/70/174', 'document']]],
    ['reports A/65/201, A/68/98* and A/70/174.', [
      ['A/65/201', 'A/65/201', 'document'], ['A/68/98*', 'A/68/98', 'document'], ['A/70/174', 'A/70/174', 'document'],
    ]],
    ['escaped in Markdown: A/68/98\\* stays a reissue', [['A/68/98\\*', 'A/68/98', 'document']]],
    ['*the report A/70/174* is italic', [['A/70/174', 'A/70/174', 'document']]],
    ['see _A/70/174_ and __A/RES/70/237__, _resolution 2131 (XX)_ and __Res 73/27__', [
      ['A/70/174', 'A/70/174', 'document'], ['A/RES/70/237', 'A/RES/70/237', 'resolution'],
      ['resolution 2131 (XX)', 'A/RES/2131(XX)', 'resolution'], ['Res 73/27', 'A/RES/73/27', 'resolution'],
    ]],
    ['two reissues: A/68/98* and A/76/136*.', [['A/68/98*', 'A/68/98', 'document'], ['A/76/136*', 'A/76/136', 'document']]],
    ['footnote markers: A/70/174¹ and resolution 70/237²', [['A/70/174', 'A/70/174', 'document'], ['resolution 70/237', 'A/RES/70/237', 'resolution']]],
    ['the final report (A/AC.290/2021/CRP.2) was', [['A/AC.290/2021/CRP.2', 'A/AC.290/2021/CRP.2', 'document']]],
    ['draft A/C.1/73/L.27/Rev.1 was adopted', [['A/C.1/73/L.27/Rev.1', 'A/C.1/73/L.27/Rev.1', 'document']]],
    ['It was issued as A/C.1/73/L.27/Rev.1.', [['A/C.1/73/L.27/Rev.1', 'A/C.1/73/L.27/Rev.1', 'document']]],
    ['press releases print A/C.1/73/L.27.Rev.1 instead', [['A/C.1/73/L.27.Rev.1', 'A/C.1/73/L.27/Rev.1', 'document']]],
    ['see A/58/50/Rev.1/Corr.1, and A/69/702/Add.2)', [
      ['A/58/50/Rev.1/Corr.1', 'A/58/50/Rev.1/Corr.1', 'document'], ['A/69/702/Add.2', 'A/69/702/Add.2', 'document'],
    ]],
    ['Council text S/RES/2341 (2017) on', [['S/RES/2341 (2017)', 'S/RES/2341(2017)', 'resolution']]],
    ['Security Council resolution 2341 (2017), and SC Res 2397 (2017).', [
      ['Security Council resolution 2341 (2017)', 'S/RES/2341(2017)', 'resolution'], ['SC Res 2397 (2017)', 'S/RES/2397(2017)', 'resolution'],
    ]],
    ['endorsed by decision 75/564.', [['decision 75/564', 'A/DEC/75/564', 'decision']]],
    ['and A/DEC/75/564 and A/HRC/DEC/28/101', [['A/DEC/75/564', 'A/DEC/75/564', 'decision'], ['A/HRC/DEC/28/101', 'A/HRC/DEC/28/101', 'decision']]],
    ['Human Rights Council resolution 20/8 and A/RES/ES-10/19', [
      ['Human Rights Council resolution 20/8', 'A/HRC/RES/20/8', 'resolution'], ['A/RES/ES-10/19', 'A/RES/ES-10/19', 'resolution'],
    ]],
    ['the relevant resolutions, in particular 75/240, apply', [['resolutions, in particular 75/240', 'A/RES/75/240', 'resolution']]],
    ['resolution 70/237 A/RES/73/27', [['resolution 70/237', 'A/RES/70/237', 'resolution'], ['A/RES/73/27', 'A/RES/73/27', 'resolution']]],
    ['as A/Res/70/237 and A/res/73/27 recall', [['A/Res/70/237', 'A/RES/70/237', 'resolution'], ['A/res/73/27', 'A/RES/73/27', 'resolution']]],
    ['under resolution 3367 A (XXX) the Assembly', [['resolution 3367 A (XXX)', 'A/RES/3367A(XXX)', 'resolution']]],
    ['the Declaration, A/RES/217 A (III), proclaims', [['A/RES/217 A (III)', 'A/RES/217A(III)', 'resolution']]],
    ['resolutions 3411 A and B (XXX) and 3419 A to D (XXX) followed', [
      ['resolutions 3411 A', 'A/RES/3411A(XXX)', 'resolution'], ['B (XXX)', 'A/RES/3411B(XXX)', 'resolution'],
      ['3419 A', 'A/RES/3419A(XXX)', 'resolution'], ['D (XXX)', 'A/RES/3419D(XXX)', 'resolution'],
    ]],
    ['some copies print A/RES/70-237, A/RES/70–237 or A/RES/70.237', [
      ['A/RES/70-237', 'A/RES/70/237', 'resolution'], ['A/RES/70–237', 'A/RES/70/237', 'resolution'], ['A/RES/70.237', 'A/RES/70/237', 'resolution'],
    ]],
    ['in its decisions 31/406 A to E the Assembly', [['decisions 31/406 A', 'A/DEC/31/406A', 'decision'], ['E', 'A/DEC/31/406E', 'decision']]],
  ];
  for (const [text, expected] of cases) {
    it(`finds ${JSON.stringify(expected.map(([raw]) => raw))} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(found(text), expected);
    });
  }

  const negatives = [
    'two thirds is 2/3 of States; the meeting on 10/12/2020 took 1/2 a day, 24/7.',
    'SDG targets 9.C and 17.6, pp. 6-7, in 2015 and 2021, ICT4D and A/B testing.',
    'the numbers 70/237 and 73/27 without a keyword',
    'a resolution on 12 March, the res of it, resolutions 5 and 6',
    'links <https://www.un.org/disarmament/A/RES/70/237> and https://undocs.org/A/RES/68/247B and undocs.org/A/70/174.',
    '[the report](https://undocs.org/A/70/174) and www.un.org/A/68/98',
    'Resolute work; A/RES without numbers; ST/IC alone.',
    'file names such as draft_A/70/174 or A/70/174_v2 and my_resolution 73/27',
  ];
  for (const text of negatives) {
    it(`finds nothing in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(found(text), []);
    });
  }

  it('stops a symbol before the punctuation that follows it', () => {
    assert.deepEqual(found('(A/70/174), A/RES/70/237. A/69/702/Add.2; A/58/50/Rev.1.'), [
      ['A/70/174', 'A/70/174', 'document'],
      ['A/RES/70/237', 'A/RES/70/237', 'resolution'],
      ['A/69/702/Add.2', 'A/69/702/Add.2', 'document'],
      ['A/58/50/Rev.1', 'A/58/50/Rev.1', 'document'],
    ]);
  });

  it('reports the link text of a Markdown link but nothing in its target', () => {
    const text = 'See [A/70/174](https://undocs.org/A/70/174).';
    const mentions = scanSymbols(text);
    assert.equal(mentions.length, 1);
    assert.equal(mentions[0].span.start, text.indexOf('A/70/174'));
  });

  it('gives "resolution 73/27" and "A/RES/73/27" the same symbol', () => {
    const [written, symbol] = scanSymbols('resolution 73/27 and A/RES/73/27');
    assert.equal(written.symbol, symbol.symbol);
  });

  it('finds every symbol of the real Zero Draft, in its text and its footnotes', function () {
    needsCorpus(this);
    const text = readCorpus('zero-draft-2021.txt');
    const pinned = scanSymbols(text).map((mention) => [lineOf(text, mention.span.start), mention.raw, mention.symbol]);
    assert.deepEqual(pinned, [
      [23, 'General Assembly resolution 73/27', 'A/RES/73/27'],
      [25, 'General Assembly resolution 70/237', 'A/RES/70/237'],
      [31, 'A/RES/53/70', 'A/RES/53/70'],
      [33, 'A/RES/58/32', 'A/RES/58/32'],
      [33, 'A/RES/60/45', 'A/RES/60/45'],
      [33, 'A/RES/66/24', 'A/RES/66/24'],
      [33, 'A/RES/68/243', 'A/RES/68/243'],
      [33, 'A/RES/70/237', 'A/RES/70/237'],
      [33, 'A/RES/73/266', 'A/RES/73/266'],
      [35, 'A/65/201', 'A/65/201'],
      [35, 'A/68/98*', 'A/68/98'],
      [35, 'A/70/174', 'A/70/174'],
      [105, 'A/RES/73/27', 'A/RES/73/27'],
      [113, 'General Assembly Resolution 73/27', 'A/RES/73/27'],
      [137, 'General Assembly resolution 2131 (XX)', 'A/RES/2131(XX)'],
      [139, 'resolution 70/237', 'A/RES/70/237'],
      [139, 'General Assembly resolution 73/27', 'A/RES/73/27'],
      [147, 'General Assembly resolution 64/211', 'A/RES/64/211'],
      [169, 'A/69/723', 'A/69/723'],
      [169, 'A/70/174', 'A/70/174'],
      [179, 'resolution 70/237', 'A/RES/70/237'],
      [179, 'resolution 73/27', 'A/RES/73/27'],
      [203, 'resolution 43/78(H)', 'A/RES/43/78H'],
      [223, 'A/70/174', 'A/70/174'],
      [223, 'A/RES/70/237', 'A/RES/70/237'],
      [295, 'General Assembly resolution 73/27', 'A/RES/73/27'],
      [301, 'General Assembly resolution 73/27', 'A/RES/73/27'],
      [335, 'General Assembly resolutions, in particular 70/237', 'A/RES/70/237'],
    ]);
  });

  it('reports nothing inside the URLs of the real Zero Draft', function () {
    needsCorpus(this);
    const text = readCorpus('zero-draft-2021.txt');
    const urls = findUrls(text);
    assert.equal(urls.length, 3);
    for (const mention of scanSymbols(text)) {
      assert.ok(urls.every((url) => mention.span.end <= url.start || mention.span.start >= url.end), mention.raw);
    }
  });

  it('finds every symbol of the real submission', function () {
    needsCorpus(this);
    const text = readCorpus('gpd-response-to-pre-draft-2020-03.md');
    const pinned = scanSymbols(text).map((mention) => [lineOf(text, mention.span.start), mention.raw, mention.symbol, mention.kind]);
    assert.deepEqual(pinned, [
      [66, 'A/RES/70/237', 'A/RES/70/237', 'resolution'],
      [80, 'A/70/174', 'A/70/174', 'document'],
      [154, 'Res 70/237', 'A/RES/70/237', 'resolution'],
      [164, 'Res 70/237', 'A/RES/70/237', 'resolution'],
    ]);
  });

  it('finds no symbol in the unnumbered working paper', function () {
    needsCorpus(this);
    assert.deepEqual(scanSymbols(readCorpus('chair-working-paper-2020-02.md')), []);
  });

  it('never throws, and returns ordered, non-overlapping mentions whose raw text is the span', () => {
    const pieces = fc.constantFrom(
      'A/RES/', 'A/', 'S/RES/', '70/237', '43/78', ' H', '(H)', ' (XX)', ' (2017)', '*', '\\*', '/Rev.1', '.Rev.1', '/Add.2',
      'resolution ', 'resolutions ', 'Res ', 'decision ', 'GA ', ' and ', ', ', '.', ' ', '\n', 'https://undocs.org/', '<', '>', '2/3', 'A/AC.290/2021/CRP.2',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (chunks) => {
        const text = chunks.join('');
        let reached = 0;
        for (const mention of scanSymbols(text)) {
          assert.ok(mention.span.start >= reached && mention.span.end > mention.span.start && mention.span.end <= text.length);
          assert.equal(text.slice(mention.span.start, mention.span.end), mention.raw);
          assert.match(mention.symbol, /^[A-Z]+(?:\/[A-Za-z0-9.()-]+)+$/);
          reached = mention.span.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('normaliseSymbol', () => {
  const cases: Array<[raw: string, symbol: string | undefined]> = [
    ['A/RES/70/237', 'A/RES/70/237'],
    [' A/70/174 ', 'A/70/174'],
    ['A/68/98*', 'A/68/98'],
    ['Res 70/237', 'A/RES/70/237'],
    ['GA res 73/27', 'A/RES/73/27'],
    ['resolution 73/27', 'A/RES/73/27'],
    ['70/237', 'A/RES/70/237'],
    ['43/78 H', 'A/RES/43/78H'],
    ['A/RES/43/78 H', 'A/RES/43/78H'],
    ['2131 (XX)', 'A/RES/2131(XX)'],
    ['3367 A (XXX)', 'A/RES/3367A(XXX)'],
    ['A/Res/70/237', 'A/RES/70/237'],
    ['A/RES/2131 (XX)', 'A/RES/2131(XX)'],
    ['S/RES/2341 (2017)', 'S/RES/2341(2017)'],
    ['resolution 2341 (2017)', 'S/RES/2341(2017)'],
    ['decision 75/564', 'A/DEC/75/564'],
    ['A/C.1/73/L.27.Rev.1', 'A/C.1/73/L.27/Rev.1'],
    ['CRP.2', undefined],
    ['2010 GGE report', undefined],
    ['A/RES/70/237 and A/70/174', undefined],
    ['', undefined],
  ];
  for (const [raw, symbol] of cases) {
    it(`${JSON.stringify(raw)} -> ${symbol}`, () => assert.equal(normaliseSymbol(raw), symbol));
  }

  it('agrees with the shared symbol list: every symbol normalises, and every symbol-like alias to the same', function () {
    needsCorpus(this);
    const entries: Array<{ symbol: string; aliases: string[] }> = JSON.parse(fs.readFileSync(path.join(sharedDir, 'un-symbols.json'), 'utf8'));
    assert.ok(entries.length > 20);
    for (const entry of entries) {
      const symbol = normaliseSymbol(entry.symbol);
      assert.ok(symbol, entry.symbol);
      for (const alias of entry.aliases) {
        const aliasSymbol = normaliseSymbol(alias);
        if (aliasSymbol !== undefined) assert.equal(aliasSymbol, symbol, `${alias} of ${entry.symbol}`);
      }
    }
    assert.equal(normaliseSymbol('A/RES/43/78 H'), 'A/RES/43/78H');
  });
});

describe('findUrls', () => {
  // The pattern findUrls applies, tried at every position of the whole text.
  const everywhere = (text: string) =>
    [
      ...text.matchAll(
        /<[a-z][a-z0-9+.-]*:[^>\s]*>|\b(?:https?|ftp):\/\/[^\s<>"”’)\]]+|(?<![\p{L}\p{Nd}_@./-])(?:www\.|(?:[a-z0-9-]+\.)+(?:org|int|com|net|edu|gov|io)\/)[^\s<>"”’)\]]*/giu,
      ),
    ].map((m) => ({ start: m.index, end: m.index + m[0].length }));

  it('finds what the URL pattern finds over the whole text', () => {
    const piece = fc.constantFrom(
      'https://undocs.org/A/RES/70/237', 'HTTP://un.org', 'ftp://x', 'www.un.org', 'WWW.', 'undocs.org/A/70/174', 'press.un.org/en', '<mailto:a@b.int>',
      '<https://x y>', 'see', 'A/RES/70/237', ' ', '  ', '\n', '\t', '\u00a0', 'a', '.', '/', 'org', 'ORG/', 'io/', 'ſ', 'K', '<', ':', '//', '"', '”', ')', ']', '_', '@', '-', '1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')), (text) => {
        assert.deepEqual(findUrls(text), everywhere(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('looks at a long text without a URL only where a URL could stand', () => {
    const words = 'States recall resolution 73/27 and the 2015 report, A/70/174; see also para 12. '.repeat(2000);
    const text = `${words}Read it at https://undocs.org/A/70/174 or <https://www.un.org/disarmament>.\n${words}`;
    assert.deepEqual(findUrls(text).map((url) => text.slice(url.start, url.end)), ['https://undocs.org/A/70/174', '<https://www.un.org/disarmament>']);
  });
});
