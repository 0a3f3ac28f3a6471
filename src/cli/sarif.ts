import * as z from 'zod/mini';
import type { CliFinding } from './schemas';
import { RULES, RULE_IDS } from '../core/rules';

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

// The subset of SARIF 2.1.0 we write, as a schema so the shape is checked in tests.
export const SarifLogSchema = z.object({
  $schema: z.literal('https://json.schemastore.org/sarif-2.1.0.json'),
  version: z.literal('2.1.0'),
  runs: z.array(
    z.object({
      tool: z.object({
        driver: z.object({
          name: z.string(),
          informationUri: z.string(),
          version: z.string(),
          rules: z.array(z.object({ id: z.string(), shortDescription: z.object({ text: z.string() }), helpUri: z.string(), defaultConfiguration: z.object({ level: z.enum(['error', 'warning', 'note']) }) })),
        }),
      }),
      results: z.array(
        z.object({
          ruleId: z.string(),
          ruleIndex: z.number().check(z.int(), z.minimum(0)),
          level: z.enum(['error', 'warning', 'note']),
          message: z.object({ text: z.string() }),
          locations: z.array(
            z.object({
              physicalLocation: z.object({
                artifactLocation: z.object({ uri: z.string(), uriBaseId: z.optional(z.literal('%SRCROOT%')) }),
                region: z.object({ startLine: z.number().check(z.int(), z.minimum(1)), startColumn: z.number().check(z.int(), z.minimum(1)), endLine: z.number().check(z.int(), z.minimum(1)), endColumn: z.number().check(z.int(), z.minimum(1)) }),
              }),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type SarifLog = z.infer<typeof SarifLogSchema>;

const encoder = new TextEncoder();

/** A path segment percent-encoded as RFC 3986 asks: UTF-8, everything but unreserved characters escaped. */
function encodeSegment(segment: string): string {
  let out = '';
  for (const byte of encoder.encode(segment)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Where a finding's file is, as SARIF's `artifactLocation`: a relative URI reference against
 * %SRCROOT% for a `/`-separated relative path, a `file:` URI for an absolute one.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: '%SRCROOT%' } {
  const drive = /^[A-Za-z]:\//.test(path);
  const segments = path.split('/').map((segment, k) => (drive && k === 0 ? segment : encodeSegment(segment)));
  if (drive) return { uri: `file:///${segments.join('/')}` };
  if (path.startsWith('/')) return { uri: `file://${segments.join('/')}` };
  return { uri: segments.join('/'), uriBaseId: '%SRCROOT%' };
}

/** A SARIF 2.1.0 log for code-scanning upload; file paths relative to the repository root. */
export function toSarif(findings: CliFinding[], version: string, docsUrl: string): SarifLog {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'connector-playbook',
            informationUri: docsUrl,
            version,
            rules: RULE_IDS.map((id) => ({
              id,
              shortDescription: { text: RULES[id].summary },
              helpUri: `${docsUrl}#${id}`,
              defaultConfiguration: { level: SARIF_LEVEL[RULES[id].severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: Math.max(0, (RULE_IDS as readonly string[]).indexOf(f.rule)),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.file),
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
