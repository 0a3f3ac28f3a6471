import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, resolveConfig } from '../core/config';
import type { ResolvedConfig } from '../core/config';
import type { Finding } from '../core/findings';
import type { LintOptions } from '../core/lint';
import { declaresPlanKind } from '../core/parser';
import type { PlanTemplate } from '../core/template';
import { getDefaultTemplate, parseTemplate } from '../core/template';
import { decodeUtf8 } from '../core/utf8';
import { UsageError } from './io';

/** Files larger than this are declined: VS Code stops syncing files over 50 MB to extensions too. */
export const MAX_PLAN_BYTES = 50 * 1024 * 1024;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);

/** Reads a file as text, with a one-line error for anything unreadable. */
export function readTextFile(path: string): string {
  return decodeUtf8(readFileBytes(path));
}

/** Reads a file's bytes, with a one-line error for anything unreadable or too large. */
export function readFileBytes(path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path}: not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: ${describeFsError(error)}`);
  }
  if (size > MAX_PLAN_BYTES) throw new UsageError(`${path}: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_PLAN_BYTES / 1024 / 1024} MB a plan may have`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`${path}: ${describeFsError(error)}`);
  }
}

/** A configured template's text, or undefined when it cannot be read (the bundled template applies then). */
export function readTemplate(path: string): string | undefined {
  try {
    return readTextFile(path);
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

/** The regular files under a folder, recursively; links are not followed, and node_modules, .git, dist and out are skipped. */
export function filesUnder(folder: string): string[] {
  const out: string[] = [];
  walk(folder, out);
  return out;
}

function walk(folder: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, out);
    } else if (entry.isFile()) out.push(full);
  }
}

/**
 * Expands CLI arguments to plan files: files named explicitly are always linted, folders are
 * searched with the plan glob (and for front matter `kind: connector-rollout-plan`), globs expand.
 */
export function expandPlanPaths(args: string[], cwd: string, planGlob: string): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const push = (file: string) => {
    const abs = resolve(cwd, file);
    if (!seen.has(abs)) {
      seen.add(abs);
      result.push(abs);
    }
  };
  const isPlanFile = picomatch(planGlob, { dot: false, basename: !planGlob.includes('/') });
  for (const arg of args) {
    if (isGlob(arg)) {
      const absPattern = resolve(cwd, arg).split(sep).join('/');
      const scan = picomatch.scan(absPattern);
      const matcher = picomatch(absPattern, { dot: false });
      const files: string[] = [];
      walk(scan.base || '/', files);
      const matched = files.filter((f) => matcher(f.split(sep).join('/'))).sort();
      if (matched.length === 0) throw new UsageError(`${arg}: no files match`);
      matched.forEach(push);
      continue;
    }
    const abs = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(abs);
    } catch (error) {
      throw new UsageError(`${arg}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      const files: string[] = [];
      walk(abs, files);
      let found = 0;
      for (const file of files.sort()) {
        const rel = relative(abs, file).split(sep).join('/');
        if (isPlanFile(rel) || (file.endsWith('.md') && statSync(file).size <= MAX_PLAN_BYTES && declaresPlanKind(readFileSync(file, 'utf8')))) {
          push(file);
          found++;
        }
      }
      // A CI job pointed at the wrong folder must not pass silently, as a glob that matches nothing does not.
      if (found === 0) throw new UsageError(`${arg}: no rollout plans found (${planGlob} or front matter kind: connector-rollout-plan)`);
    } else {
      push(abs);
    }
  }
  return result;
}

export interface LoadedConfig {
  path: string | undefined;
  config: ResolvedConfig;
  findings: Finding[];
  text: string | undefined;
}

/** The lint options of a configuration, with its template. */
export function lintOptions(config: ResolvedConfig, template: PlanTemplate): LintOptions {
  return { template, severities: config.rules, agents: config.agents, waveSequencing: config.waveSequencing };
}

/**
 * Finds `.connector-playbook.yaml` in a folder or its ancestors, parsed once per file, and the
 * template it names, read and parsed once per path.
 */
export class ConfigLocator {
  private readonly byFolder = new Map<string, LoadedConfig>();
  private readonly templates = new Map<string, PlanTemplate>();
  private bundled: PlanTemplate | undefined;

  /**
   * The template of a configuration: the bundled one when it names none or one that cannot be read
   * (`onUnreadable` is called then, the first time that path is looked up).
   */
  templateFor(loaded: LoadedConfig, onUnreadable?: () => void): PlanTemplate {
    this.bundled ??= getDefaultTemplate();
    if (!loaded.path || !loaded.config.template) return this.bundled;
    const path = resolve(dirname(loaded.path), loaded.config.template);
    let known = this.templates.get(path);
    if (!known) {
      const text = readTemplate(path);
      if (text === undefined) onUnreadable?.();
      known = text === undefined ? this.bundled : parseTemplate(text);
      this.templates.set(path, known);
    }
    return known;
  }

  forFile(file: string): LoadedConfig {
    return this.forFolder(dirname(file));
  }

  forFolder(folder: string): LoadedConfig {
    const cached = this.byFolder.get(folder);
    if (cached) return cached;
    const candidate = join(folder, CONFIG_FILE_NAME);
    let loaded: LoadedConfig;
    let text: string | undefined;
    try {
      text = statSync(candidate).isFile() ? readFileSync(candidate, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      const parsed = parseWorkspaceConfig(text);
      loaded = { path: candidate, config: resolveConfig(parsed.config), findings: parsed.findings, text };
    } else {
      const parent = dirname(folder);
      loaded = parent === folder ? { path: undefined, config: resolveConfig(undefined), findings: [], text: undefined } : this.forFolder(parent);
    }
    this.byFolder.set(folder, loaded);
    return loaded;
  }
}
