// The agent tools' port over one folder on disk (`connector-playbook mcp --root DIR`): it reads and
// writes only inside the root, symbolic links included, and writes a plan by a temporary file
// renamed over it, never over a file that changed since it was read.
import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, resolveConfig } from '../../core/config';
import type { ResolvedConfig } from '../../core/config';
import { declaresPlanKind } from '../../core/parser';
import type { TextEdit } from '../../core/positions';
import type { PlanTemplate } from '../../core/template';
import { getDefaultTemplate, parseTemplate } from '../../core/template';
import { readGateWithoutRunning } from '../../core/gate';
import type { EditOutcome, GateInput, PlanProblem, PlanRead, PlansPort } from '../../core/tools/port';
import { applyTextEditsToBytes, decodeUtf8 } from '../../core/utf8';
import { filesUnder, lintOptions, MAX_PLAN_BYTES } from '../files';
import { isInside } from '../planFile';


/** A plan as read from the root: its real path and bytes, to check nothing changed before writing. */
export interface RootPlanRead extends PlanRead {
  realPath: string;
  bytes: Uint8Array;
}

type Resolved = { ok: true; relative: string; real: string } | { ok: false; message: string };

/**
 * Where a path an agent named really is, if it is inside the root: relative, without `..`, and
 * (links resolved) still inside. Backslashes count as separators, so `..\x` is refused too.
 */
export function resolveInRoot(realRoot: string, path: string): Resolved {
  if (path.includes('\0')) return { ok: false, message: 'A path with a NUL character is refused.' };
  if (isAbsolute(path) || /^[a-zA-Z]:/.test(path) || /^[\\/]/.test(path)) return { ok: false, message: `Absolute paths are refused: name the plan relative to the root, as list_plans does.` };
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, message: 'A path with ".." is refused: the tools read and write only inside the root.' };
  if (segments.length === 0) return { ok: false, message: 'The path names no file.' };
  let real: string;
  try {
    real = realpathSync(join(realRoot, ...segments));
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, message: code === 'ENOENT' ? `No plan ${JSON.stringify(shorten(path))} in the root; list_plans gives the plans' paths.` : `${shorten(path)} cannot be read (${code ?? 'error'}).` };
  }
  if (!isInside(realRoot, real)) return { ok: false, message: `${shorten(path)} leads outside the root through a symbolic link; it is refused.` };
  return { ok: true, relative: segments.join('/'), real };
}

