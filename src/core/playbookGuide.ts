// The playbook's method as data, read from its text: §4's phase blueprint, §5's team split and wave
// sequencing, §6's "Ready For Review" items; and the hover content built from them.
import { PLAYBOOK_TEXT } from './playbook';

/** One phase of §4's standard blueprint. */
export interface PhaseBlueprint {
  number: number;
  /** `Sync Engine`. */
  title: string;
  items: string[];
}

/** One agent of §5's team composition table. */
export interface AgentRole {
  name: string;
  /** `DB + sync core`. */
  owns: string;
  /** Each typical task, its first letter upper-cased: `Migrations`, `Sync state` … */
  typicalTasks: string[];
}

/** §5: the agents, and the wave sequencing's steps as written (the last is the final review). */
export interface TeamSplit {
  agents: AgentRole[];
  sequencing: string[];
}

/** The lines of a `## N.` section of the playbook, its heading excluded. */
function sectionLines(playbookText: string, number: number): string[] {
  const lines = playbookText.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => new RegExp(`^##\\s+${number}\\.`).test(line));
  if (start < 0) return [];
  let end = start + 1;
  while (end < lines.length && !/^##\s/.test(lines[end]!)) end++;
  return lines.slice(start + 1, end);
}

const BULLET = /^\s*[-*+]\s+(.*\S)\s*$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*\S)\s*$/;

