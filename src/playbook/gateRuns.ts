import * as vscode from 'vscode';
import type { GateCommandOutcome } from '../core/gate';

/** The outcome of a plan's gate commands, as last run. */
export interface GateRun {
  /** The commands as configured when they ran: a changed configuration makes the run stale. */
  configured: { lint: string | undefined; build: string | undefined };
  outcomes: { lint?: GateCommandOutcome; build?: GateCommandOutcome };
  /** When they ran (ms since the epoch). */
  at: number;
}

/** The last command run per plan, and the output channel the commands write to (made on first run). */
export class GateRuns implements vscode.Disposable {
  private readonly runs = new Map<string, GateRun>();
  private channel: vscode.OutputChannel | undefined;

  get(uri: vscode.Uri): GateRun | undefined {
    return this.runs.get(uri.toString());
  }

  set(uri: vscode.Uri, run: GateRun): void {
    this.runs.set(uri.toString(), run);
  }

  output(): vscode.OutputChannel {
    return (this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Connector Playbook: Ready for Review')));
  }

  dispose(): void {
    this.channel?.dispose();
    this.runs.clear();
  }
}
