// Writing a new plan into the docs folder, whatever symbolic links lie on the way: nothing is
// created or changed outside the docs folder's real path.
import { lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from './io';

/** Whether `child` is strictly inside `folder` (both absolute, resolved). */
export function isInside(folder: string, child: string): boolean {
  const rel = relative(folder, child);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Where `path` would really be once created: the deepest part that exists resolved, links included. */
function realPathToBe(path: string): string | undefined {
  const rest: string[] = [];
  let existing = path;
  while (!lstatOrUndefined(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return undefined;
    rest.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return undefined;
  }
}

export interface DocsFolderOptions {
  /** A folder the docs folder must really lie in (for one taken from configuration), and how to name it. */
  confine?: { base: string; what: string };
}

/** Creates the docs folder if needed; returns its real path. */
export function ensureDocsFolder(outDir: string, options: DocsFolderOptions = {}): string {
  const confine = options.confine;
  const stayed = (real: string | undefined) => {
    if (!confine) return;
    const base = realpathSync(confine.base);
    // A link in a cloned repository must not send the plan outside it, as `..` must not.
    if (real === undefined || !isInside(base, real)) throw new UsageError(`${confine.what} leads outside ${confine.base} through a symbolic link; use --out`);
  };
  stayed(realPathToBe(outDir));
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create ${outDir}: ${(error as Error).message}`);
  }
  const real = realpathSync(outDir);
  stayed(real);
  return real;
}

export interface PlanFileOptions {
  force: boolean;
  /** How to name paths in messages (relative to the working directory). */
  display(path: string): string;
  /** The docs folder and the plan as the user named them. */
  docsDisplay: string;
  planDisplay: string;
}

/**
 * Writes a new plan as `fileName` in the docs folder (its real path). An existing file is replaced
 * only with `force`, through a link only when the link stays inside the docs folder, and by a
 * rename, so the old file's other names (hard links) keep their bytes.
 */
export function writePlanFile(realDocs: string, fileName: string, text: string, options: PlanFileOptions): void {
  const target = join(realDocs, fileName);
  const shown = options.planDisplay;
  let stat = lstatOrUndefined(target);
  if (!stat) {
    try {
      // 'wx' fails on anything there, a dangling link included, so a plan is never replaced by a race either.
      writeFileSync(target, text, { encoding: 'utf8', flag: 'wx' });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') throw new UsageError(`${shown} already exists; use --force to replace it`);
      throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
    }
  }
  if (!options.force) throw new UsageError(`${shown} already exists; use --force to replace it`);
  let real = target;
  if (stat.isSymbolicLink()) {
    try {
      real = realpathSync(target);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UsageError(code === 'ENOENT' ? `${shown} is a symbolic link to a file that does not exist; it was not followed` : `${shown} is a symbolic link that cannot be followed (${code ?? 'error'}); it was not followed`);
    }
    if (!isInside(realDocs, real)) throw new UsageError(`${shown} is a symbolic link to ${options.display(real)}, outside ${options.docsDisplay}; it was not followed`);
    stat = lstatSync(real);
  }
  if (stat.isDirectory()) throw new UsageError(`${shown} is a folder`);
  if (!stat.isFile()) throw new UsageError(`${shown} is not a regular file; it was not replaced`);
  const temp = join(dirname(real), `.${basename(real)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx', mode: stat.mode & 0o777 });
    renameSync(temp, real);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
  }
}
