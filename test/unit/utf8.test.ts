// Text edits applied to a file's bytes: positions counted as VS Code counts them (BOM left out;
// CRLF, CR and LF each end a line; UTF-16 columns), and invalid UTF-8 kept wherever no edit lands.
import * as assert from 'node:assert/strict';
import { applyTextEditsToBytes, decodeUtf8, firstInvalidUtf8Line } from '../../src/core/utf8';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const at = (line: number, character: number) => ({ line, character });

describe('text edits on bytes', () => {
  it('places positions after a BOM, across CRLF and lone CR, and after characters of 2 to 4 bytes', () => {
    const file = bytes([0xef, 0xbb, 0xbf], 'one\r\ntwo\rthree é 😀 x\nfour');
    assert.equal(decodeUtf8(file), '\uFEFFone\r\ntwo\rthree é 😀 x\nfour');
    const result = applyTextEditsToBytes(file, [
      { range: { start: at(0, 0), end: at(0, 3) }, newText: '1' },
      { range: { start: at(2, 11), end: at(2, 12) }, newText: 'y' },
      { range: { start: at(3, 4), end: at(3, 4) }, newText: '!' },
    ]);
    assert.ok(result.ok);
    assert.deepEqual(Buffer.from(result.bytes), bytes([0xef, 0xbb, 0xbf], '1\r\ntwo\rthree é 😀 y\nfour!'));
  });

  it('keeps invalid bytes on lines no edit touches, and on the line an edit starts at the end of', () => {
    const file = bytes('caf', [0xe9], '\n| a |\n', [0xff], 'end');
    const result = applyTextEditsToBytes(file, [
      { range: { start: at(1, 2), end: at(1, 3) }, newText: 'b' },
      { range: { start: at(0, 4), end: at(1, 0) }, newText: '\nnew\n' },
    ]);
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.deepEqual(Buffer.from(result.bytes), bytes('caf', [0xe9], '\nnew\n| b |\n', [0xff], 'end'));
  });

  it('refuses an edit inside a line that is not UTF-8, or one that replaces such bytes, naming the line', () => {
    const file = bytes('ok\ncaf', [0xe9], ' au lait\n');
    assert.deepEqual(applyTextEditsToBytes(file, [{ range: { start: at(1, 5), end: at(1, 6) }, newText: 'A' }]), {
      ok: false,
      line: 1,
      message: "line 2 is not valid UTF-8 where the change would be written; fix that line's encoding first",
    });
    const replacing = applyTextEditsToBytes(file, [{ range: { start: at(0, 2), end: at(2, 0) }, newText: '\n' }]);
    assert.equal(replacing.ok, false);
  });

  it('refuses a position that splits a surrogate pair or lies past the end', () => {
    const file = bytes('😀\n');
    assert.equal(applyTextEditsToBytes(file, [{ range: { start: at(0, 1), end: at(0, 1) }, newText: 'x' }]).ok, false);
    assert.equal(applyTextEditsToBytes(file, [{ range: { start: at(0, 3), end: at(0, 3) }, newText: 'x' }]).ok, false);
    assert.equal(applyTextEditsToBytes(file, [{ range: { start: at(5, 0), end: at(5, 0) }, newText: 'x' }]).ok, false);
  });

  it('finds the first line that is not UTF-8', () => {
    assert.equal(firstInvalidUtf8Line(bytes('a\r\nb é\n😀')), undefined);
    assert.equal(firstInvalidUtf8Line(bytes('a\r\nb\rc', [0xed, 0xa0, 0x80], '\n', [0x80])), 2);
  });
});
