// What a hover on a plan shows of the playbook: a phase heading's blueprint items (§4), marked where
// its Deliverables list them, and an agent name's ownership and typical tasks (§5).
import type { PlanModel } from './plan';
import { PLAYBOOK_TEXT } from './playbook';
import { blueprintCoverage, readPlanPhases } from './phases';
import { agentOwnershipMarkdown, phaseBlueprintMarkdown } from './playbookGuide';
import type { Position, Range } from './positions';
import { rangeHolds } from './positions';
import type { WaveRoster } from './waves/graph';
import type { WaveOutline } from './waves/outline';

export interface PlaybookHover {
  markdown: string;
  range: Range;
}

/** The playbook's word on what is at a position of a plan, if it has one. */
export function playbookHoverAt(model: PlanModel, outline: readonly WaveOutline[], position: Position, roster: WaveRoster, playbookText: string = PLAYBOOK_TEXT): PlaybookHover | undefined {
  const section = model.sections.find((s) => position.line >= s.heading.line && position.line < s.endLine);
  if (section?.key === 'E') {
    const phase = readPlanPhases(model, playbookText).find((p) => p.kind === 'heading' && p.line === position.line);
    if (phase?.blueprint && rangeHolds(phase.titleRange, position)) {
      return { markdown: phaseBlueprintMarkdown(phase.blueprint, blueprintCoverage(phase)), range: phase.titleRange };
    }
    return undefined;
  }
  if (section?.key !== 'F') return undefined;
  for (const wave of outline) {
    if (position.line < wave.line || position.line >= wave.endLine) continue;
    const agent = wave.agentNames.find((a) => rangeHolds(a.range, position));
    if (!agent) return undefined;
    const markdown = agentOwnershipMarkdown(agent.name, roster, playbookText);
    return markdown ? { markdown, range: agent.range } : undefined;
  }
  return undefined;
}
