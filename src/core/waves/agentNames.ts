// Agent names as a wave's `Agent:` field writes them: `` `schema-sync` + `analytics` ``,
// `schema-sync, analytics`, `ui-ops (admin UX)`.
import { lineRange } from '../positions';
import type { AgentName } from './outline';

const PLACEHOLDER = /\{[^{}\n]*\}/;

/** The agent names in a text that starts at `offset` of `line`. */
export function agentNames(text: string, line: number, offset: number): AgentName[] {
  const names: AgentName[] = [];
  for (const piece of splitOutsideCode(text)) {
    const code = /`+([^`]*)`+/.exec(piece.text);
    let name: string;
    let at: number;
    if (code) {
      name = code[1]!.trim();
      at = piece.start + code.index + code[0].indexOf(code[1]!) + (code[1]!.length - code[1]!.trimStart().length);
    } else {
      // Drop a description after the name: `schema-sync (DB core)`, `ui-ops - admin UX`, `analytics agent`.
      const cleaned = piece.text.replace(/\s*\(.*$/, '').replace(/\s+[-–—:].*$/, '').replace(/:$/, '');
      const lead = cleaned.length - cleaned.replace(/^[\s*_]+/, '').length;
      name = cleaned.replace(/^[\s*_]+|[\s*_]+$/g, '').replace(/\s+agents?$/i, '');
      at = piece.start + lead;
    }
    if (!name || PLACEHOLDER.test(name) || /^[-–—]+$/.test(name) || /^(?:none|n\/a|tbd)$/i.test(name)) continue;
    names.push({ name, range: lineRange(line, offset + at, offset + at + name.length) });
  }
  return names;
}

// Splits on `+`, `,`, `&`, `;` and ` and `, not inside code spans or parentheses.
function splitOutsideCode(text: string): { text: string; start: number }[] {
  const pieces: { text: string; start: number }[] = [];
  let start = 0;
  let parens = 0;
  const push = (end: number, next: number) => {
    const raw = text.slice(start, end);
    if (raw.trim()) pieces.push({ text: raw.trim(), start: start + raw.length - raw.trimStart().length });
    start = next;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c === '(' || c === ')') parens = Math.max(0, parens + (c === '(' ? 1 : -1));
    if (parens === 0 && (c === '+' || c === ',' || c === '&' || c === ';')) {
      push(i, i + 1);
      i++;
      continue;
    }
    const and = parens === 0 && /\s/.test(c) ? /^\s+and\s+/i.exec(text.slice(i, i + 8)) : null;
    if (and) {
      push(i, i + and[0].length);
      i += and[0].length;
      continue;
    }
    i++;
  }
  push(text.length, text.length);
  return pieces;
}
