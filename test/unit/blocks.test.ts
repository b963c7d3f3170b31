import { strict as assert } from 'assert';
import fc from 'fast-check';
import { splitBlocks } from '../../server/src/core/blocks';
import { commonPrefixLength, commonSuffixLength } from '../../server/src/core/analysis';
import { scanCitations } from '../../server/src/core/citations';
import { shiftCitation } from '../../server/src/core/blocks';
import { needsCorpus, readCorpus } from '../support/paths';

/** The citations of a text scanned block by block, moved to where each block stands. */
function scanByBlocks(text: string, options = {}) {
  return splitBlocks(text).flatMap((block) => scanCitations(text.slice(block.start, block.end), options).map((citation) => shiftCitation(citation, block.start)));
}

describe('cutting a submission into blocks', () => {
  it('covers the text without gaps, each block starting at a blank line', () => {
    const text = 'Intro line\n\npara 1 here\nand more\n\n\n> quoted\n\nPara 12 reads:\n\n```\ncode\n\nstill code\n```\n\nlast';
    const blocks = splitBlocks(text);
    assert.equal(blocks[0].start, 0);
    assert.equal(blocks[blocks.length - 1].end, text.length);
    blocks.forEach((block, index) => index && assert.equal(block.start, blocks[index - 1].end));
    assert.deepEqual(
      blocks.map((block) => text.slice(block.start, block.end)),
      ['Intro line\n', '\npara 1 here\nand more\n\n\n> quoted\n\nPara 12 reads:\n', '\n```\ncode\n\nstill code\n```\n', '\nlast'],
    );
  });

  it('never cuts between a block quote and the lines that introduce or attribute it, nor inside a fence', () => {
    const text = 'As para 74 says:\n\n> “a quote”\n\n— para 75\n\n~~~\nx\n\ny\n~~~';
    const cuts = splitBlocks(text).map((block) => text.slice(block.start, block.end));
    assert.deepEqual(cuts, ['As para 74 says:\n\n> “a quote”\n\n— para 75\n', '\n~~~\nx\n\ny\n~~~']);
  });

  it('gives exactly the citations a whole scan gives, on the real submission and the real draft', function () {
    needsCorpus(this);
    for (const name of ['gpd-response-to-pre-draft-2020-03.md', 'zero-draft-2021.txt']) {
      const text = readCorpus(name);
      assert.deepEqual(scanByBlocks(text), scanCitations(text), name);
    }
  });

  it('gives exactly the citations a whole scan gives, through random texts (CRLF, quotes, fences)', () => {
    const pieces = [
      'We welcome para 74 of the Zero Draft.',
      'See paras 57-60 and paragraph 86.',
      'Zero Draft, para 12 recalls resolution 73/27.',
      '“frequent and structured discussions” (para 96)',
      '> “a block quote” (para 12)',
      '```',
      'Nothing to cite here.',
      '',
      '   ',
      '\r',
      '¶ 41 and paragraphs 24, 28 and 30 of this report',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const blocks = splitBlocks(text);
        assert.equal(blocks.map((block) => text.slice(block.start, block.end)).join(''), text);
        assert.deepEqual(scanByBlocks(text, { draftNames: ['Zero Draft'] }), scanCitations(text, { draftNames: ['Zero Draft'] }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('what two versions of a text share', () => {
  const naivePrefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const naiveSuffix = (a: string, b: string, prefix: number) => {
    let i = 0;
    while (i < Math.min(a.length, b.length) - prefix && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
    return i;
  };

  it('finds the common start and end a character at a time would, whatever the lengths', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é', '🙂'), maxLength: 3000 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(40), text, (base, at, removed, inserted) => {
        const start = at % (base.length + 1);
        const edited = base.slice(0, start) + inserted.slice(0, 30) + base.slice(start + removed);
        const prefix = commonPrefixLength(base, edited);
        assert.equal(prefix, naivePrefix(base, edited));
        assert.equal(commonSuffixLength(base, edited, prefix), naiveSuffix(base, edited, prefix));
      }),
      { numRuns: 300 },
    );
  });
});
