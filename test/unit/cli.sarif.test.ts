// SARIF locations are URI references (RFC 3986): a plan's file name with `#`, `?`, `%`, spaces or
// non-ASCII letters must still resolve, against the checkout root, to that file.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../src/cli/main';
import { SarifLogSchema, artifactLocation } from '../../src/cli/sarif';

const PLAN = '# {Connector} Rollout Plan\n';

async function sarifUris(cwd: string, ...paths: string[]): Promise<string[]> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['lint', '--format', 'sarif', ...paths], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, readStdin: async () => '' });
  assert.equal(code, 1, stderr);
  const log = SarifLogSchema.parse(JSON.parse(stdout));
  return [...new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))];
}

/** Where a relative URI reference leads from the checkout root, as a decoded path. */
function resolvesTo(uri: string): string {
  const url = new URL(uri, 'file:///checkout/');
  assert.equal(url.search, '', `${uri} has a query`);
  assert.equal(url.hash, '', `${uri} has a fragment`);
  return decodeURIComponent(url.pathname.slice('/checkout/'.length));
}

describe('cli: SARIF locations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cpb-sarif-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('encodes #, ?, %, spaces and non-ASCII letters, and keeps the URI relative', async () => {
    const names = ['C#-ROLLOUT-PLAN.md', 'why?-ROLLOUT-PLAN.md', '100%-ROLLOUT-PLAN.md', 'my plan-ROLLOUT-PLAN.md', 'Café 数据-ROLLOUT-PLAN.md', 'a:b-ROLLOUT-PLAN.md'];
    mkdirSync(join(dir, 'docs #1'));
    for (const name of names) writeFileSync(join(dir, 'docs #1', name), PLAN);
    const uris = await sarifUris(dir, 'docs #1');
    assert.deepEqual(uris.sort(), [
      'docs%20%231/100%25-ROLLOUT-PLAN.md',
      'docs%20%231/C%23-ROLLOUT-PLAN.md',
      'docs%20%231/Caf%C3%A9%20%E6%95%B0%E6%8D%AE-ROLLOUT-PLAN.md',
      'docs%20%231/a%3Ab-ROLLOUT-PLAN.md',
      'docs%20%231/my%20plan-ROLLOUT-PLAN.md',
      'docs%20%231/why%3F-ROLLOUT-PLAN.md',
    ]);
  });

  it('makes a relative path a relative reference against %SRCROOT%, and an absolute one a file: URI', () => {
    assert.deepEqual(artifactLocation('../other repo/x#1.md'), { uri: '../other%20repo/x%231.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/tmp/a b?.md'), { uri: 'file:///tmp/a%20b%3F.md' });
    assert.deepEqual(artifactLocation('C:/plans/é.md'), { uri: 'file:///C:/plans/%C3%A9.md' });
  });

  it('gives random URI-unsafe file names URIs that resolve to those files', async () => {
    const char = fc.constantFrom('a', 'Z', '0', ' ', '#', '?', '%', '%2e', '&', '=', '+', ';', ':', '@', '!', '$', "'", '(', ')', '*', ',', '[', ']', '{', '}', '^', '`', '~', '"', '<', '>', '\\', 'é', 'ß', '数', '😀', 'e\u0301');
    const name = fc.array(char, { minLength: 1, maxLength: 8 }).map((parts) => `${parts.join('')}-ROLLOUT-PLAN.md`);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), async (names) => {
        const folder = mkdtempSync(join(dir, 'run-'));
        for (const file of names) writeFileSync(join(folder, file), PLAN);
        const uris = await sarifUris(folder, '.');
        assert.equal(uris.length, names.length);
        for (const uri of uris) {
          assert.doesNotMatch(uri, /^[A-Za-z][A-Za-z0-9+.-]*:/, `${uri} reads as a URI with a scheme`);
          assert.ok(names.includes(resolvesTo(uri)), `${uri} resolves to ${resolvesTo(uri)}, not one of ${JSON.stringify(names)}`);
        }
      }),
      { numRuns: 60, seed: 20260311 },
    );
  });
});
