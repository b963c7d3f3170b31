import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineMap } from '../../server/src/core/lines';

describe('LineMap', () => {
  it('maps offsets to positions and back, with CRLF line ends', () => {
    const text = 'first line\r\nsecond\n\nfourth';
    const map = new LineMap(text);
    assert.equal(map.lineCount, 4);
    const at = text.indexOf('second');
    assert.deepEqual(map.positionAt(at), { line: 1, character: 0 });
    assert.deepEqual(map.lineColumn(at + 2), { line: 2, column: 3 }, '1-based, as the CLI prints it');
    assert.equal(map.offsetAt({ line: 1, character: 3 }), at + 3);
    assert.equal(map.lineText(0), 'first line');
    assert.equal(map.lineText(2), '');
    assert.deepEqual(map.positionAt(text.length), { line: 3, character: 6 });
    assert.equal(map.offsetAt({ line: 0, character: 99 }), 'first line'.length);
  });

  it('counts a lone "\\r" as a line break, as the LSP specification and the editor do', () => {
    const text = 'one\rtwo\r\nthree\n\rfour';
    const map = new LineMap(text);
    const document = TextDocument.create('file:///x.md', 'markdown', 1, text);
    assert.equal(map.lineCount, document.lineCount);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(map.positionAt(offset), document.positionAt(offset), `offset ${offset}`);
    }
    for (let line = 0; line < map.lineCount; line++) {
      for (let character = 0; character < 8; character++) {
        assert.equal(map.offsetAt({ line, character }), document.offsetAt({ line, character }), `${line}:${character}`);
      }
    }
    assert.deepEqual([0, 1, 2, 3, 4].map((line) => map.lineText(line)), ['one', 'two', 'three', '', 'four']);
  });
});
