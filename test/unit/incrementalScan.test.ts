import { strict as assert } from 'assert';
import fc from 'fast-check';
import { scanCitations } from '../../server/src/core/citations';
import { CitationScanCache } from '../../server/src/core/incrementalScan';
import { needsCorpus, readCorpus } from '../support/paths';

describe('scanning citations block by block', () => {
  it('gives exactly what a whole scan gives, on the real submission and the real draft', function () {
    needsCorpus(this);
    for (const name of ['gpd-response-to-pre-draft-2020-03.md', 'zero-draft-2021.txt']) {
      const text = readCorpus(name);
      assert.deepEqual(new CitationScanCache().scan(text), scanCitations(text), name);
    }
  });

  it('stays equal to a whole scan through a sequence of edits (incremental equals from scratch)', () => {
    const sentences = [
      'We welcome para 74 of the Zero Draft.',
      'See paras 57-60 and paragraph 86.',
      'Zero Draft, para 12 recalls resolution 73/27.',
      '“frequent and structured discussions” (para 96)',
      'Nothing to cite here.',
      '',
      '',
      '¶ 41 and paragraphs 24, 28 and 30 of this report',
    ];
    const cache = new CitationScanCache({ draftNames: ['Zero Draft'] });
    fc.assert(
      fc.property(fc.array(fc.record({ line: fc.nat(40), sentence: fc.constantFrom(...sentences), remove: fc.boolean() }), { maxLength: 25 }), (edits) => {
        const lines: string[] = [];
        for (const edit of edits) {
          if (edit.remove && lines.length) lines.splice(edit.line % lines.length, 1);
          else lines.splice(edit.line % (lines.length + 1), 0, edit.sentence);
          const text = lines.join('\n');
          assert.deepEqual(cache.scan(text), scanCitations(text, { draftNames: ['Zero Draft'] }));
        }
      }),
      { numRuns: 150 },
    );
  });
});
