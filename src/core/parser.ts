// Parsing a plan: its front matter with `yaml`, its body with markdown-it's block parse, and the
// model built from both. A new version can be read from the previous one (only the changed part
// of the body is parsed again).
import type { BlockParse } from './parse/blocks';
import { parseBody, reparseBody } from './parse/blocks';
import { frontMatterLines, parseFrontMatter } from './parse/frontMatter';
import { buildModel, updateModel } from './parse/model';
import type { FrontMatter, PlanModel } from './plan';
import type { SourceText } from './source';
import { linesText, toSourceText } from './source';

export { declaresPlanKind } from './parse/frontMatter';
export { splitRowText } from './parse/tables';

/** One version of a plan: its model, and the parse a next version is read from. */
export interface PlanParse {
  readonly model: PlanModel;
  readonly body: BlockParse;
}

/** Parses a plan's text (any text) into its model. Never throws on content. */
export function parsePlan(text: string): PlanModel {
  return parsePlanVersion(text).model;
}

/** Parses a version of a plan, re-reading only what changed since `previous` when it is given. */
export function parsePlanVersion(text: string, previous?: PlanParse): PlanParse {
  const source = toSourceText(text);
  const frontMatter = sameFrontMatter(source, previous) ?? parseFrontMatter(source);
  const bodyStart = frontMatter?.endLine ?? 0;
  if (!previous) {
    const body = parseBody(source, bodyStart);
    return { model: buildModel(source, frontMatter, body), body };
  }
  const { body, readAgain } = reparseBody(previous.body, source, bodyStart);
  const model = readAgain ? updateModel(previous.model, source, frontMatter, body, readAgain) : buildModel(source, frontMatter, body);
  return { model, body };
}

// The previous version's front matter, when its lines are the same text (its ranges still hold).
function sameFrontMatter(source: SourceText, previous: PlanParse | undefined): FrontMatter | undefined {
  const before = previous?.model.frontMatter;
  if (!previous || !before) return undefined;
  const lines = frontMatterLines(source);
  if (lines?.end !== before.endLine) return undefined;
  return linesText(source, 0, lines.end) === linesText(previous.model.source, 0, before.endLine) ? before : undefined;
}
