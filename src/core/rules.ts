import * as z from 'zod/mini';

/** The rule ids of PRODUCT.md §3, plus the ones the product added; stable forever. */
export const RULE_IDS = [
  'placeholder',
  'empty-field',
  'go-no-go-unchecked',
  'missing-section',
  'mapping-cardinality',
  'mapping-enforcement',
  'mapping-rule-of-thumb',
  'mapping-duplicate',
  'mapping-extra-cells',
  'wave-unknown-agent',
  'wave-unknown-reference',
  'wave-cycle',
  'wave-sequence',
  'front-matter',
  'config',
  'nesting-too-deep',
  'identity-unmapped',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;
export const SeveritySettingSchema = z.enum(['error', 'warning', 'info', 'off']);
export type SeveritySetting = z.infer<typeof SeveritySettingSchema>;

export interface RuleDefinition {
  id: RuleId;
  /** The default; `go-no-go-unchecked` takes its default from the plan's status instead. */
  severity: Severity;
  summary: string;
}

export const RULES: Record<RuleId, RuleDefinition> = {
  placeholder: { id: 'placeholder', severity: 'warning', summary: 'A {…} placeholder left from the template.' },
  'empty-field': { id: 'empty-field', severity: 'warning', summary: 'A Label: item with no value, or still the template\'s option list.' },
  'go-no-go-unchecked': { id: 'go-no-go-unchecked', severity: 'info', summary: 'An unchecked item in the Operational Go/No-Go section.' },
  'missing-section': { id: 'missing-section', severity: 'error', summary: 'A template section (A–J) is absent.' },
  'mapping-cardinality': { id: 'mapping-cardinality', severity: 'error', summary: 'A mapping cardinality that is not 1:1 or 1:N.' },
  'mapping-enforcement': { id: 'mapping-enforcement', severity: 'error', summary: 'An Enforced In value naming neither the DB nor the app.' },
  'mapping-rule-of-thumb': { id: 'mapping-rule-of-thumb', severity: 'warning', summary: 'A 1:1 mapping enforced only in app logic.' },
  'mapping-duplicate': { id: 'mapping-duplicate', severity: 'error', summary: 'Two mapping rows with the same source and external ID.' },
  'mapping-extra-cells': { id: 'mapping-extra-cells', severity: 'warning', summary: 'A mapping row with more cells than the header.' },
  'wave-unknown-agent': { id: 'wave-unknown-agent', severity: 'warning', summary: 'A wave names an agent that is not in the roster.' },
  'wave-unknown-reference': { id: 'wave-unknown-reference', severity: 'error', summary: 'Blocks/unblocks names a wave that does not exist.' },
  'wave-cycle': { id: 'wave-cycle', severity: 'error', summary: 'Waves that block each other in a cycle.' },
  'wave-sequence': { id: 'wave-sequence', severity: 'warning', summary: 'A wave order that breaks the playbook\'s sequencing.' },
  'front-matter': { id: 'front-matter', severity: 'error', summary: 'Front matter that is not valid YAML or has an unknown status.' },
  config: { id: 'config', severity: 'error', summary: 'An invalid .connector-playbook.yaml.' },
  'nesting-too-deep': { id: 'nesting-too-deep', severity: 'info', summary: 'Content nested past markdown\'s limit, which is not checked.' },
  'identity-unmapped': { id: 'identity-unmapped', severity: 'warning', summary: 'An entity linked in section C that no row of D maps, or a row of D whose entity no link names.' },
};

/** Per-rule severity settings, e.g. from `.connector-playbook.yaml` or VS Code settings. */
export type RuleSeverities = Partial<Record<string, SeveritySetting>>;
