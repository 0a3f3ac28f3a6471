import type { Range } from './positions';
import type { RuleId, Severity } from './rules';
import type { SectionKey } from './sections';

/** What a quick fix needs to know about a finding. */
export type FindingData =
  | { kind: 'placeholder'; placeholder: string }
  | { kind: 'missing-section'; section: SectionKey }
  | { kind: 'cardinality'; normalized: '1:1' | '1:N' | undefined }
  | { kind: 'go-no-go'; checkRange: Range };

/** One problem in a plan, with a zero-based range. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  data?: FindingData;
}

/** How many findings there are of each severity. */
export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts findings (or anything with a severity) by severity. */
export function findingCounts(findings: readonly { severity: Severity }[]): FindingCounts {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return { errors, warnings, infos: findings.length - errors - warnings };
}
