import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DOCS_FOLDER, unreadableTemplateMessage } from '../core/config';
import { localDate, planFileName, scaffoldPlan } from '../core/scaffold';
import { DEFAULT_TEMPLATE_TEXT } from '../core/template';
import { TEAM_SIZES } from '../core/teamScaffold';
import type { TeamSize } from '../core/teamScaffold';
import { ConfigLocator, readTemplate } from './files';
import type { CliIo } from './io';
import { ExitCode, UsageError } from './io';
import { ensureDocsFolder, isInside, writePlanFile } from './planFile';

export const NEW_USAGE =
  'usage: connector-playbook new NAME [--system S] [--auth A] [--pull P] [--link L]… [--cardinality C] [--scale S] [--first-phase P] [--team standard|small] [--out DIR] [--force]';

/** `connector-playbook new`: F1 without VS Code — the same template, answers and file name. */
export async function newCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      system: { type: 'string' },
      auth: { type: 'string' },
      pull: { type: 'string' },
      link: { type: 'string', multiple: true },
      cardinality: { type: 'string' },
      scale: { type: 'string' },
      'first-phase': { type: 'string' },
      team: { type: 'string', default: 'standard' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${NEW_USAGE}\n`);
    return ExitCode.ok;
  }
  const team = values.team;
  if (!(TEAM_SIZES as readonly string[]).includes(team)) throw new UsageError(`--team must be ${TEAM_SIZES.join(' or ')}, not "${team}"`);
  if (positionals.length === 0) throw new UsageError(`no NAME given; ${NEW_USAGE}`);
  if (positionals.length > 1) throw new UsageError(`one NAME only (quote a name with spaces), got ${positionals.length} words`);
  const name = positionals[0]!;
  const named = planFileName(name);
  if (named.error !== undefined) throw new UsageError(`invalid name ${JSON.stringify(name.slice(0, 60))}: ${named.error}`);

  const configs = new ConfigLocator();
  const loaded = configs.forFolder(io.cwd);
  let outDir: string;
  let confine: { base: string; what: string } | undefined;
  if (values.out !== undefined) {
    if (!values.out || values.out.includes('\0')) throw new UsageError('--out needs a folder');
    outDir = resolve(io.cwd, values.out);
  } else {
    const base = loaded.path ? dirname(loaded.path) : io.cwd;
    outDir = resolve(base, loaded.path ? loaded.config.docsFolder : DEFAULT_DOCS_FOLDER);
    const what = loaded.path ? `docsFolder "${loaded.config.docsFolder}" in ${loaded.path}` : `the docs folder ${DEFAULT_DOCS_FOLDER}`;
    // A repository's configuration must not send the plan outside the repository.
    if (!isInside(base, outDir)) throw new UsageError(`${what} points outside ${base}; use --out`);
    confine = { base, what };
  }
  const target = resolve(outDir, named.fileName);
  if (!isInside(outDir, target) || dirname(target) !== outDir) throw new UsageError(`the name ${JSON.stringify(name)} would write outside ${outDir}`);

  const display = (path: string) => relative(io.cwd, path).split(sep).join('/') || path;
  let templateText = DEFAULT_TEMPLATE_TEXT;
  if (loaded.path && loaded.config.template) {
    const text = readTemplate(resolve(dirname(loaded.path), loaded.config.template));
    // As in the editor: the bundled template, and the reason on stderr.
    if (text === undefined) io.stderr(`connector-playbook new: ${display(loaded.path)}: ${unreadableTemplateMessage(loaded.config.template)}\n`);
    else templateText = text;
  }
  const { text } = scaffoldPlan(
    {
      name,
      system: values.system,
      auth: values.auth,
      pull: values.pull,
      links: values.link,
      cardinality: values.cardinality,
      scale: values.scale,
      firstPhase: values['first-phase'],
      team: team as TeamSize,
    },
    { templateText, created: localDate(), roster: { agents: loaded.config.agents, waveSequencing: loaded.config.waveSequencing } },
  );

  const realDocs = ensureDocsFolder(outDir, { confine });
  writePlanFile(realDocs, named.fileName, text, { force: values.force, display, docsDisplay: display(outDir), planDisplay: display(target) });
  io.stdout(`Created ${display(target)}\n`);
  return ExitCode.ok;
}
