// Whether a completion request typed by a trigger character can find anything, from the line alone:
// a space or a colon typed in prose parses nothing. No imports: this runs at every trigger.

const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/;
const STATUS = /^status[ \t]*:/;
// A space is worth a look after a heading's hashes, a pipe, a list marker, `:`, `,`, `+`, a backtick
// or a word that leads to a wave (`blocked by `, `unblocks `).
const AFTER_SPACE = /(?:^ {0,3}#{1,6}|\||^[ \t]*(?:[-*+]|\d{1,9}[.)])|[:,+`]|\b(?:by|on|for|unblocks?|blocks?|after|before|and))[ \t]$/i;

/** Whether completion may have something at `character` of a line, when `trigger` was just typed there. */
export function mayComplete(line: string, character: number, trigger: string | undefined): boolean {
  const before = line.slice(0, character);
  if (!(HEADING.test(before) || before.includes('|') || LIST_ITEM.test(before) || STATUS.test(before))) return false;
  return trigger !== ' ' || AFTER_SPACE.test(before);
}

/** The characters that ask for completion in a plan. */
export const PLAN_COMPLETION_TRIGGERS = [':', '|', '`', '#', ' ', ',', '+'];
