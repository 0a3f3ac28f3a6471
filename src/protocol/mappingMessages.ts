// The messages between the mapping-matrix form (webview) and the extension, defined once as zod
// schemas and imported by both sides. The extension safeParses everything the webview sends; the
// webview checks what it receives. Core types are imported as types only: nothing of core's
// parser is bundled into the webview.
import * as z from 'zod/mini';
import { english } from '../core/schema';
import type { MappingData, MappingFinding } from '../core/mappingData';
import type { MappingChange } from '../core/mappingEdit';

/** Limits that keep a hostile or broken message cheap to reject. */
export const MESSAGE_LIMITS = {
  /** Longest cell or field value (core's MAX_MAPPING_VALUE_CHARS). */
  valueChars: 2000,
  /** Largest row or column index a change may name. */
  index: 100_000,
  /** Values in one new row. */
  rowValues: 64,
  /** Characters of strings plus nodes in one incoming message, checked before zod sees it. */
  messageBudget: 200_000,
} as const;

const index = z.number().check(z.int(), z.minimum(0), z.maximum(MESSAGE_LIMITS.index));
const value = z.string().check(z.maxLength(MESSAGE_LIMITS.valueChars));
const version = z.number().check(z.int(), z.minimum(0));
const requestId = z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));
const fieldKey = z.enum(['onConflict', 'requiredMetadata']);

/** A change the form may ask for (imports go through the CLI, not the form). */
export const FormChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('setCell'), row: index, column: index, value }),
  z.strictObject({ kind: z.literal('addRow'), index, values: z.optional(z.array(value).check(z.maxLength(MESSAGE_LIMITS.rowValues))) }),
  z.strictObject({ kind: z.literal('deleteRow'), row: index }),
  z.strictObject({ kind: z.literal('moveRow'), row: index, to: index }),
  z.strictObject({ kind: z.literal('setField'), field: fieldKey, value }),
  z.strictObject({ kind: z.literal('insertMatrix') }),
]);
export type FormChange = z.infer<typeof FormChangeSchema>;

/** Webview → extension. `ready` comes first; every edit names the document version it was made against. */
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('edit'), id: requestId, version, change: FormChangeSchema }),
  z.strictObject({ type: z.literal('openText'), row: z.optional(index) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

const severity = z.enum(['error', 'warning', 'info']);
const nullableLine = z.nullable(z.number().check(z.int(), z.minimum(0)));

const MappingDataSchema = z.object({
  status: z.enum(['ready', 'noSection', 'noTable']),
  sectionLine: nullableLine,
  tableStartLine: nullableLine,
  tableEndLine: nullableLine,
  columns: z.array(
    z.object({
      key: z.nullable(z.enum(['purpose', 'source', 'externalId', 'internalEntity', 'cardinality', 'enforcedIn'])),
      header: z.string(),
    }),
  ),
  rows: z.array(z.object({ line: z.number().check(z.int(), z.minimum(0)), cells: z.array(z.nullable(z.string())), extra: z.array(z.string()) })),
  fields: z.object({
    onConflict: z.object({ label: z.string(), value: z.string(), present: z.boolean(), multiline: z.boolean(), line: nullableLine }),
    requiredMetadata: z.object({ label: z.string(), value: z.string(), present: z.boolean(), multiline: z.boolean(), line: nullableLine }),
  }),
});

const MappingFindingSchema = z.object({
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('cell'), row: z.number().check(z.int()), column: z.number().check(z.int()) }),
    z.object({ kind: z.literal('row'), row: z.number().check(z.int()) }),
    z.object({ kind: z.literal('field'), field: fieldKey }),
    z.object({ kind: z.literal('table') }),
  ]),
  rule: z.string(),
  severity,
  message: z.string(),
});

/** Everything the form shows, for one document version. */
export const FormStateSchema = z.object({
  fileName: z.string(),
  data: MappingDataSchema,
  findings: z.array(MappingFindingSchema),
  /** Why the form cannot show the matrix (a plan too large to parse), if it cannot. */
  unavailable: z.optional(z.string()),
});
export type FormState = z.infer<typeof FormStateSchema>;

/** Extension → webview. */
export const ExtensionMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('state'),
    version,
    /** Why it is sent: the form asked (`sync`), the form's own edit landed (`edit`), the text changed elsewhere (`external`), an edit was refused (`refused`), settings changed. */
    reason: z.enum(['sync', 'edit', 'external', 'refused', 'settings']),
    state: FormStateSchema,
  }),
  z.object({ type: z.literal('editResult'), id: requestId, ok: z.boolean(), version, stale: z.optional(z.boolean()), message: z.optional(z.string()) }),
  z.object({ type: z.literal('notice'), level: severity, message: z.string() }),
]);
export type ExtensionMessage = z.infer<typeof ExtensionMessageSchema>;

/** Whether a value holds more than `budget` characters of strings plus nodes; stops as soon as it does. */
export function exceedsBudget(input: unknown, budget: number): boolean {
  let used = 0;
  const stack: unknown[] = [input];
  while (stack.length > 0) {
    const item = stack.pop();
    used += 1;
    if (typeof item === 'string') used += item.length;
    else if (Array.isArray(item)) {
      used += item.length;
      if (used > budget) return true;
      for (const entry of item) stack.push(entry);
    } else if (item !== null && typeof item === 'object') {
      const keys = Object.keys(item);
      used += keys.length;
      if (used > budget) return true;
      for (const key of keys) {
        used += key.length;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (used > budget) return true;
  }
  return false;
}

export type ParsedMessage<T> = { ok: true; message: T } | { ok: false; error: string };

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'message';
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `${where}: unknown ${String(issue.path[issue.path.length - 1] ?? 'type')} (expected ${issue.options.map(String).join(', ')})`;
  }
  return `${where}: ${issue.message}`;
}

/** Checks a message from the webview: size first (cheap), then its shape. */
export function parseWebviewMessage(raw: unknown): ParsedMessage<WebviewMessage> {
  if (exceedsBudget(raw, MESSAGE_LIMITS.messageBudget)) return { ok: false, error: `the message is larger than ${MESSAGE_LIMITS.messageBudget} characters` };
  const parsed = WebviewMessageSchema.safeParse(raw, english);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: describeIssue(parsed.error) };
}

/** Checks a message from the extension (the webview trusts nothing it has not checked). */
export function parseExtensionMessage(raw: unknown): ParsedMessage<ExtensionMessage> {
  const parsed = ExtensionMessageSchema.safeParse(raw, english);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: describeIssue(parsed.error) };
}

// The schemas and core's types must agree; these fail to compile when they drift apart.
type Assignable<T, U extends T> = U;
export type _FormChangeFitsCore = Assignable<MappingChange, FormChange>;
export type _DataFitsSchema = Assignable<z.infer<typeof MappingDataSchema>, MappingData>;
export type _FindingFitsSchema = Assignable<z.infer<typeof MappingFindingSchema>, MappingFinding>;
