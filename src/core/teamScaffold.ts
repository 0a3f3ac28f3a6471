// What a new plan takes from the playbook beyond the template: each phase's Deliverables from §4's
// blueprint, and section F's waves from §5's team split and wave sequencing, closed by a final
// strict review pass whose tasks are §6's gate items.
import type { PlanModel } from './plan';
import { PLAYBOOK_TEXT } from './playbook';
import { readPlanPhases } from './phases';
import { finalReviewStep, readGateItems, readTeamSplit } from './playbookGuide';
import { lineAt } from './source';
import type { WaveRoster } from './waves/graph';
import { readWaveOutline } from './waves/outline';

/** The team a new plan is split for (§5): the four-agent split, or one wave for a very small connector. */
export const TEAM_SIZES = ['standard', 'small'] as const;
export type TeamSize = (typeof TEAM_SIZES)[number];

export interface TeamScaffoldOptions {
  team: TeamSize;
  /** The roster and sequencing: the workspace's, else the playbook's. */
  roster: WaveRoster;
  playbookText?: string;
}

/** An edit of the template's text, by offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

interface PlannedWave {
  title: string;
  groups: { agents: string[]; note: string | undefined; tasks: string[] }[];
  blocks: string;
}

// The roster's agents in the order the sequencing starts them; agents in no stage join the first.
function stagesOf(roster: WaveRoster): string[][] {
  const known = new Map(roster.agents.map((a) => [a.toLowerCase(), a]));
  const placed = new Set<string>();
  const stages = roster.waveSequencing
    .map((stage) =>
      stage.flatMap((agent) => {
        const name = known.get(agent.toLowerCase());
        // An agent the roster lacks is the configuration's problem (a `config` warning), not the plan's.
        if (!name || placed.has(name.toLowerCase())) return [];
        placed.add(name.toLowerCase());
        return [name];
      }),
    )
    .filter((stage) => stage.length > 0);
  const unplaced = roster.agents.filter((a) => !placed.has(a.toLowerCase()));
  if (stages.length === 0) return unplaced.length ? [unplaced] : [];
  stages[0]!.push(...unplaced);
  return stages;
}

/** Section F's waves for a new plan, as markdown lines (headings at `level`). */
export function scaffoldWaveLines(options: TeamScaffoldOptions, level = 3): string[] {
  const playbookText = options.playbookText ?? PLAYBOOK_TEXT;
  const team = readTeamSplit(playbookText);
  const roles = new Map(team.agents.map((role) => [role.name.toLowerCase(), role]));
  const stages = stagesOf(options.roster);
  const everyone = stages.flat();
  const agentGroup = (agent: string) => {
    const role = roles.get(agent.toLowerCase());
    return { agents: [agent], note: role?.owns, tasks: role?.typicalTasks.length ? role.typicalTasks : ['{task}'] };
  };
  // In one wave the review's group says what it is; in the standard split its wave's title does.
  const review = (note: string | undefined) => ({ agents: everyone, note, tasks: readGateItems(playbookText) });
  let waves: PlannedWave[];
  if (options.team === 'small' || stages.length === 0) {
    waves = [{ title: 'Wave 1', groups: [...everyone.map(agentGroup), ...(everyone.length ? [review(finalReviewStep(team).toLowerCase())] : [])], blocks: 'none' }];
  } else {
    const count = stages.length + 1;
    waves = stages.map((stage, i) => ({
      title: `Wave ${i + 1}`,
      groups: stage.map(agentGroup),
      blocks: [i > 0 ? `blocked by Wave ${i}` : '', `unblocks Wave ${i + 2}`].filter(Boolean).join('; '),
    }));
    waves.push({ title: `Wave ${count}: ${finalReviewStep(team)}`, groups: [review(undefined)], blocks: `blocked by Wave ${count - 1}` });
  }
  const lines: string[] = [];
  for (const wave of waves) {
    if (lines.length) lines.push('');
    lines.push(`${'#'.repeat(level)} ${wave.title}`);
    for (const group of wave.groups) {
      const names = group.agents.map((a) => `\`${a}\``).join(' + ');
      lines.push(`- ${group.agents.length > 1 ? 'Agents' : 'Agent'}: ${names}${group.note ? ` (${group.note})` : ''}`);
      lines.push('- Tasks:');
      for (const task of group.tasks) lines.push(`  - [ ] ${task}`);
    }
    lines.push(`- Blocks/unblocks: ${wave.blocks}`);
  }
  return lines;
}

/**
 * The edits that bring the playbook into a template: §4's items under each empty Deliverables of
 * section E, and §5's waves in place of section F's (or at its end when it has none).
 */
export function playbookScaffoldEdits(model: PlanModel, options: TeamScaffoldOptions): OffsetEdit[] {
  const { text, lineStarts } = model.source;
  const offsetOfLine = (line: number) => lineStarts[line] ?? text.length;
  const lineEnd = (line: number) => offsetOfLine(line) + lineAt(model.source, line).length;
  const edits: OffsetEdit[] = [];

  for (const phase of readPlanPhases(model, options.playbookText)) {
    const field = phase.deliverables;
    if (!field || !phase.blueprint || field.value || field.hasNested || field.hasContinuation) continue;
    const indent = ' '.repeat(field.labelRange.start.character);
    const at = lineEnd(field.line);
    edits.push({ start: at, end: at, text: phase.blueprint.items.map((item) => `\n${indent}- ${item}`).join('') });
  }

  const section = model.sections.find((s) => s.key === 'F');
  if (!section) return edits;
  const waves = readWaveOutline(model);
  const level = waves.length ? (model.headings.find((h) => h.line === waves[0]!.line)?.level ?? section.heading.level + 1) : section.heading.level + 1;
  const generated = scaffoldWaveLines(options, Math.min(6, level)).join('\n');
  if (waves.length) {
    const first = waves[0]!.line;
    let last = waves[waves.length - 1]!.endLine - 1;
    while (last > first && lineAt(model.source, last).trim() === '') last--;
    edits.push({ start: offsetOfLine(first), end: lineEnd(last), text: generated });
  } else {
    let last = section.endLine - 1;
    while (last > section.heading.line && lineAt(model.source, last).trim() === '') last--;
    edits.push({ start: lineEnd(last), end: lineEnd(last), text: `\n\n${generated}` });
  }
  return edits;
}
