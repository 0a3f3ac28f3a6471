// `connector-playbook lint` in-process (runCli with buffers): exit codes, the three output formats
// and how PATH arguments become plans.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { SarifLogSchema } from '../../src/cli/sarif';
import type { CliIo } from '../../src/cli/io';
import { CliFindingsSchema } from '../../src/cli/schemas';
import { RULE_IDS } from '../../src/core/rules';
import { FIXTURES_DIR, fixture, lintFindings } from '../fixtures/lintFixtures';

const WORKSPACE = join(FIXTURES_DIR, 'cli');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function lint(args: string[], cwd = WORKSPACE): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    readStdin: async () => '',
  };
  const code = await runCli(['lint', ...args], io);
  return { code, stdout, stderr };
}

function jsonFindings(run: Run) {
  return CliFindingsSchema.parse(JSON.parse(run.stdout));
}

describe('cli: lint exit codes', () => {
  it('exits 0 with a summary line on a complete plan', async () => {
    const run = await lint(['src/docs/SLACK-ROLLOUT-PLAN.md']);
    assert.deepEqual(run, { code: 0, stdout: 'No problems in 1 plan.\n', stderr: '' });
  });

  it('exits 1 when a plan has an error', async () => {
    const run = await lint(['src/docs/HUBSPOT-ROLLOUT-PLAN.md']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
  });

  it('exits 0 on warnings and info only, 1 once warnings pass --max-warnings', async () => {
    assert.equal((await lint(['warnings-only'])).code, 0);
    assert.equal((await lint(['--max-warnings', '2', 'warnings-only'])).code, 0);
    const over = await lint(['--max-warnings', '1', 'warnings-only']);
    assert.equal(over.code, 1);
    assert.match(over.stdout, /\nToo many warnings: 2, at most 1 allowed \(--max-warnings\)\.\n$/);
    // Info findings never count as warnings.
    assert.equal((await lint(['--max-warnings=0', join('..', 'plans', 'notion-star-lists.md')])).code, 0);
  });

  it('prints exactly one line on stderr and exits 2 for a missing file, with nothing on stdout', async () => {
    const run = await lint(['missing.md']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'connector-playbook lint: missing.md: no such file or directory\n');
  });

  for (const [name, args, message] of [
    ['a bad --format', ['--format', 'xml', 'src/docs'], 'connector-playbook lint: --format must be text, json or sarif, not "xml"\n'],
    ['a bad --max-warnings', ['--max-warnings', 'many', 'src/docs'], 'connector-playbook lint: --max-warnings takes a whole number, not "many"\n'],
    ['no PATH', [], /^connector-playbook lint: no PATH given; usage: connector-playbook lint /],
    ['an unknown option', ['--fix', 'src/docs'], /^connector-playbook lint: Unknown option '--fix'/],
    ['a glob that matches nothing', ['nowhere/**/*.md'], 'connector-playbook lint: nowhere/**/*.md: no files match\n'],
    ['a folder without plans', ['empty-folder'], 'connector-playbook lint: empty-folder: no rollout plans found (**/*-ROLLOUT-PLAN.md or front matter kind: connector-rollout-plan)\n'],
  ] as const) {
    it(`exits 2 with one stderr line for ${name}`, async () => {
      const run = await lint([...args]);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.split('\n').length, 2, run.stderr);
      if (typeof message === 'string') assert.equal(run.stderr, message);
      else assert.match(run.stderr, message);
    });
  }

  it('exits 2 with one stderr line for an unknown command and for no command at all', async () => {
    for (const argv of [['check', 'x.md'], []]) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: WORKSPACE, readStdin: async () => '' });
      assert.equal(code, 2, argv.join(' '));
      assert.equal(stdout, '');
      assert.equal(stderr.split('\n').length, 2, stderr);
    }
  });

  it('prints help on stdout and exits 0', async () => {
    const run = await lint(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^usage: connector-playbook lint \[--format text\|json\|sarif\] \[--max-warnings N\] PATH…\n$/);
  });
});

