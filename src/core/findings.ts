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
