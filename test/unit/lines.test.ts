import { strict as assert } from 'assert';
import { LineMap } from '../../server/src/core/lines';

describe('LineMap', () => {
  it('maps offsets to positions and back, with CRLF line ends', () => {
    const text = 'first line\r\nsecond\n\nfourth';
    const map = new LineMap(text);
    assert.equal(map.lineCount, 4);
    const at = text.indexOf('second');
    assert.deepEqual(map.positionAt(at), { line: 1, character: 0 });
    assert.equal(map.offsetAt({ line: 1, character: 3 }), at + 3);
    assert.equal(map.lineText(0), 'first line');
    assert.equal(map.lineText(2), '');
    assert.deepEqual(map.positionAt(text.length), { line: 3, character: 6 });
    assert.equal(map.offsetAt({ line: 0, character: 99 }), 'first line'.length);
  });
});
