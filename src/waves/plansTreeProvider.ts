import * as vscode from 'vscode';
import { lineAt } from '../core/source';
import { Commands, ContextKeys } from '../constants';
import type { GoNoGoItem, Wave, WaveStatus, WaveTask } from '../core/waves';
import type { PlanChange, PlanProblem, PlanStore } from '../plans/planStore';
import type { PlanVersion } from '../plans/planVersion';

/** A rollout plan: the root items of the view. */
export interface PlanNode {
  kind: 'plan';
  uri: vscode.Uri;
}

export interface WaveNode {
  kind: 'wave';
  plan: PlanNode;
  snapshot: PlanVersion;
  wave: Wave;
}

export interface AgentNode {
  kind: 'agent';
  plan: PlanNode;
  snapshot: PlanVersion;
  wave: Wave;
  group: number;
}

/** A wave task or a go/no-go item: a checkbox bound to one character of the plan. */
export interface TaskNode {
  kind: 'task';
  plan: PlanNode;
  snapshot: PlanVersion;
  task: WaveTask | GoNoGoItem;
  /** Undefined for a go/no-go item. */
  wave: Wave | undefined;
  /** The task's line as it was when the view showed it, to refuse edits on a changed document. */
  lineText: string;
}

export interface GoNoGoNode {
  kind: 'goNoGo';
  plan: PlanNode;
  snapshot: PlanVersion;
}

/** A line of explanation (no waves, unreadable file). */
export interface MessageNode {
  kind: 'message';
  plan: PlanNode;
  text: string;
  line: number | undefined;
}

export type PlansTreeNode = PlanNode | WaveNode | AgentNode | TaskNode | GoNoGoNode | MessageNode;

/** How long the root waits for every plan's counts before it lists the plans without them. */
const ROOT_WAIT_MS = 300;

const STATUS_ICONS: Record<WaveStatus, vscode.ThemeIcon> = {
  done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  'in-progress': new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.blue')),
  blocked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconFailed')),
  'not-started': new vscode.ThemeIcon('circle-large-outline'),
};

const STATUS_TEXT: Record<WaveStatus, string> = {
  done: vscode.l10n.t('Done'),
  'in-progress': vscode.l10n.t('In progress'),
  blocked: vscode.l10n.t('Blocked'),
  'not-started': vscode.l10n.t('Not started'),
};

