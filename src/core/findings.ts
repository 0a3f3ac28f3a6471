import { z } from 'zod';
import type { Range } from './positions';
import type { RuleId, Severity } from './rules';
import { SeveritySchema } from './rules';
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

/** A finding as the CLI prints it in JSON: 1-based lines and columns. */
export const CliFindingSchema = z.object({
  file: z.string(),
  rule: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
});
export type CliFinding = z.infer<typeof CliFindingSchema>;
export const CliFindingsSchema = z.array(CliFindingSchema);

/** Converts a core finding to the CLI's 1-based shape. */
export function toCliFinding(file: string, finding: Finding): CliFinding {
  return {
    file,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  };
}
