// `connector-playbook new` and symbolic links: nothing is ever created or changed outside the docs
// folder. Real links in a temp folder; a snapshot of everything outside the docs folder must not move.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { type CliRun, runCliIn } from './cliInProcess';


function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliIn(cwd, ['new', ...argv]);
}

/** Every entry under a folder: files with their text, links with their target, folders by name. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true }).map(String).sort()) {
    const path = join(folder, entry);
    const stat = lstatSync(path);
    out[entry] = stat.isSymbolicLink() ? `link → ${readlinkSync(path)}` : stat.isFile() ? `file ${readFileSync(path, 'utf8')}` : stat.isDirectory() ? 'folder' : 'other';
  }
  return out;
}

const PLAN = 'EVIL-ROLLOUT-PLAN.md';

describe('CLI: new and symbolic links', () => {
  let root: string;
  let repo: string;
  let outside: string;
  let docs: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cp-links-'));
    repo = join(root, 'repo');
    outside = join(root, 'outside');
    docs = join(repo, 'docs');
    mkdirSync(docs, { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.txt'), 'precious\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('--force refuses a plan that is a link to a file outside the docs folder, and leaves that file alone', async () => {
    symlinkSync('../../outside/victim.txt', join(docs, PLAN));
    const run = await cli(repo, 'Evil', '--out', 'docs', '--force');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'connector-playbook new: docs/EVIL-ROLLOUT-PLAN.md is a symbolic link to ../outside/victim.txt, outside docs; it was not followed\n');
    assert.equal(readFileSync(join(outside, 'victim.txt'), 'utf8'), 'precious\n');
    assert.equal(readlinkSync(join(docs, PLAN)), '../../outside/victim.txt');
  });

  for (const force of [false, true]) {
    it(`${force ? '--force refuses' : 'refuses'} a dangling link, and creates nothing where it points`, async () => {
      symlinkSync('../../outside/created.txt', join(docs, PLAN));
      const run = await cli(repo, 'Evil', '--out', 'docs', ...(force ? ['--force'] : []));
      assert.equal(run.code, 2);
      assert.match(run.stderr, force ? /^connector-playbook new: docs\/EVIL-ROLLOUT-PLAN.md is a symbolic link to a file that does not exist; it was not followed\n$/ : /already exists; use --force/);
      assert.deepEqual(snapshot(outside), { 'victim.txt': 'file precious\n' });
    });
  }

  it('--force writes through a link that stays inside the docs folder, to the file it names', async () => {
    mkdirSync(join(docs, 'real'));
    writeFileSync(join(docs, 'real', 'OTHER.md'), 'old\n');
    symlinkSync('real/OTHER.md', join(docs, PLAN));
    const run = await cli(repo, 'Evil', '--out', 'docs', '--force');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readFileSync(join(docs, 'real', 'OTHER.md'), 'utf8').includes('# Evil Connector Rollout Plan'));
    assert.equal(readlinkSync(join(docs, PLAN)), 'real/OTHER.md');
  });

  it('--force replaces a hard-linked plan without changing the other name of that file', async () => {
    execFileSync('ln', [join(outside, 'victim.txt'), join(docs, PLAN)]);
    const run = await cli(repo, 'Evil', '--out', 'docs', '--force');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(join(outside, 'victim.txt'), 'utf8'), 'precious\n');
    assert.ok(readFileSync(join(docs, PLAN), 'utf8').includes('# Evil Connector Rollout Plan'));
  });

  it('--force refuses a plan name that is a FIFO, instead of waiting for a reader', async () => {
    execFileSync('mkfifo', [join(docs, PLAN)]);
    const run = await cli(repo, 'Evil', '--out', 'docs', '--force');
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'connector-playbook new: docs/EVIL-ROLLOUT-PLAN.md is not a regular file; it was not replaced\n');
  });

  it('refuses a configured docs folder that is a link leaving the repository, or lies under one', async () => {
    writeFileSync(join(repo, '.connector-playbook.yaml'), 'docsFolder: plans/docs\n');
    symlinkSync('../outside', join(repo, 'plans'));
    const under = await cli(repo, 'Evil');
    assert.equal(under.code, 2);
    assert.match(under.stderr, /^connector-playbook new: docsFolder "plans\/docs" in .*\.connector-playbook\.yaml leads outside .*repo through a symbolic link; use --out\n$/);
    rmSync(join(repo, 'plans'));
    mkdirSync(join(repo, 'plans'));
    symlinkSync('../../outside', join(repo, 'plans', 'docs'));
    const linked = await cli(repo, 'Evil');
    assert.equal(linked.code, 2);
    assert.match(linked.stderr, /leads outside .* through a symbolic link; use --out/);
    assert.deepEqual(snapshot(outside), { 'victim.txt': 'file precious\n' });
  });

  it('follows a configured docs folder that is a link to a folder inside the repository', async () => {
    writeFileSync(join(repo, '.connector-playbook.yaml'), 'docsFolder: plans\n');
    symlinkSync('docs', join(repo, 'plans'));
    const run = await cli(repo, 'Good');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Created plans/GOOD-ROLLOUT-PLAN.md\n');
    assert.ok(readFileSync(join(docs, 'GOOD-ROLLOUT-PLAN.md'), 'utf8').includes('# Good Connector Rollout Plan'));
  });

  it('random links at the plan\'s name: nothing outside the docs folder is created or changed', async () => {
    const kinds = ['none', 'file', 'link-outside', 'link-inside', 'dangling-outside', 'dangling-inside', 'link-to-folder', 'chain-outside', 'loop', 'link-to-link-inside'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), fc.boolean(), fc.boolean(), async (kind, force, linkedDocs) => {
        rmSync(root, { recursive: true, force: true });
        mkdirSync(join(root, 'outside', 'folder'), { recursive: true });
        writeFileSync(join(outside, 'victim.txt'), 'precious\n');
        mkdirSync(join(repo, 'real-docs', 'sub'), { recursive: true });
        writeFileSync(join(repo, 'real-docs', 'sub', 'OTHER.md'), 'old\n');
        // The docs folder itself may be a link to real-docs (the user names it with --out).
        if (linkedDocs) symlinkSync('real-docs', docs);
        const out = linkedDocs ? 'docs' : 'real-docs';
        const target = join(repo, 'real-docs', PLAN);
        const linkTo: Record<string, string | undefined> = {
          'link-outside': '../../outside/victim.txt',
          'link-inside': 'sub/OTHER.md',
          'dangling-outside': '../../outside/new.txt',
          'dangling-inside': 'sub/NEW.md',
          'link-to-folder': '../../outside/folder',
          'chain-outside': 'hop',
          loop: PLAN,
          'link-to-link-inside': 'hop',
        };
        if (kind === 'file') writeFileSync(target, 'mine\n');
        if (kind === 'chain-outside') symlinkSync('../../outside/victim.txt', join(repo, 'real-docs', 'hop'));
        if (kind === 'link-to-link-inside') symlinkSync('sub/OTHER.md', join(repo, 'real-docs', 'hop'));
        if (linkTo[kind]) symlinkSync(linkTo[kind]!, target);
        const outsideBefore = snapshot(outside);
        const repoBefore = snapshot(repo);
        const run = await cli(repo, 'Evil', '--out', out, ...(force ? ['--force'] : []));
        assert.ok(run.code === 0 || run.code === 2, `${kind}: exit ${run.code}`);
        assert.equal(run.stderr.split('\n').length, run.stderr ? 2 : 1, `${kind}: one line on stderr`);
        assert.deepEqual(snapshot(outside), outsideBefore, `${kind}, force ${force}: outside changed`);
        // Inside the repository, only the docs folder's own entries may change.
        const realDocs = relative(realpathSync(repo), realpathSync(join(repo, out)));
        const changed = Object.keys({ ...repoBefore, ...snapshot(repo) }).filter((entry) => repoBefore[entry] !== snapshot(repo)[entry]);
        // (A listing goes through a linked docs folder too: its entries are the real folder's.)
        for (const entry of changed) assert.ok(entry.startsWith(`${realDocs}/`) || entry.startsWith(`${out}/`), `${kind}: ${entry} changed`);
        if (run.code === 0) assert.ok(changed.length > 0, `${kind}: exit 0 but nothing written`);
      }),
      { numRuns: 80, seed: 20260312 },
    );
  });
});
