import * as vscode from 'vscode';
import { addBlueprintDeliverablesEdit, missingDeliverables, phaseAtLine, readPlanPhases } from '../core/phases';
import { toWorkspaceEdit } from '../plans/convert';
import type { PlanVersion } from '../plans/planVersion';

/** The kind of the action, under refactor.rewrite (it is no fix of a problem: the plan is not wrong). */
const ADD_DELIVERABLES_KIND = vscode.CodeActionKind.RefactorRewrite.append('connectorPlaybook.blueprint');

/**
 * On a phase's heading or its Deliverables: "Add the blueprint's deliverables", one edit that
 * inserts the §4 items the phase's Deliverables lack.
 */
export function blueprintActions(document: vscode.TextDocument, plan: PlanVersion, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
  if (context.only && !context.only.contains(ADD_DELIVERABLES_KIND) && !ADD_DELIVERABLES_KIND.contains(context.only)) return [];
  const model = plan.model;
  if (!model.sections.some((s) => s.key === 'E' && range.start.line > s.heading.line && range.start.line < s.endLine)) return [];
  const phase = phaseAtLine(readPlanPhases(model), range.start.line);
  if (!phase?.blueprint) return [];
  const field = phase.deliverables;
  const onDeliverables = field !== undefined && range.start.line >= field.line && range.start.line < field.endLine;
  if (range.start.line !== phase.line && !onDeliverables) return [];
  const edit = addBlueprintDeliverablesEdit(model, phase);
  if (!edit) return [];
  const count = missingDeliverables(phase).length;
  const action = new vscode.CodeAction(
    count === 1
      ? vscode.l10n.t("Add the blueprint's deliverable to Phase {0} (1 missing)", phase.number)
      : vscode.l10n.t("Add the blueprint's deliverables to Phase {0} ({1} missing)", phase.number, count),
    ADD_DELIVERABLES_KIND,
  );
  action.edit = toWorkspaceEdit(document.uri, [edit]);
  return [action];
}