function shorten(path: string): string {
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

function readBytes(real: string): Uint8Array | PlanProblem {
  try {
    const stat = statSync(real);
    if (!stat.isFile()) return { problem: 'is not a file' };
    if (stat.size > MAX_PLAN_BYTES) return { problem: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_PLAN_BYTES / 1024 / 1024} MB a plan may have` };
    return readFileSync(real);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { problem: code === 'ENOENT' ? 'does not exist (any more)' : `cannot be read (${code ?? String(error)})` };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** The plans of one folder, for the agent tools. */
export class RootPlans implements PlansPort<RootPlanRead> {
  private bundledTemplate: PlanTemplate | undefined;

  /** `realRoot`: the root folder's real path. */
  constructor(private readonly realRoot: string) {}

  /** The Ready-For-Review gate of a plan, with the commands its folder configures (reported, not run). */
  readonly gate = ({ path, model, findings }: GateInput): unknown => {
    const resolved = resolveInRoot(this.realRoot, path);
    const config = resolved.ok ? this.configFor(dirname(resolved.real)).config : undefined;
    return readGateWithoutRunning(model, findings, config?.gate ?? {});
  };

  async listPlans(): Promise<string[]> {
    const { planGlob } = this.configFor(this.realRoot).config;
    const isPlanName = picomatch(planGlob, { dot: false, basename: !planGlob.includes('/') });
    const plans: string[] = [];
    // Links are not followed: a plan reached only through one is named by its own path, if inside.
    for (const full of filesUnder(this.realRoot)) {
      const rel = relative(this.realRoot, full).split(sep).join('/');
      if (isPlanName(rel) || (full.endsWith('.md') && this.declaresKind(full))) plans.push(rel);
    }
    return plans.sort();
  }

  private declaresKind(file: string): boolean {
    const bytes = readBytes(file);
    return bytes instanceof Uint8Array && declaresPlanKind(decodeUtf8(bytes));
  }

  async readPlan(path: string): Promise<RootPlanRead | PlanProblem> {
    const resolved = resolveInRoot(this.realRoot, path);
    if (!resolved.ok) return { problem: resolved.message };
    const bytes = readBytes(resolved.real);
    if (!(bytes instanceof Uint8Array)) return { problem: `${resolved.relative} ${bytes.problem}.` };
    const text = decodeUtf8(bytes);
    const { config, folder } = this.configFor(dirname(resolved.real));
    const isPlanName = picomatch(config.planGlob, { dot: false, basename: !config.planGlob.includes('/') });
    if (!isPlanName(resolved.relative) && !declaresPlanKind(text)) {
      return { problem: `${resolved.relative} is not a rollout plan (its name does not match ${config.planGlob} and its front matter does not say kind: connector-rollout-plan).` };
    }
    return {
      path: resolved.relative,
      text,
      options: lintOptions(config, this.templateFor(folder, config)),
      realPath: resolved.real,
      bytes,
    };
  }

  async applyEdit(read: RootPlanRead, edit: TextEdit): Promise<EditOutcome> {
    const resolved = resolveInRoot(this.realRoot, read.path);
    if (!resolved.ok) return { ok: false, message: `${read.path} cannot be written: ${resolved.message}` };
    if (resolved.real !== read.realPath) return { ok: false, message: `${read.path} was moved or replaced since it was read.` };
    const current = readBytes(resolved.real);
    if (!(current instanceof Uint8Array)) return { ok: false, message: `${read.path} ${current.problem}.` };
    if (!sameBytes(current, read.bytes)) return { ok: false, message: `${read.path} changed on disk since it was read.` };
    const result = applyTextEditsToBytes(current, [edit]);
    if (!result.ok) return { ok: false, message: `${read.path}: ${result.message}.` };
    let differing = 0;
    for (let i = 0; i < current.length && differing < 2; i++) if (current[i] !== result.bytes[i]) differing++;
    if (result.bytes.length !== current.length || differing !== 1) return { ok: false, message: `${read.path}: the edit would change more than one byte.` };
    return this.replace(read, resolved.real, result.bytes);
  }

  // Writes the new bytes beside the plan and renames them over it, checking once more that the plan
  // is still what was read: a file changed meanwhile is never overwritten.
  private replace(read: RootPlanRead, real: string, bytes: Uint8Array): EditOutcome {
    const temp = join(dirname(real), `.${basename(real)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
    try {
      const mode = statSync(real).mode & 0o777;
      writeFileSync(temp, bytes, { flag: 'wx', mode });
      const now = readBytes(real);
      if (!(now instanceof Uint8Array) || !sameBytes(now, read.bytes)) {
        rmSync(temp, { force: true });
        return { ok: false, message: `${read.path} changed on disk while it was being written.` };
      }
      renameSync(temp, real);
      return { ok: true };
    } catch (error) {
      rmSync(temp, { force: true });
      return { ok: false, message: `${read.path} cannot be written: ${error instanceof Error ? error.message : String(error)}.` };
    }
  }

  /**
   * The configuration of a folder: the nearest `.connector-playbook.yaml` up to the root, never above
   * it, and the folder it is in (undefined for the defaults).
   */
  private configFor(realFolder: string): { config: ResolvedConfig; folder: string | undefined } {
    for (let folder = realFolder; ; folder = dirname(folder)) {
      const found = resolveInRoot(this.realRoot, relative(this.realRoot, join(folder, CONFIG_FILE_NAME)));
      const bytes = found.ok ? readBytes(found.real) : undefined;
      if (bytes instanceof Uint8Array) return { config: resolveConfig(parseWorkspaceConfig(decodeUtf8(bytes)).config), folder };
      if (folder === this.realRoot || !isInside(this.realRoot, folder)) break;
    }
    return { config: resolveConfig(undefined), folder: undefined };
  }

  /** The template a configuration names, relative to its folder; the bundled one for the defaults. */
  private templateFor(folder: string | undefined, config: ResolvedConfig): PlanTemplate {
    if (folder === undefined || !config.template) return this.bundled();
    // A template outside the root is not read: the bundled one applies, as for one that cannot be read.
    const found = resolveInRoot(this.realRoot, relative(this.realRoot, join(folder, config.template)));
    const bytes = found.ok ? readBytes(found.real) : undefined;
    return bytes instanceof Uint8Array ? parseTemplate(decodeUtf8(bytes)) : this.bundled();
  }

  private bundled(): PlanTemplate {
    return (this.bundledTemplate ??= getDefaultTemplate());
  }
}