/** §4's phases and their items. */
export function readPhaseBlueprints(playbookText: string = PLAYBOOK_TEXT): PhaseBlueprint[] {
  const phases: PhaseBlueprint[] = [];
  for (const line of sectionLines(playbookText, 4)) {
    const heading = /^#{3,6}\s+Phase\s+(\d+)\s*[:.)\-–—]\s*(.*\S)\s*$/i.exec(line);
    if (heading) {
      phases.push({ number: Number(heading[1]), title: heading[2]!, items: [] });
      continue;
    }
    const item = BULLET.exec(line);
    if (item && phases.length) phases[phases.length - 1]!.items.push(item[1]!);
  }
  return phases;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One row of §5's team table as written: the agent's name, its Owns and Typical Tasks cells. */
export interface TeamRow {
  name: string;
  owns: string;
  /** `migrations, sync state, watermark/lease logic`. */
  typicalTasks: string;
}

function teamRow(line: string): TeamRow | undefined {
  const row = /^\|\s*`([^`]+)`\s*\|([^|]*)\|([^|]*)\|\s*$/.exec(line);
  return row ? { name: row[1]!.trim(), owns: row[2]!.trim(), typicalTasks: row[3]!.trim() } : undefined;
}

/** §5's team table, its cells as written. */
export function readTeamTable(playbookText: string = PLAYBOOK_TEXT): TeamRow[] {
  return sectionLines(playbookText, 5).flatMap((line) => teamRow(line) ?? []);
}

/** §5's team table and wave sequencing. */
export function readTeamSplit(playbookText: string = PLAYBOOK_TEXT): TeamSplit {
  const agents: AgentRole[] = [];
  const sequencing: string[] = [];
  let inSequencing = false;
  for (const line of sectionLines(playbookText, 5)) {
    const row = teamRow(line);
    if (row) {
      const typicalTasks = row.typicalTasks.split(',').map((t) => t.trim()).filter(Boolean).map(sentenceCase);
      agents.push({ name: row.name, owns: row.owns, typicalTasks });
      continue;
    }
    if (/^wave sequencing:?\s*$/i.test(line.trim())) inSequencing = true;
    const step = inSequencing ? NUMBERED.exec(line) : null;
    if (step) sequencing.push(step[1]!);
  }
  return { agents, sequencing };
}

/** §6's items, in the playbook's order. */
export function readGateItems(playbookText: string = PLAYBOOK_TEXT): string[] {
  return sectionLines(playbookText, 6).flatMap((line) => {
    const item = BULLET.exec(line);
    return item ? [item[1]!] : [];
  });
}

/** The text of the sequencing's last step: the final review wave's title. */
export function finalReviewStep(team: TeamSplit = readTeamSplit()): string {
  const steps = team.sequencing;
  return (steps[steps.length - 1] ?? 'Final strict review pass across all phases.').replace(/\.$/, '');
}

function normalizeTitle(text: string): string {
  return text.toLowerCase().replace(/[*_`]/g, '').replace(/\s*[+&]\s*|\s+and\s+/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A phase heading's number and title: `Phase 2: Sync Engine`, `Phase 3 (Analytics)`, `Phase 1`. */
export function parsePhaseTitle(text: string): { number: number; title: string } | undefined {
  const match = /^\s*(?:[*_`]+\s*)?phase\s+(\d+)\b\s*[*_`]*\s*(?:[:.)\-–—(]\s*)?(.*?)\)?\s*:?\s*$/i.exec(text);
  if (!match) return undefined;
  return { number: Number(match[1]), title: match[2]!.replace(/[*_`]/g, '').trim() };
}

/**
 * The blueprint of a phase, by its heading's title (`Phase 2: Sync Engine`): the phase of the same
 * title, else of the same number.
 */
export function phaseBlueprint(phaseTitle: string, blueprints: readonly PhaseBlueprint[] = readPhaseBlueprints()): PhaseBlueprint | undefined {
  const parsed = parsePhaseTitle(phaseTitle);
  const title = normalizeTitle(parsed ? parsed.title : phaseTitle);
  if (title) {
    const byTitle = blueprints.find((b) => normalizeTitle(b.title) === title);
    if (byTitle) return byTitle;
  }
  return parsed ? blueprints.find((b) => b.number === parsed.number) : undefined;
}

/** What §5 says an agent owns and does; undefined for an agent the playbook does not name. */
export function agentOwnership(agentName: string, playbookText: string = PLAYBOOK_TEXT): AgentRole | undefined {
  const key = agentName.trim().toLowerCase();
  return readTeamSplit(playbookText).agents.find((a) => a.name.toLowerCase() === key);
}

/** Where an agent stands in a wave sequencing: its stage and the agents it waits for. */
export interface AgentStage {
  /** 0-based. */
  index: number;
  count: number;
  /** The agents of its own stage, itself included. */
  together: string[];
  /** The agents of the stage before it. */
  after: string[];
}

/** An agent's stage in a wave sequencing, if it has one. */
export function agentStage(agentName: string, waveSequencing: readonly (readonly string[])[]): AgentStage | undefined {
  const key = agentName.toLowerCase();
  const index = waveSequencing.findIndex((stage) => stage.some((a) => a.toLowerCase() === key));
  if (index < 0) return undefined;
  return { index, count: waveSequencing.length, together: [...waveSequencing[index]!], after: index > 0 ? [...waveSequencing[index - 1]!] : [] };
}

/** Text from the plan or the playbook shown as markdown: characters that would become markup are escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`);
}

/** The hover of a phase heading: its blueprint items, each marked when the phase's Deliverables list it. */
export function phaseBlueprintMarkdown(blueprint: PhaseBlueprint, listed?: readonly boolean[]): string {
  const lines = [`**Phase ${blueprint.number}: ${escapeMarkdown(blueprint.title)}** · the playbook's standard blueprint (§4)`, ''];
  blueprint.items.forEach((item, i) => lines.push(`- ${listed?.[i] ? '✓ ' : ''}${escapeMarkdown(item)}`));
  if (listed) {
    const missing = listed.filter((l) => !l).length;
    lines.push('');
    lines.push(
      missing === 0
        ? 'Deliverables list every item of the blueprint (✓).'
        : `Deliverables lack ${missing} of ${blueprint.items.length} (✓ = listed): the code action *Add the blueprint's deliverables* (Ctrl+.) inserts them.`,
    );
  }
  return lines.join('\n');
}

function agentList(names: readonly string[]): string {
  return names.map((n) => `\`${n.replace(/`/g, '')}\``).join(' + ');
}

/**
 * The hover of an agent name: what §5 says it owns and its typical tasks, and where the roster's
 * wave sequencing starts it. Undefined when neither the playbook nor the roster knows the agent.
 */
export function agentOwnershipMarkdown(agentName: string, roster: { agents: readonly string[]; waveSequencing: readonly (readonly string[])[] }, playbookText: string = PLAYBOOK_TEXT): string | undefined {
  const role = agentOwnership(agentName, playbookText);
  const inRoster = roster.agents.some((a) => a.toLowerCase() === agentName.toLowerCase());
  if (!role && !inRoster) return undefined;
  const name = role?.name ?? roster.agents.find((a) => a.toLowerCase() === agentName.toLowerCase())!;
  const lines: string[] = [];
  if (role) {
    lines.push(`**${agentList([name])}** owns ${escapeMarkdown(role.owns)} · the playbook's team split (§5)`, '');
    lines.push(`Typical tasks: ${role.typicalTasks.map(escapeMarkdown).join(', ')}.`);
  } else {
    lines.push(`**${agentList([name])}** is in this workspace's roster (\`.connector-playbook.yaml\`); the playbook's team split (§5) does not describe it.`);
  }
  const stage = agentStage(name, roster.waveSequencing);
  if (stage) {
    const others = stage.together.filter((a) => a.toLowerCase() !== name.toLowerCase());
    const withOthers = others.length ? `, with ${agentList(others)}` : '';
    lines.push('');
    lines.push(
      stage.index === 0
        ? `Wave sequencing: starts first${withOthers} (stage 1 of ${stage.count}).`
        : `Wave sequencing: starts once ${agentList(stage.after)} ${stage.after.length > 1 ? 'are' : 'is'} stable${withOthers} (stage ${stage.index + 1} of ${stage.count}).`,
    );
  } else if (inRoster) {
    lines.push('', 'Wave sequencing: in no stage, so it may start in any wave.');
  }
  return lines.join('\n');
}
