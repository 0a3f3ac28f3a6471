// The messages between the Rollout Dashboard (webview) and the extension, as zod schemas imported by
// both sides. The extension safeParses what the webview sends (and opens only plans it listed); the
// webview checks what it receives. Core types are imported as types only.
import * as z from 'zod/mini';
import type { DashboardPlan, DashboardUnreadable } from '../core/dashboard';
import type { IdentityLayout } from '../core/identity/layout';
import { english } from '../core/schema';
import { exceedsBudget } from './mappingMessages';
import type { ParsedMessage } from './mappingMessages';

/** Limits that keep a hostile or broken message cheap to reject. */
export const DASHBOARD_LIMITS = {
  /** A plan's id is its URI. */
  idChars: 4096,
  line: 10_000_000,
  messageBudget: 20_000,
} as const;

const count = z.number().check(z.int(), z.minimum(0));
const line = z.number().check(z.int(), z.minimum(0), z.maximum(DASHBOARD_LIMITS.line));
const nullableLine = z.nullable(line);
const planId = z.string().check(z.minLength(1), z.maxLength(DASHBOARD_LIMITS.idChars));
const generation = z.number().check(z.int(), z.minimum(0));

/** Webview → extension. `ready` first; `open` names a plan the dashboard lists and a line in it. */
export const DashboardWebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('open'), plan: planId, line, character: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000))) }),
  z.strictObject({ type: z.literal('select'), plan: z.nullable(planId) }),
  /** The webview shows a state: how many rows, and how long it took to draw them. */
  z.strictObject({
    type: z.literal('rendered'),
    generation,
    rows: count,
    ms: z.number().check(z.minimum(0)),
    /** When the page started loading (epoch ms), and since then: when its script ran, when these rows were on screen. */
    page: z.optional(z.strictObject({ origin: z.number(), script: z.number().check(z.minimum(0)), drawn: z.number().check(z.minimum(0)) })),
  }),
]);
export type DashboardWebviewMessage = z.infer<typeof DashboardWebviewMessageSchema>;

const waveStatus = z.enum(['done', 'in-progress', 'blocked', 'not-started']);

export const DashboardPlanSchema = z.object({
  id: planId,
  file: z.string(),
  connector: z.string(),
  connectorLine: line,
  status: z.nullable(z.string()),
  statusLine: nullableLine,
  goNoGo: z.object({ checked: count, total: count, line: nullableLine }),
  progress: z.object({ done: count, total: count }),
  waves: z.array(z.object({ name: z.string(), line, done: count, total: count, status: waveStatus, blockedBy: z.array(z.string()) })),
  problems: z.object({ error: count, warning: count, info: count, lines: z.object({ error: nullableLine, warning: nullableLine, info: nullableLine }) }),
  identity: z.object({ links: count, rows: count, gaps: count, ruleOfThumbBreaks: count, line: nullableLine }),
  gate: z.object({
    ready: z.boolean(),
    criteria: z.array(z.object({ id: z.string(), state: z.enum(['pass', 'fail', 'confirm']), line: z.optional(line) })),
  }),
});

export const DashboardStateSchema = z.object({
  plans: z.array(DashboardPlanSchema),
  unreadable: z.array(z.object({ id: planId, file: z.string(), problem: z.string() })),
});
export type DashboardState = z.infer<typeof DashboardStateSchema>;

const num = z.number();
export const IdentityLayoutSchema = z.object({
  width: num,
  height: num,
  columns: z.array(z.object({ title: z.string(), x: num, y: num })),
  nodes: z.array(z.object({
    id: z.string(), side: z.enum(['external', 'entity']), x: num, y: num, width: num, height: num,
    title: z.string(), subtitle: z.string(), description: z.string(), unmapped: z.boolean(), line,
  })),
  edges: z.array(z.object({
    id: z.string(), path: z.string(), arrow: z.string(), label: z.string(), labelX: num, labelY: num, labelWidth: num,
    description: z.string(), gap: z.nullable(z.enum(['no-row', 'no-link'])), ruleOfThumb: z.boolean(), line,
  })),
  legend: z.array(z.object({ kind: z.enum(['mapped', 'gap', 'rule-of-thumb']), text: z.string(), x: num, y: num })),
  notes: z.array(z.object({ text: z.string(), x: num, y: num })),
  empty: z.boolean(),
});

/** Extension → webview. */
export const DashboardExtensionMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), generation, state: DashboardStateSchema }),
  /** Select a plan (the command named one). */
  z.object({ type: z.literal('select'), plan: planId }),
  /** The identity graph of the selected plan; null layout when it cannot be read. */
  z.object({ type: z.literal('graph'), plan: planId, title: z.string(), layout: z.nullable(IdentityLayoutSchema), problem: z.optional(z.string()) }),
]);
export type DashboardExtensionMessage = z.infer<typeof DashboardExtensionMessageSchema>;

function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? issue.path.join('.') : 'message'}: ${issue.message}`;
}

/** Checks a message from the dashboard: size first, then its shape. */
export function parseDashboardWebviewMessage(raw: unknown): ParsedMessage<DashboardWebviewMessage> {
  if (exceedsBudget(raw, DASHBOARD_LIMITS.messageBudget)) return { ok: false, error: `the message is larger than ${DASHBOARD_LIMITS.messageBudget} characters` };
  const parsed = DashboardWebviewMessageSchema.safeParse(raw, english);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: describe(parsed.error) };
}

/** Checks a message from the extension (the webview trusts nothing it has not checked). */
export function parseDashboardExtensionMessage(raw: unknown): ParsedMessage<DashboardExtensionMessage> {
  const parsed = DashboardExtensionMessageSchema.safeParse(raw, english);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: describe(parsed.error) };
}

// The schemas and core's types must agree; these fail to compile when they drift apart.
type Assignable<T, U extends T> = U;
export type _PlanFitsSchema = Assignable<z.infer<typeof DashboardPlanSchema>, DashboardPlan>;
export type _UnreadableFitsSchema = Assignable<DashboardState['unreadable'][number], DashboardUnreadable>;
export type _LayoutFitsSchema = Assignable<z.infer<typeof IdentityLayoutSchema>, IdentityLayout>;
