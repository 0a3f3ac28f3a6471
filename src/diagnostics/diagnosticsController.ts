import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, RULES_DOC_URL, Settings } from '../constants';
import type { Finding } from '../core/findings';
import { toDiagnosticSeverity, toRange } from '../plans/convert';
import { mayBePlan } from '../plans/planStore';
import type { PlanStore } from '../plans/planStore';

/** Turns a core finding into a diagnostic whose code links to the rule's documentation. */
export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, toDiagnosticSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(`${RULES_DOC_URL}#${finding.rule}`) };
  return diagnostic;
}

/**
 * One diagnostic collection for plans and `.connector-playbook.yaml`: debounced while typing, with a
 * generation counter per document so a late run never overwrites a newer one; cleared on close.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private configUris: vscode.Uri[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced. */
  readonly onDidUpdate = this.changed.event;

  constructor(private readonly plans: PlanStore) {
    this.disposables.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((doc) => this.lintNow(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Output channels and other languages change often; only markdown can be a plan.
        if (e.contentChanges.length === 0 || !mayBePlan(e.document)) return;
        if (this.runMode(e.document) === 'onType') this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.lintNow(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.clear(doc.uri)),
      plans.onDidChangeSettings(() => this.lintAll()),
    );
    this.lintAll();
  }

  private runMode(document: vscode.TextDocument): 'onType' | 'onSave' {
    return vscode.workspace.getConfiguration(Settings.section, document.uri).get<'onType' | 'onSave'>(Settings.run) ?? 'onType';
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    const delay = vscode.workspace.getConfiguration(Settings.section, document.uri).get<number>(Settings.debounceMs) ?? 250;
    const generation = this.bumpGeneration(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // A newer change or a close since this was scheduled makes it stale.
        if (this.generations.get(key) !== generation || document.isClosed) return;
        this.lint(document);
      }, delay),
    );
  }

  private bumpGeneration(key: string): number {
    const next = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, next);
    return next;
  }

  /** Checks a document at once (open, save, settings change). */
  lintNow(document: vscode.TextDocument): void {
    this.bumpGeneration(document.uri.toString());
    this.lint(document);
  }

  private lint(document: vscode.TextDocument): void {
    try {
      if (!this.plans.isPlan(document)) {
        if (this.collection.has(document.uri) && !this.isConfig(document.uri)) this.collection.delete(document.uri);
        return;
      }
      const findings = this.plans.findings(document);
      this.collection.set(document.uri, findings.map(toDiagnostic));
      this.changed.fire(document.uri);
    } catch (error) {
      // A bug in a rule must never take the extension host down; say so once in the log instead.
      console.error(`[connector-playbook] could not check ${document.uri.toString()}:`, error);
    }
  }

  private isConfig(uri: vscode.Uri): boolean {
    return this.configUris.some((u) => u.toString() === uri.toString());
  }

  /** Re-checks every open document and the configuration files. */
  lintAll(): void {
    for (const uri of this.configUris) this.collection.delete(uri);
    this.configUris = [];
    for (const settings of this.plans.allFolderSettings()) {
      if (!settings.configUri) continue;
      this.configUris.push(settings.configUri);
      this.collection.set(settings.configUri, settings.configFindings.map(toDiagnostic));
    }
    for (const document of vscode.workspace.textDocuments) this.lintNow(document);
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.generations.delete(key);
    if (!this.isConfig(uri)) this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