describe('cli: lint output formats', () => {
  it('prints text like other linters: file:line:col  severity  message  rule, then a summary', async () => {
    const run = await lint(['warnings-only', 'notes/close-plan.md']);
    // Files in the order named, each file's findings by position; locations padded to one width.
    assert.equal(run.stdout, [
      'warnings-only/SLACK-ROLLOUT-PLAN.md:80:3   warning  "Risk 2" is empty.  empty-field',
      'warnings-only/SLACK-ROLLOUT-PLAN.md:100:3  warning  "Q3" is empty.  empty-field',
      'notes/close-plan.md:24:11                  warning  Placeholder {external field} is still to be filled in.  placeholder',
      'notes/close-plan.md:60:3                   error    Go/no-go item not checked (status: go): Mappings validated (manual + auto-match)  go-no-go-unchecked',
      'notes/close-plan.md:62:3                   error    Go/no-go item not checked (status: go): Metrics spot-checked against raw source samples  go-no-go-unchecked',
      '',
      '5 problems (2 errors, 3 warnings, 0 info) in 2 plans.',
      '',
    ].join('\n'));
  });

  it('prints JSON matching CliFindingsSchema, 1-based, equal to the core findings', async () => {
    const run = await lint(['--format', 'json', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md']);
    assert.equal(run.code, 1);
    const findings = jsonFindings(run);
    const core = lintFindings(fixture('cli/src/docs/HUBSPOT-ROLLOUT-PLAN.md'));
    assert.equal(findings.length, core.length);
    findings.forEach((f, k) => {
      const c = core[k]!;
      assert.deepEqual(f, {
        file: 'src/docs/HUBSPOT-ROLLOUT-PLAN.md',
        rule: c.rule,
        severity: c.severity,
        message: c.message,
        line: c.range.start.line + 1,
        column: c.range.start.character + 1,
        endLine: c.range.end.line + 1,
        endColumn: c.range.end.character + 1,
      });
    });
    assert.deepEqual(findings[0], {
      file: 'src/docs/HUBSPOT-ROLLOUT-PLAN.md', rule: 'empty-field', severity: 'warning', message: '"Success in the next 2-4 weeks" is empty.',
      line: 10, column: 3, endLine: 10, endColumn: 32,
    });
  });

  it('prints an empty JSON array for a clean plan', async () => {
    const run = await lint(['--format=json', 'src/docs/SLACK-ROLLOUT-PLAN.md']);
    assert.deepEqual(jsonFindings(run), []);
    assert.equal(run.code, 0);
  });

  it('prints SARIF 2.1.0 with what code scanning needs', async () => {
    const run = await lint(['--format', 'sarif', '.']);
    assert.equal(run.code, 1);
    const log = SarifLogSchema.parse(JSON.parse(run.stdout));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0]!.tool;
    assert.equal(driver.name, 'connector-playbook');
    assert.deepEqual(driver.rules.map((r) => r.id), [...RULE_IDS]);
    for (const rule of driver.rules) assert.ok(rule.helpUri.startsWith('https://') && rule.shortDescription.text.length > 0, rule.id);
    const json = jsonFindings(await lint(['--format', 'json', '.']));
    const results = log.runs[0]!.results;
    assert.equal(results.length, json.length);
    results.forEach((result, k) => {
      const f = json[k]!;
      assert.equal(driver.rules[result.ruleIndex]!.id, result.ruleId);
      assert.equal(result.ruleId, f.rule);
      assert.equal(result.level, f.severity === 'info' ? 'note' : f.severity);
      assert.equal(result.message.text, f.message);
      assert.equal(result.locations.length, 1);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      // Relative, forward slashes, against %SRCROOT%: what upload-sarif resolves against the checkout.
      assert.equal(decodeURIComponent(artifactLocation.uri), f.file);
      assert.ok(!artifactLocation.uri.startsWith('/') && !artifactLocation.uri.includes('\\'), artifactLocation.uri);
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
    assert.ok(results.some((r) => r.level === 'note') && results.some((r) => r.level === 'warning') && results.some((r) => r.level === 'error'));
  });
});

describe('cli: lint paths', () => {
  const files = async (args: string[], cwd = WORKSPACE) => [...new Set(jsonFindings(await lint(['--format', 'json', ...args], cwd)).map((f) => f.file))];

  it('searches a folder with the default glob plus front matter kind: connector-rollout-plan, skipping other markdown', async () => {
    assert.deepEqual(await files(['.']), [
      'broken-config/.connector-playbook.yaml',
      'broken-config/SLACK-ROLLOUT-PLAN.md',
      'configured/NOTION-ROLLOUT-PLAN.md',
      'notes/close-plan.md',
      'src/docs/HUBSPOT-ROLLOUT-PLAN.md',
      'warnings-only/SLACK-ROLLOUT-PLAN.md',
    ]);
    const summary = (await lint(['.'])).stdout.trim().split('\n').pop();
    assert.equal(summary, '34 problems (7 errors, 25 warnings, 2 info) in 6 plans.');
  });

  it('always lints a file named explicitly, plan or not', async () => {
    const run = await lint(['--format', 'json', 'notes/meeting-notes.md']);
    const findings = jsonFindings(run);
    assert.ok(findings.some((f) => f.rule === 'placeholder' && f.line === 4 && f.column === 22));
    assert.equal(findings.filter((f) => f.rule === 'missing-section').length, 10);
  });

  it('expands globs relative to the working directory', async () => {
    assert.deepEqual(await files(['src/**/*-ROLLOUT-PLAN.md', 'notes/*.md']), [
      'src/docs/HUBSPOT-ROLLOUT-PLAN.md',
      'notes/close-plan.md',
      'notes/meeting-notes.md',
    ]);
    const run = await lint(['src/**/*-ROLLOUT-PLAN.md']);
    assert.match(run.stdout, / in 2 plans\.\n$/);
  });

  it('lints each file once even when named twice', async () => {
    const run = await lint(['src/docs', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md', 'src/**/HUBSPOT-*.md']);
    assert.match(run.stdout, / in 2 plans\.\n$/);
  });

  it('applies the nearest .connector-playbook.yaml: its severities, and off', async () => {
    const findings = jsonFindings(await lint(['--format', 'json', 'configured']));
    assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`), [
      '75:11 error placeholder',
      '88:4 info go-no-go-unchecked',
    ]);
  });

  it('reports a broken .connector-playbook.yaml as a config finding on that file and still lints the plan', async () => {
    const run = await lint(['--format', 'json', 'broken-config']);
    const findings = jsonFindings(run);
    assert.equal(run.code, 1);
    assert.equal(findings[0]!.file, 'broken-config/.connector-playbook.yaml');
    assert.equal(findings[0]!.rule, 'config');
    assert.equal(findings[0]!.severity, 'error');
    assert.deepEqual(findings.slice(1).map((f) => `${f.file}:${f.line} ${f.rule}`), ['broken-config/SLACK-ROLLOUT-PLAN.md:94 go-no-go-unchecked']);
  });

  it('shows paths relative to the working directory it runs in', async () => {
    const docs = join(WORKSPACE, 'src', 'docs');
    assert.deepEqual(await files(['HUBSPOT-ROLLOUT-PLAN.md'], docs), ['HUBSPOT-ROLLOUT-PLAN.md']);
    assert.deepEqual(await files([join(WORKSPACE, 'notes', 'close-plan.md')]), ['notes/close-plan.md']);
  });
});
