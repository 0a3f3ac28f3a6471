import defaultTemplateText from '../../templates/rollout-plan.md';
import { normalizeLabel, normalizeOptionValue } from './labels';
import { parsePlan } from './parser';
import type { PlanModel } from './plan';
import type { SectionKey } from './sections';
import { lineAt } from './source';

/** The rollout-plan template as the rules and fixes need it. */
export interface PlanTemplate {
  text: string;
  model: PlanModel;
  /** Each section's lines, heading included, trailing blank lines dropped. */
  sectionLines: Map<SectionKey, string[]>;
  /** Fields whose template value is an option list (`incremental / snapshot / hybrid`), by label. */
  optionLists: Map<string, string>;
}

/** The template shipped with the extension. */
export const DEFAULT_TEMPLATE_TEXT: string = defaultTemplateText;

/** Reads a template (the bundled one or a workspace's own). */
export function parseTemplate(text: string): PlanTemplate {
  const model = parsePlan(text);
  const sectionLines = new Map<SectionKey, string[]>();
  for (const section of model.sections) {
    if (sectionLines.has(section.key)) continue;
    const lines: string[] = [];
    for (let line = section.heading.line; line < section.endLine; line++) lines.push(lineAt(model.source, line));
    while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
    sectionLines.set(section.key, lines);
  }
  const placeholderLines = new Set(model.placeholders.map((p) => p.range.start.line));
  const optionLists = new Map<string, string>();
  for (const field of model.fields) {
    if (field.value && field.value.includes('/') && !placeholderLines.has(field.line)) {
      optionLists.set(normalizeLabel(field.label), normalizeOptionValue(field.value));
    }
  }
  return { text, model, sectionLines, optionLists };
}

/** The bundled template, read afresh (callers that check many plans keep the one they read). */
export function getDefaultTemplate(): PlanTemplate {
  return parseTemplate(DEFAULT_TEMPLATE_TEXT);
}
