// The agent waves of section F (playbook §5): as written (outline), as a graph with progress and
// status (graph), and the wave rules (rules). Plain data, no 'vscode'.
import type { Range, TextEdit } from '../positions';

export * from './outline';
export * from './graph';
export * from './rules';
export { agentNames } from './agentNames';

/** The edit that checks or unchecks a task: its one character between the brackets. */
export function taskCheckEdit(task: { checkRange: Range }, checked: boolean): TextEdit {
  return { range: task.checkRange, newText: checked ? 'x' : ' ' };
}
