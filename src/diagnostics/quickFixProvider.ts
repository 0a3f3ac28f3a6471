import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../constants';
import type { Finding } from '../core/findings';
import type { PlanFix } from '../core/fixes';

type Fixes = typeof import('../core/fixes');
import { toRange, toWorkspaceEdit } from '../plans/convert';
import type { PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';

/**
 * Quick fixes for our own diagnostics, each an edit computed in core: check a go/no-go item,
 * insert a missing section, normalise a cardinality, fill every occurrence of a placeholder.
 */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
  };

  constructor(private readonly plans: PlanStore) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const plan = this.plans.plan(document);
    if (!plan) return [];
    const { fixesForFinding, normalizeCardinalityFix }: Fixes = await import('../core/fixes');
    const model = plan.model;
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsQuickFix) {
      const findings = plan.findings;
      const template = plan.settings.template;
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const finding = findingOf(findings, diagnostic);
        if (!finding) continue;
        if (finding.data?.kind === 'placeholder') {
          actions.push(this.fillPlaceholderAction(document, plan, finding.data.placeholder, diagnostic));
          continue;
        }
        for (const fix of fixesForFinding(model, template, finding)) actions.push(this.toAction(document, fix, vscode.CodeActionKind.QuickFix, diagnostic));
      }
    }
    // A valid but unusual spelling (`1 : n`) has no diagnostic; offer the rewrite where the cursor is.
    const wantsRewrite = !context.only || context.only.contains(vscode.CodeActionKind.RefactorRewrite) || vscode.CodeActionKind.RefactorRewrite.contains(context.only);
    if (wantsRewrite && !actions.some((a) => a.title.startsWith('Normalise cardinality'))) {
      const row = plan.matrix?.rows.find((r) => r.line === range.start.line);
      const cell = row?.columns.cardinality;
      if (cell && toRange(cell.range).intersection(range)) {
        const fix = normalizeCardinalityFix(model, cell.range);
        if (fix) actions.push(this.toAction(document, { ...fix, isPreferred: false }, vscode.CodeActionKind.RefactorRewrite));
      }
    }
    return actions;
  }

  private toAction(document: vscode.TextDocument, fix: PlanFix, kind: vscode.CodeActionKind, diagnostic?: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, kind);
    action.edit = toWorkspaceEdit(document.uri, fix.edits);
    action.isPreferred = fix.isPreferred;
    if (diagnostic) action.diagnostics = [diagnostic];
    return action;
  }

  private fillPlaceholderAction(document: vscode.TextDocument, plan: PlanVersion, placeholder: string, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const count = plan.model.placeholders.filter((p) => p.text === placeholder).length;
    const action = new vscode.CodeAction(count > 1 ? vscode.l10n.t('Fill {0} ({1} places)…', placeholder, count) : vscode.l10n.t('Fill {0}…', placeholder), vscode.CodeActionKind.QuickFix);
    action.command = { command: Commands.fillPlaceholder, title: action.title, arguments: [document.uri, placeholder] };
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return action;
  }
}

function findingOf(findings: readonly Finding[], diagnostic: vscode.Diagnostic): Finding | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return findings.find(
    (f) =>
      f.rule === code &&
      f.range.start.line === diagnostic.range.start.line &&
      f.range.start.character === diagnostic.range.start.character &&
      f.range.end.line === diagnostic.range.end.line &&
      f.range.end.character === diagnostic.range.end.character,
  );
}