/** The Plans view (F4): plans → waves → agents → tasks, and each plan's go/no-go checklist. */
export class PlansTreeProvider implements vscode.TreeDataProvider<PlansTreeNode>, vscode.Disposable {
  private readonly changeTreeData = new vscode.EventEmitter<PlansTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeTreeData.event;
  private readonly planNodes = new Map<string, PlanNode>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly plans: PlanStore) {
    this.disposables.push(
      this.changeTreeData,
      plans.onDidChange((change) => this.changed(change)),
    );
  }

  private changed(change: PlanChange): void {
    if (change.plansChanged || !change.uris) {
      this.changeTreeData.fire(undefined);
      return;
    }
    for (const uri of change.uris) {
      const node = this.planNodes.get(uri.toString());
      if (node) this.changeTreeData.fire(node);
    }
  }

  /** Finds the plans again and rebuilds the whole view. */
  refresh(): void {
    this.plans.refresh();
  }

  /** The plan node of a uri, if the view shows it. */
  planNode(uri: vscode.Uri): PlanNode | undefined {
    return this.planNodes.get(uri.toString());
  }

  async getChildren(element?: PlansTreeNode): Promise<PlansTreeNode[]> {
    if (!element) {
      const uris = await this.plans.planUris();
      void vscode.commands.executeCommand('setContext', ContextKeys.hasPlans, uris.length > 0);
      const keep = new Set(uris.map((u) => u.toString()));
      for (const key of this.planNodes.keys()) if (!keep.has(key)) this.planNodes.delete(key);
      // Each root item shows its counts, so every plan is read; a workspace with many plans gets
      // its list at once and its counts when all are read (one more refresh), not a blank view.
      const reading = readAll(this.plans, uris);
      const inTime = await Promise.race([reading.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ROOT_WAIT_MS))]);
      if (!inTime) void reading.then(() => this.changeTreeData.fire(undefined));
      return uris.map((uri) => this.planNodeFor(uri));
    }
    switch (element.kind) {
      case 'plan':
        return this.planChildren(element);
      case 'wave':
        return this.waveChildren(element);
      case 'agent': {
        const { wave, group } = element;
        const tasks = wave.agentGroups[group]?.tasks.filter((t) => wave.tasks[t]?.parentTask === undefined) ?? [];
        return tasks.flatMap((t) => (wave.tasks[t] ? [this.taskNode(element.plan, element.snapshot, wave.tasks[t], wave)] : []));
      }
      case 'task': {
        const { wave, task } = element;
        if (!wave) return [];
        const index = wave.tasks.indexOf(task as WaveTask);
        return wave.tasks.filter((t) => t.parentTask === index).map((t) => this.taskNode(element.plan, element.snapshot, t, wave));
      }
      case 'goNoGo':
        return element.snapshot.waves.goNoGo.items.map((item) => this.taskNode(element.plan, element.snapshot, item, undefined));
      default:
        return [];
    }
  }

  async getTreeItem(element: PlansTreeNode): Promise<vscode.TreeItem> {
    switch (element.kind) {
      case 'plan':
        return this.planItem(element, this.plans.planAtIfReady(element.uri));
      case 'wave':
        return waveItem(element);
      case 'agent':
        return agentItem(element);
      case 'task':
        return taskItem(element);
      case 'goNoGo':
        return goNoGoItem(element);
      case 'message': {
        const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${element.plan.uri.toString()}#message`;
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = 'message';
        if (element.line !== undefined) item.command = revealCommand(element.plan.uri, element.line);
        return item;
      }
    }
  }

  /** An agent's tooltip on hover: its progress, and what each agent owns and does (§5). */
  async resolveTreeItem(item: vscode.TreeItem, element: PlansTreeNode): Promise<vscode.TreeItem> {
    if (element.kind !== 'agent' || item.tooltip !== undefined) return item;
    const { agentOwnershipMarkdown, escapeMarkdown } = await import('../core/playbookGuide');
    const group = element.wave.agentGroups[element.group]!;
    const label = group.agents.map((a) => a.name).join(' + ');
    const tooltip = new vscode.MarkdownString(escapeMarkdown(vscode.l10n.t('{0} in {1}: {2} of {3} tasks done', label, element.wave.name, group.done, group.total)));
    for (const agent of group.agents) {
      const ownership = agentOwnershipMarkdown(agent.name, element.snapshot.settings.config);
      if (ownership) tooltip.appendMarkdown(`\n\n---\n\n${ownership}`);
    }
    item.tooltip = tooltip;
    return item;
  }

  private planNodeFor(uri: vscode.Uri): PlanNode {
    const key = uri.toString();
    let node = this.planNodes.get(key);
    if (!node) {
      node = { kind: 'plan', uri };
      this.planNodes.set(key, node);
    }
    return node;
  }

  private async planChildren(plan: PlanNode): Promise<PlansTreeNode[]> {
    const snapshot = await this.plans.planAt(plan.uri);
    if (!('model' in snapshot)) return [{ kind: 'message', plan, text: snapshot.problem, line: undefined }];
    const children: PlansTreeNode[] = snapshot.waves.waves.map((wave) => ({ kind: 'wave', plan, snapshot, wave }) as WaveNode);
    if (children.length === 0) {
      const sectionF = snapshot.model.sections.find((s) => s.key === 'F');
      children.push({ kind: 'message', plan, text: sectionF ? vscode.l10n.t('No "### Wave N" headings in section F') : vscode.l10n.t('No section F) Agent-Team Plan'), line: sectionF?.heading.line });
    }
    children.push({ kind: 'goNoGo', plan, snapshot });
    return children;
  }

  private waveChildren(node: WaveNode): PlansTreeNode[] {
    const { wave, plan, snapshot } = node;
    const groups: PlansTreeNode[] = wave.agentGroups.map((_, group) => ({ kind: 'agent', plan, snapshot, wave, group }) as AgentNode);
    // Tasks written before any agent field belong to the wave itself.
    const own = wave.tasks.filter((t) => t.agentGroup === undefined && t.parentTask === undefined).map((t) => this.taskNode(plan, snapshot, t, wave));
    return [...groups, ...own];
  }

  private taskNode(plan: PlanNode, snapshot: PlanVersion, task: WaveTask | GoNoGoItem, wave: Wave | undefined): TaskNode {
    return { kind: 'task', plan, snapshot, task, wave, lineText: lineAt(snapshot.model.source, task.line) };
  }

  private planItem(node: PlanNode, snapshot: PlanVersion | PlanProblem | undefined): vscode.TreeItem {
    const item = new vscode.TreeItem(basename(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
    item.resourceUri = node.uri;
    item.id = node.uri.toString();
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'plan';
    const path = vscode.workspace.asRelativePath(node.uri);
    if (!snapshot) {
      item.description = vscode.l10n.t('reading…');
      item.tooltip = path;
      return item;
    }
    if (!('model' in snapshot)) {
      item.description = snapshot.reason === 'too-large' ? vscode.l10n.t('too large to check') : vscode.l10n.t('cannot be read');
      item.tooltip = `${path}\n${snapshot.problem}`;
      return item;
    }
    const { waves, progress, goNoGo } = snapshot.waves;
    item.description = vscode.l10n.t('go/no-go {0}/{1} · tasks {2}/{3}', goNoGo.checked, goNoGo.total, progress.done, progress.total);
    const blocked = waves.filter((w) => w.status === 'blocked').length;
    item.tooltip = [
      path,
      vscode.l10n.t('Go/No-Go: {0} of {1} checked', goNoGo.checked, goNoGo.total),
      withBlocked(waves.length === 1 ? vscode.l10n.t('Tasks: {0} of {1} done in {2} wave', progress.done, progress.total, waves.length) : vscode.l10n.t('Tasks: {0} of {1} done in {2} waves', progress.done, progress.total, waves.length), blocked),
    ].join('\n');
    item.command = revealCommand(node.uri, snapshot.model.headings[0]?.line ?? 0);
    return item;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * Reads every plan for the root's counts: the files at once, parsed one after the other with
 * pauses, so an expanded plan (read on demand) never waits for the rest.
 */
async function readAll(plans: PlanStore, uris: readonly vscode.Uri[]): Promise<void> {
  let slice = performance.now();
  for (const uri of uris) {
    await plans.planAt(uri);
    if (performance.now() - slice > 10) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = performance.now();
    }
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** A plan's tasks line, with how many waves are blocked when some are. */
function withBlocked(tasks: string, blocked: number): string {
  return blocked ? vscode.l10n.t('{0} ({1} blocked)', tasks, blocked) : tasks;
}

function count(done: number, total: number): string {
  return `${done}/${total}`;
}

function revealCommand(uri: vscode.Uri, line: number, character = 0): vscode.Command {
  return { command: Commands.revealPlanLine, title: vscode.l10n.t('Reveal in Plan'), arguments: [uri, line, character] };
}

function waveItem(node: WaveNode): vscode.TreeItem {
  const { wave, snapshot } = node;
  const hasChildren = wave.agentGroups.length > 0 || wave.tasks.length > 0;
  const state = !hasChildren ? vscode.TreeItemCollapsibleState.None : wave.status === 'done' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
  const item = new vscode.TreeItem(wave.title || wave.name, state);
  item.id = `${node.plan.uri.toString()}#wave-${wave.index}`;
  item.iconPath = STATUS_ICONS[wave.status];
  const blockers = wave.blockedBy.map((w) => snapshot.waves.waves[w]!.name);
  item.description = blockers.length ? vscode.l10n.t('{0} · blocked by {1}', count(wave.done, wave.total), blockers.join(', ')) : count(wave.done, wave.total);
  item.contextValue = `wave.${wave.status}`;
  const dependsOn = wave.dependsOn.map((d) => (d.reason === 'sequencing' ? vscode.l10n.t('{0} (wave sequencing)', snapshot.waves.waves[d.wave]!.name) : snapshot.waves.waves[d.wave]!.name));
  item.tooltip = [
    vscode.l10n.t('{0}: {1}, {2} of {3} tasks done', wave.title, STATUS_TEXT[wave.status], wave.done, wave.total),
    wave.agents.length ? vscode.l10n.t('Agents: {0}', wave.agents.join(', ')) : vscode.l10n.t('Agents: none named'),
    ...(dependsOn.length ? [vscode.l10n.t('Waits for: {0}', dependsOn.join(', '))] : []),
    ...(blockers.length ? [vscode.l10n.t('Blocked by: {0} (open tasks)', blockers.join(', '))] : []),
  ].join('\n');
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}, {2} of {3} tasks done', wave.title, STATUS_TEXT[wave.status], wave.done, wave.total) };
  item.command = revealCommand(node.plan.uri, wave.line, wave.headingRange.start.character);
  return item;
}

function agentItem(node: AgentNode): vscode.TreeItem {
  const group = node.wave.agentGroups[node.group]!;
  const label = group.agents.map((a) => a.name).join(' + ');
  const item = new vscode.TreeItem(label, group.tasks.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = `${node.plan.uri.toString()}#wave-${node.wave.index}-agent-${node.group}`;
  item.iconPath = new vscode.ThemeIcon(group.agents.length > 1 ? 'organization' : 'person');
  item.description = count(group.done, group.total);
  item.contextValue = 'agent';
  // No tooltip here: resolveTreeItem makes it, with each agent's ownership (§5), when it is hovered.
  const first = group.agents[0];
  item.command = revealCommand(node.plan.uri, group.line, first?.range.start.character ?? 0);
  return item;
}

function taskItem(node: TaskNode): vscode.TreeItem {
  const { task, wave } = node;
  const hasChildren = wave !== undefined && wave.tasks.some((t) => t.parentTask === wave.tasks.indexOf(task as WaveTask));
  const item = new vscode.TreeItem(task.text || vscode.l10n.t('(no text)'), hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = `${node.plan.uri.toString()}#task-${task.line}`;
  item.checkboxState = task.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
  item.contextValue = wave ? 'task' : 'goNoGoItem';
  item.tooltip = [task.checked ? vscode.l10n.t('Done: {0}', task.text) : vscode.l10n.t('Open: {0}', task.text), vscode.l10n.t('Line {0}', task.line + 1)].join('\n');
  item.accessibilityInformation = { label: task.checked ? vscode.l10n.t('{0}, checked', task.text) : vscode.l10n.t('{0}, not checked', task.text) };
  item.command = revealCommand(node.plan.uri, task.line, task.textRange.start.character);
  return item;
}

function goNoGoItem(node: GoNoGoNode): vscode.TreeItem {
  const { checked, total } = node.snapshot.waves.goNoGo;
  const state = total === 0 ? vscode.TreeItemCollapsibleState.None : checked === total ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
  const item = new vscode.TreeItem(vscode.l10n.t('Go/No-Go'), state);
  item.id = `${node.plan.uri.toString()}#go-no-go`;
  item.iconPath = new vscode.ThemeIcon(total > 0 && checked === total ? 'pass-filled' : 'checklist', total > 0 && checked === total ? new vscode.ThemeColor('testing.iconPassed') : undefined);
  item.description = count(checked, total);
  item.contextValue = 'goNoGo';
  item.tooltip = total ? vscode.l10n.t('Operational Go/No-Go: {0} of {1} checked', checked, total) : vscode.l10n.t('Section I) Operational Go/No-Go has no items');
  const section = node.snapshot.model.sections.find((s) => s.key === 'I');
  if (section) item.command = revealCommand(node.plan.uri, section.heading.line);
  return item;
}
