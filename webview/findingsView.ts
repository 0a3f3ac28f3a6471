// A finding of the linter as the form shows it: severity, where (a column), message and rule id.
import type { FormState } from '../src/protocol/mappingMessages';
import { el } from './dom';

type Finding = FormState['findings'][number];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Shows findings in a container, worst first; hides the container when there are none. */
export function renderFindings(container: HTMLElement, findings: readonly Finding[], where: (finding: Finding) => string | undefined = () => undefined): void {
  container.replaceChildren();
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  for (const finding of sorted) {
    const line = document.createElement('div');
    line.className = `finding finding-${finding.severity}`;
    const place = where(finding);
    line.append(el('span', 'finding-severity', finding.severity));
    if (place) line.append(el('span', 'finding-where', `${place}:`));
    line.append(el('span', 'finding-message', finding.message), el('span', 'finding-rule', finding.rule));
    container.append(line);
  }
  container.hidden = sorted.length === 0;
}

/** The worst severity among findings, if any. */
export function worstSeverity(findings: readonly Finding[]): Finding['severity'] | undefined {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0]?.severity;
}
