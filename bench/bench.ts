// `npm run bench`: what users feel, measured side by side in one run, on the production build:
//   - the CLI on 200 realistic plans, against a process that reads and parses them with markdown-it,
//     and against markdownlint-cli2 (whole processes);
//   - the time from one character typed mid-plan to its findings, in the core (1k and 10k lines) and
//     in the real extension host (10k lines), and the activation time VS Code shows;
//   - the size of the production bundles;
//   - plans built to be slow to read: a section F written again and again, at 1, 3 and 10 MB.
// Flags: --quick (fewer rounds, no real VS Code), --no-host (no real VS Code).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { benchCli } from './cliBench';
import { benchKeystrokes, benchRepeatedSectionF, median } from './coreBench';
import { benchHost } from './hostBench';

const REPO = resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const withHost = !quick && !process.argv.includes('--no-host');

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`;
const kb = (n: number | undefined) => (n === undefined ? '–' : `${(n / 1024).toFixed(0)} KB`);

function bundleSizes(): Record<string, number | undefined> {
  const out = spawnSync(process.execPath, [join(REPO, 'scripts', 'bundle-size.mjs'), '--json'], { cwd: REPO, encoding: 'utf8' });
  return JSON.parse(out.stdout) as Record<string, number | undefined>;
}

function main(): void {
  console.log(`[bench] ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${quick ? 'quick' : 'full'} run`);
  const rows: [string, string, string][] = [];

  console.log('[bench] CLI on 200 plans …');
  const cli = benchCli(REPO, quick ? 2 : 5, quick ? 1 : 3);
  const cpuRatio = cli.ours.cpuMs / cli.readAndParse.cpuMs;
  rows.push([`CLI \`lint --format json\`, 200 plans (${cli.sizeMb.toFixed(1)} MB), CPU`, `${ms(cli.ours.cpuMs)}`, `read + markdown-it parse: ${ms(cli.readAndParse.cpuMs)} → **${cpuRatio.toFixed(2)}×**`]);
  if (cli.markdownlint) {
    rows.push(['CLI, same plans, wall', `${ms(cli.ours.wallMs)}`, `markdownlint-cli2: ${ms(cli.markdownlint.wallMs)} → **${(cli.markdownlint.wallMs / cli.ours.wallMs).toFixed(0)}× faster**`]);
  }

  console.log('[bench] keystrokes in the core …');
  for (const lines of [1000, 10_000]) {
    const k = benchKeystrokes(lines);
    rows.push([`Keystroke to findings, core, ${lines.toLocaleString('en-US')} lines (${k.sizeKb.toFixed(0)} KB)`, ms(k.incremental), `read whole: ${ms(k.whole)}`]);
  }

  if (withHost) {
    console.log('[bench] the real extension host (code-server) …');
    const host = benchHost(REPO, 3);
    if (host.keystroke) {
      rows.push(['Keystroke to findings, real extension host, 10,000 lines (median of 40)', ms(host.keystroke.median), `parse ${ms(host.keystroke.parse)}, lint ${ms(host.keystroke.lint)}; max ${ms(host.keystroke.max)}`]);
    }
    const activation = host.activations.length ? median(host.activations) : undefined;
    if (activation !== undefined) rows.push([`Activation on examples/, Running Extensions (median of ${host.activations.length})`, ms(activation), `runs: ${host.activations.map(ms).join(', ')}`]);
  }

  const sizes = bundleSizes();
  rows.push(['Extension, loaded at activation', kb(sizes.activation), `all chunks ${kb(sizes.extension)}; yaml.js on first need ${kb(sizes.yaml)}`]);
  rows.push(['Browser bundle (vscode.dev, github.dev)', kb(sizes.browser), 'one file, loaded at activation']);
  rows.push(['CLI bundle', kb(sizes.cli), 'the MCP SDK included']);
  rows.push(['Webview scripts: mapping form / dashboard', kb(sizes.webview), `dashboard ${kb(sizes.dashboard)}`]);

  console.log('[bench] a section F written again and again …');
  for (const mb of quick ? [1] : [1, 3, 10]) {
    const r = benchRepeatedSectionF(mb);
    rows.push([`Section F repeated, ${r.sizeMb.toFixed(1)} MB (${r.waves.toLocaleString('en-US')} waves): parse, lint, waves`, ms(r.ms), `${ms(r.msPerMb)} per MB`]);
  }

  console.log('\n| measured | ours | compared with |\n|---|---:|---|');
  for (const [what, ours, other] of rows) console.log(`| ${what} | ${ours} | ${other} |`);
}

main();
