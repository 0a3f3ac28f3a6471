// `connector-playbook mapping export|import` in-process, on real files in a temp folder.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { MappingExchangeSchema } from '../../src/core/mappingData';

const PLAN = `# Acme Connector Rollout Plan

## D) Mapping Rules + Cardinality
| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |
|---|---|---|---|---|---|
| Primary | \`acme \\| crm\` | deal.owner | 数据 😀 | 1:1 | DB partial unique |
| Secondary | acme | account.id | partners | 1:N | app |

- onConflict strategy: keep the newest
- Required metadata per mapping: synced_at

## E) Delivery Phases
- Scope: x
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('cli: mapping export and import', () => {
  let dir: string;
  const run = async (args: string[], stdin = ''): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, readStdin: async () => stdin };
    const code = await runCli(['mapping', ...args], io);
    return { code, stdout, stderr };
  };
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text, 'utf8');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cpb-mapping-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports JSON in the documented shape', async () => {
    write('plan.md', PLAN);
    const out = await run(['export', 'plan.md']);
    assert.equal(out.code, 0, out.stderr);
    const json = MappingExchangeSchema.parse(JSON.parse(out.stdout));
    assert.deepEqual(json.rows[0], { purpose: 'Primary', source: '`acme | crm`', externalId: 'deal.owner', internalEntity: '数据 😀', cardinality: '1:1', enforcedIn: 'DB partial unique' });
    assert.equal(json.onConflict, 'keep the newest');
    assert.equal(json.requiredMetadata, 'synced_at');
  });

  it('exports CSV with the table\'s header', async () => {
    write('plan.md', PLAN);
    const out = await run(['export', 'plan.md', '--format', 'csv']);
    assert.equal(out.stdout.split('\n')[0], 'Mapping Purpose,source,External ID,Internal Entity,Cardinality,Enforced In');
    assert.equal(out.stdout.split('\n')[1], 'Primary,`acme | crm`,deal.owner,数据 😀,1:1,DB partial unique');
  });

  for (const [name, text] of [['LF', PLAN], ['CRLF + BOM', `\uFEFF${PLAN.replace(/\n/g, '\r\n')}`]] as const) {
    it(`export → import without changes leaves a ${name} plan byte-identical (JSON, CSV, stdin)`, async () => {
      write('plan.md', text);
      const json = await run(['export', 'plan.md']);
      write('matrix.json', json.stdout);
      const csv = await run(['export', 'plan.md', '--format', 'csv']);
      write('matrix.csv', csv.stdout);
      for (const args of [['import', 'plan.md', 'matrix.json'], ['import', 'plan.md', 'matrix.csv'], ['import', 'plan.md', '-']]) {
        const out = await run(args, json.stdout);
        assert.equal(out.code, 0, out.stderr);
        assert.match(out.stdout, /already matches .*nothing written/);
        assert.equal(read('plan.md'), text);
      }
    });
  }

  it('imports changed rows and fields, rewriting only the table and the fields', async () => {
    write('plan.md', `\uFEFF${PLAN.replace(/\n/g, '\r\n')}`);
    const matrix = {
      rows: [
        { purpose: 'Secondary', source: 'acme', externalId: 'account.id', internalEntity: 'partners', cardinality: '1:N', enforcedIn: 'app' },
        { purpose: 'Third', source: 'acme | eu', externalId: 'user.id', internalEntity: 'users', cardinality: '1:1', enforcedIn: 'DB unique' },
      ],
      onConflict: 'merge',
    };
    const out = await run(['import', 'plan.md', '-'], JSON.stringify(matrix));
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /updated from standard input \(2 rows\)/);
    const after = read('plan.md');
    const expected = `\uFEFF${PLAN.replace(/\| Primary .*\n/, '')
      .replace('| app |\n', '| app |\n| Third | acme \\| eu | user.id | users | 1:1 | DB unique |\n')
      .replace('keep the newest', 'merge')
      .replace(/\n/g, '\r\n')}`;
    assert.equal(after, expected);
  });

  it('imports CSV columns by header, leaving the other columns as they are', async () => {
    write('plan.md', PLAN);
    write('cards.csv', 'Cardinality,Mapping Purpose\r\n1:N,Primary\r\n1:N,Secondary\r\n');
    const out = await run(['import', 'plan.md', 'cards.csv']);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(read('plan.md'), PLAN.replace('| 数据 😀 | 1:1 |', '| 数据 😀 | 1:N |'));
  });

  it('imports past a control character already in a cell: unchanged cells are not checked (JSON and CSV)', async () => {
    const dirty = PLAN.replace('| Primary |', '| Primary\u001b[0m |');
    for (const format of ['json', 'csv']) {
      write('plan.md', dirty);
      const exported = await run(['export', 'plan.md', '--format', format]);
      assert.equal(exported.code, 0, exported.stderr);
      write(`matrix.${format}`, exported.stdout);
      const same = await run(['import', 'plan.md', `matrix.${format}`]);
      assert.equal(same.code, 0, `${format}: ${same.stderr}`);
      assert.equal(read('plan.md'), dirty);
      // Only the other row changes.
      write(`matrix.${format}`, exported.stdout.replace('Secondary', 'Backup'));
      const other = await run(['import', 'plan.md', `matrix.${format}`]);
      assert.equal(other.code, 0, `${format}: ${other.stderr}`);
      assert.equal(read('plan.md'), dirty.replace('| Secondary |', '| Backup |'));
    }
  });

  // Latin-1, an encoded lone surrogate, an overlong slash, a stray continuation byte, a truncated sequence.
  const INVALID_UTF8: [string, number[]][] = [
    ['a Latin-1 é', [0x63, 0x61, 0x66, 0xe9]],
    ['an encoded lone surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a stray continuation byte', [0x80, 0x41]],
    ['a truncated sequence', [0xf0, 0x9f, 0x98]],
  ];
  for (const [what, invalid] of INVALID_UTF8) {
    it(`imports into a plan holding ${what} outside the table: only the table's bytes change`, async () => {
      const [head, tail] = PLAN.split('## E) Delivery Phases');
      const bytes = (text: string) => Buffer.from(text, 'utf8');
      const odd = Buffer.from(invalid);
      const original = Buffer.concat([bytes(head!.replace('Plan\n', 'Plan ')), odd, bytes('\n'), bytes('## E) Delivery Phases'), bytes(tail!.replace('x\n', 'x ')), odd]);
      writeFileSync(join(dir, 'plan.md'), original);
      const exported = await run(['export', 'plan.md']);
      assert.equal(exported.code, 0, exported.stderr);
      write('matrix.json', exported.stdout.replace('"Secondary"', '"Backup"'));
      const out = await run(['import', 'plan.md', 'matrix.json']);
      assert.equal(out.code, 0, out.stderr);
      const expected = Buffer.from(original.toString('latin1').replace('| Secondary |', '| Backup |'), 'latin1');
      assert.deepEqual(readFileSync(join(dir, 'plan.md')), expected);
    });
  }

  it('refuses an import that would rewrite a row holding invalid UTF-8, leaving the file untouched', async () => {
    const original = Buffer.concat([Buffer.from(PLAN.slice(0, PLAN.indexOf(' | acme | account.id')), 'utf8'), Buffer.from([0xe9]), Buffer.from(PLAN.slice(PLAN.indexOf(' | acme | account.id')), 'utf8')]);
    writeFileSync(join(dir, 'plan.md'), original);
    const exported = await run(['export', 'plan.md']);
    write('matrix.json', exported.stdout.replace('"account.id"', '"account.key"'));
    const out = await run(['import', 'plan.md', 'matrix.json']);
    assert.equal(out.code, 2);
    assert.equal(out.stderr, 'connector-playbook mapping: plan.md: line 7 is not valid UTF-8 where the change would be written; fix that line\'s encoding first. Nothing was written.\n');
    assert.deepEqual(readFileSync(join(dir, 'plan.md')), original);
    // The same import without a change to that row goes through.
    write('matrix.json', exported.stdout.replace('"deal.owner"', '"deal.owner_id"'));
    const other = await run(['import', 'plan.md', 'matrix.json']);
    assert.equal(other.code, 0, other.stderr);
    assert.deepEqual(readFileSync(join(dir, 'plan.md')), Buffer.from(original.toString('latin1').replace('| deal.owner |', '| deal.owner_id |'), 'latin1'));
  });

  it('exits 2 with one line on stderr for bad input, and never writes', async () => {
    write('plan.md', PLAN);
    write('bad.json', '{"rows": [{"purpose": "a\\nb"}]}');
    write('broken.json', '{"rows": [');
    write('empty.md', '# Nothing\n');
    const cases: [string[], RegExp][] = [
      [['import', 'plan.md', 'bad.json'], /line break/],
      [['import', 'plan.md', 'broken.json'], /not valid JSON/],
      [['import', 'plan.md', 'missing.json'], /no such file/],
      [['export', 'empty.md'], /no section D/],
      [['export', 'plan.md', '--format', 'xml'], /--format must be json or csv/],
      [['export'], /export takes one PLAN/],
      [['import', 'plan.md'], /import takes PLAN and FILE/],
      [['frobnicate'], /unknown mapping action/],
    ];
    for (const [args, message] of cases) {
      const out = await run(args);
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stdout}`);
      assert.match(out.stderr, message);
      assert.equal(out.stderr.trim().split('\n').length, 1);
    }
    assert.equal(read('plan.md'), PLAN);
  });
});
