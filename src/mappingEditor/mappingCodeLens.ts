import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { PlanStore } from '../plans/planStore';

/** "Edit as form" above section D's table (or its heading when the table is missing). */
export class MappingCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly plans: PlanStore) {
    // VS Code asks again when a document changes; the store's own word is needed only when every plan may have changed (settings).
    this.subscription = plans.onDidChange((change) => {
      if (change.uris === undefined) this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const plan = this.plans.plan(document);
    if (!plan) return [];
    const model = plan.model;
    const matrix = plan.matrix;
    const line = matrix?.table.startLine ?? model.sections.find((s) => s.key === 'D')?.heading.line;
    if (line === undefined) return [];
    const range = new vscode.Range(line, 0, line, 0);
    return [
      new vscode.CodeLens(range, {
        title: matrix ? vscode.l10n.t('Edit as form') : vscode.l10n.t('Add the mapping matrix in a form'),
        tooltip: vscode.l10n.t('Open section D (Mapping Rules + Cardinality) in the Connector Playbook mapping-matrix form'),
        command: Commands.editMappingMatrix,
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
