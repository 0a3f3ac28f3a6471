// A plan's bytes and its text. Text edits are computed on the decoded text, where an invalid UTF-8
// sequence reads as U+FFFD; written back through the text, every such sequence in the file would
// become EF BF BD. Applying the edits to the bytes instead keeps every byte outside them.
import type { Position, TextEdit } from './positions';
import { comparePositions } from './positions';

const lossy = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
const encoder = new TextEncoder();

/** Decodes a file as VS Code and Node read UTF-8: an invalid sequence becomes U+FFFD, a BOM stays U+FEFF. */
export function decodeUtf8(bytes: Uint8Array): string {
  return lossy.decode(bytes);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The lines of a file's bytes as VS Code counts them (BOM left out; CRLF, CR and LF each end one). */
interface ByteLines {
  /** Offset of each line's first byte. */
  starts: number[];
  /** Offset just past each line's last byte, its line break left out. */
  ends: number[];
}

function byteLines(bytes: Uint8Array): ByteLines {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const starts = [bom];
  const ends: number[] = [];
  for (let i = bom; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 10 && b !== 13) continue;
    ends.push(i);
    if (b === 13 && bytes[i + 1] === 10) i++;
    starts.push(i + 1);
  }
  ends.push(bytes.length);
  return { starts, ends };
}

/** The zero-based line of the first byte sequence that is not valid UTF-8, or undefined when there is none. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  if (isValidUtf8(bytes)) return undefined;
  const { starts, ends } = byteLines(bytes);
  for (let line = 0; line < starts.length; line++) {
    if (!isValidUtf8(bytes.subarray(starts[line], ends[line]))) return line;
  }
  return undefined;
}

export type ByteEditResult = { ok: true; bytes: Uint8Array } | { ok: false; line: number; message: string };

class InvalidLine extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const notUtf8 = (line: number) => new InvalidLine(line, `line ${line + 1} is not valid UTF-8 where the change would be written; fix that line's encoding first`);

/**
 * Applies edits computed on `decodeUtf8(bytes)` to the bytes themselves, so that only the bytes of
 * the edited ranges change. Refused when an edit would rewrite, or is placed by, an invalid sequence.
 */
export function applyTextEditsToBytes(bytes: Uint8Array, edits: readonly TextEdit[]): ByteEditResult {
  const { starts, ends } = byteLines(bytes);
  const offsetOf = (p: Position): number => {
    const start = starts[p.line];
    const end = ends[p.line];
    if (start === undefined || end === undefined || p.character < 0) throw new InvalidLine(Math.max(0, Math.min(p.line, starts.length - 1)), `line ${p.line + 1} is past the end of the file`);
    if (p.character === 0) return start;
    const content = bytes.subarray(start, end);
    if (!isValidUtf8(content)) {
      // The end of a line is known even when its bytes are not UTF-8.
      if (p.character === lossy.decode(content).length) return end;
      throw notUtf8(p.line);
    }
    const text = lossy.decode(content);
    const code = text.charCodeAt(p.character - 1);
    if (p.character > text.length || (code >= 0xd800 && code <= 0xdbff)) throw new InvalidLine(p.line, `line ${p.line + 1} has no character ${p.character + 1}`);
    return start + encoder.encode(text.slice(0, p.character)).length;
  };
  try {
    const placed = edits
      .map((edit) => ({ edit, start: offsetOf(edit.range.start), end: offsetOf(edit.range.end) }))
      .sort((a, b) => comparePositions(a.edit.range.start, b.edit.range.start));
    const parts: Uint8Array[] = [];
    let at = 0;
    for (const { edit, start, end } of placed) {
      if (start < at || end < start) throw new InvalidLine(edit.range.start.line, 'the edits overlap');
      // The bytes an edit replaces must be what the edit was computed from.
      if (!isValidUtf8(bytes.subarray(start, end))) throw notUtf8(edit.range.start.line);
      parts.push(bytes.subarray(at, start), encoder.encode(edit.newText));
      at = end;
    }
    parts.push(bytes.subarray(at));
    const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return { ok: true, bytes: out };
  } catch (error) {
    if (error instanceof InvalidLine) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}
