import * as vscode from 'vscode';
import { playbookHoverAt } from '../core/playbookHover';
import { toRange } from '../plans/convert';
import type { PlanVersion } from '../plans/planVersion';

/** The hover of a phase heading (its blueprint, §4) or an agent name (its ownership, §5). */
export function playbookHover(plan: PlanVersion, position: vscode.Position): vscode.Hover | undefined {
  const hover = playbookHoverAt(plan.model, plan.outline, { line: position.line, character: position.character }, plan.settings.config);
  if (!hover) return undefined;
  // Built from the playbook and escaped plan text: never trusted, so no link in it runs a command.
  return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range));
}
