// Task ids handed to agents: the task's line and a hash of the plan's text, so that an id taken
// from one version of a plan is refused on any other.
import { toSourceText } from '../source';

/** A 53-bit hash of a text (cyrb53), as 11 base-36 digits: a version stamp, not a secret. */
function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

/**
 * The version of a plan's text that task ids carry: its text as VS Code and the parser see it
 * (no BOM, `\n` line breaks), so the same plan read from disk or from an open editor agrees.
 */
export function planVersionOf(text: string): string {
  return textHash(toSourceText(text).text);
}

/** A task id: `t<line>.<version>` with the 1-based line of the task's checkbox. */
export function taskId(line: number, version: string): string {
  return `t${line + 1}.${version}`;
}

const TASK_ID = /^t([1-9][0-9]{0,8})\.([0-9a-z]{11})$/;

/** The 0-based line and version an id names; undefined when it is not an id at all. */
export function parseTaskId(id: string): { line: number; version: string } | undefined {
  const match = TASK_ID.exec(id);
  return match ? { line: Number(match[1]) - 1, version: match[2]! } : undefined;
}
