// The template's sections A–J. A plan's section is found by its heading title, with or without
// the letter, at any heading level; a few short names authors use are accepted too.

const SECTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface SectionDefinition {
  key: SectionKey;
  title: string;
  aliases: readonly string[];
}

export const SECTIONS: readonly SectionDefinition[] = [
  { key: 'A', title: 'Business Goal', aliases: ['Business Goals'] },
  { key: 'B', title: 'Source Model', aliases: [] },
  { key: 'C', title: 'Linking Points (Identity Graph)', aliases: ['Linking Points', 'Identity Graph'] },
  { key: 'D', title: 'Mapping Rules + Cardinality', aliases: ['Mapping Rules and Cardinality', 'Mapping Rules', 'Mapping Design Matrix', 'Mapping Matrix'] },
  { key: 'E', title: 'Delivery Phases', aliases: ['Phase Plan', 'Phases'] },
  { key: 'F', title: 'Agent-Team Plan', aliases: ['Agent Team Plan', 'Agent Waves', 'Agent-Team Waves'] },
  { key: 'G', title: 'Risks + Mitigations', aliases: ['Risks and Mitigations', 'Risks'] },
  { key: 'H', title: 'Manual Setup Handoff (Owner Actions)', aliases: ['Manual Setup Handoff', 'Owner Actions', 'Manual Setup'] },
  { key: 'I', title: 'Operational Go/No-Go', aliases: ['Go/No-Go', 'Go / No-Go', 'Go-No-Go', 'Operational Go / No-Go'] },
  { key: 'J', title: 'Open Questions and Assumptions', aliases: ['Open Questions + Assumptions', 'Open Questions', 'Assumptions'] },
];

function normalizeTitle(title: string): string {
  return title
    .replace(/[*_`~]/g, '')
    .toLowerCase()
    .replace(/\s*&\s*|\s*\+\s*/g, ' and ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[^a-z0-9/()]+/g, ' ')
    .trim();
}

const titleIndex = new Map<string, SectionKey>();
for (const section of SECTIONS) {
  for (const name of [section.title, ...section.aliases]) titleIndex.set(normalizeTitle(name), section.key);
}

// "A) Title", "A. Title", "A - Title", "A: Title", "Section A: Title"; teams that number their
// sections ("5. Delivery Phases") get the same: the title decides either way.
const LETTER_PREFIX = /^\s*(?:section\s+)?([A-Ja-j]|\d{1,2})\s*[).:\-–—]\s*/i;

/** The section a heading's text names, if any. */
export function sectionKeyOfHeading(text: string): SectionKey | undefined {
  let rest = text;
  const letter = LETTER_PREFIX.exec(text);
  if (letter) rest = text.slice(letter[0].length);
  const normalized = normalizeTitle(rest);
  const direct = titleIndex.get(normalized) ?? titleIndex.get(normalized.replace(/\s*\([^)]*\)\s*/g, ' ').trim());
  if (direct) return direct;
  // A bare letter heading whose title is unknown is not a section: the title decides.
  return undefined;
}

/** The definition of a section by key. */
export function sectionDefinition(key: SectionKey): SectionDefinition {
  return SECTIONS[SECTION_KEYS.indexOf(key)]!;
}
