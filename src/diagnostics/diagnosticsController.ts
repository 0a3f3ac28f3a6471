import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, RULES_DOC_URL, Settings } from '../constants';
import type { Finding } from '../core/findings';
import { toDiagnosticSeverity, toRange } from '../plans/convert';
import type { PlanChange, PlanStore } from '../plans/planStore';

/** Turns a core finding into a diagnostic whose code links to the rule's documentation. */
function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, toDiagnosticSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(`${RULES_DOC_URL}#${finding.rule}`) };
  return diagnostic;
}

/**
 * One diagnostic collection for plans and `.connector-playbook.yaml`. It follows the store's change
 * event (debounced there while typing); documents that are closed lose their diagnostics.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly disposables: vscode.Disposable[] = [];
  private configUris: vscode.Uri[] = [];

  constructor(private readonly plans: PlanStore) {
    this.disposables.push(
      this.collection,
      plans.onDidChange((change) => this.changed(change)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (!this.isConfig(doc.uri)) this.collection.delete(doc.uri);
      }),
    );
  }

  private changed(change: PlanChange): void {
    if (!change.uris) {
      this.showConfigFindings();
      for (const document of vscode.workspace.textDocuments) this.check(document, change);
      return;
    }
    for (const uri of change.uris) {
      const document = this.plans.openDocument(uri);
      if (document) this.check(document, change);
    }
  }

  private check(document: vscode.TextDocument, change: PlanChange): void {
    try {
      const plan = this.plans.plan(document);
      if (!plan) {
        if (this.collection.has(document.uri) && !this.isConfig(document.uri)) this.collection.delete(document.uri);
        return;
      }
      // `run: onSave` checks a plan when it opens and when it is saved, not while it is typed.
      if (change.typing && vscode.workspace.getConfiguration(Settings.section, document.uri).get(Settings.run) === 'onSave') return;
      this.collection.set(document.uri, plan.findings.map(toDiagnostic));
    } catch (error) {
      // A bug in a rule must never take the extension host down; say so in the log instead.
      console.error(`[connector-playbook] could not check ${document.uri.toString()}:`, error);
    }
  }

  private isConfig(uri: vscode.Uri): boolean {
    return this.configUris.some((u) => u.toString() === uri.toString());
  }

  private showConfigFindings(): void {
    for (const uri of this.configUris) this.collection.delete(uri);
    this.configUris = [];
    for (const settings of this.plans.allFolderSettings()) {
      if (!settings.configUri) continue;
      this.configUris.push(settings.configUri);
      this.collection.set(settings.configUri, settings.configFindings.map(toDiagnostic));
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
