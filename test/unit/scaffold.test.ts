import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import {
  checkConnectorName,
  connectorFileStem,
  fastStartPrompt,
  fastStartPromptTemplate,
  isInsideFolder,
  isSafeRelativeFolder,
  MAX_CONNECTOR_NAME_LENGTH,
  normalizePosixPath,
  planFileName,
  scaffoldPlan,
  ScaffoldAnswersSchema,
  splitLinks,
} from '../../src/core/scaffold';
import type { ScaffoldAnswers } from '../../src/core/scaffold';

const templateText = readFileSync(join(__dirname, '../../templates/rollout-plan.md'), 'utf8');
const playbookText = readFileSync(join(__dirname, '../../templates/connector-playbook.md'), 'utf8');
const created = '2025-03-04';

const fullAnswers: ScaffoldAnswers = {
  name: 'Acme CRM',
  system: 'HubSpot',
  auth: 'OAuth',
  pull: 'incremental',
  links: 'contact.email -> staff.email; company.domain; owner.id -> partners.id; deal.id -> deals.id',
  cardinality: '1:1',
  scale: '50k contacts, 2k companies',
  firstPhase: 'sync',
};

/** The line of the plan that starts with a given text. */
function lineStarting(text: string, start: string): number {
  const index = text.split('\n').findIndex((l) => l.startsWith(start));
  assert.ok(index >= 0, `no line starts with ${JSON.stringify(start)}`);
  return index;
}

describe('scaffold: connector name → file name', () => {
  const cases: [string, string][] = [
    ['HubSpot', 'HUBSPOT-ROLLOUT-PLAN.md'],
    ['Google Drive', 'GOOGLE-DRIVE-ROLLOUT-PLAN.md'],
    ['  close.io  ', 'CLOSE-IO-ROLLOUT-PLAN.md'],
    ['Acme -- CRM (v2)!', 'ACME-CRM-V2-ROLLOUT-PLAN.md'],
    ['--slack--', 'SLACK-ROLLOUT-PLAN.md'],
    ['Zoë', 'ZOË-ROLLOUT-PLAN.md'],
    ['CON', 'CON-ROLLOUT-PLAN.md'],
    ['Acme.', 'ACME-ROLLOUT-PLAN.md'],
    ['%2e%2e', '2E-2E-ROLLOUT-PLAN.md'],
  ];
  for (const [name, fileName] of cases) {
    it(`${JSON.stringify(name)} → ${fileName}`, () => {
      assert.equal(planFileName(name).fileName, fileName);
    });
  }

  it('upper-cases and turns every run of other characters into one "-"', () => {
    assert.equal(connectorFileStem('a_b  c/./d'), 'A-B-C-D');
  });

  it('gives every accepted name a file name of letters, digits and "-" only', () => {
    for (const name of ['x', 'Close', 'Ünïcode Sync', '日本 コネクタ', 'a'.repeat(MAX_CONNECTOR_NAME_LENGTH), 'CON', 'NUL.', 'x.', '%2e%2e']) {
      const { fileName } = planFileName(name);
      assert.ok(fileName, name);
      assert.match(fileName, /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*-ROLLOUT-PLAN\.md$/u, name);
    }
  });
});

describe('scaffold: names that must not leave the docs folder', () => {
  const refused: [string, RegExp][] = [
    ['', /Enter the connector name/],
    ['   ', /Enter the connector name/],
    ['../x', /cannot contain \/ or \\/],
    ['..\\x', /cannot contain \/ or \\/],
    ['/etc/passwd', /cannot contain \/ or \\/],
    ['C:\\Windows\\x', /cannot contain \/ or \\/],
    ['\\\\server\\share', /cannot contain \/ or \\/],
    ['a\0b', /control characters/],
    ['line\nbreak', /control characters/],
    ['.', /at least one letter or digit/],
    ['..', /at least one letter or digit/],
    ['....', /at least one letter or digit/],
    ['-_-', /at least one letter or digit/],
    ['x'.repeat(300), /too long/],
    ['x'.repeat(MAX_CONNECTOR_NAME_LENGTH + 1), /too long/],
  ];
  for (const [name, message] of refused) {
    it(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…(${name.length})` : name)} with a clear message`, () => {
      const result = planFileName(name);
      assert.equal(result.fileName, undefined);
      assert.match(result.error ?? '', message);
      assert.equal(checkConnectorName(name), result.error);
      assert.throws(() => scaffoldPlan({ name }, { created }), message);
    });
  }

  it('keeps every file name it gives inside the docs folder once resolved', () => {
    const docs = '/work/ws/src/docs';
    const attempts = ['../x', '..\\x', '/abs', '%2e%2e', '%2e%2e%2f', 'a\0', 'CON', 'x.', '', '...', 'y'.repeat(300), '..%2f..%2fetc', 'ok'];
    for (const name of attempts) {
      const { fileName } = planFileName(name);
      if (fileName === undefined) continue;
      assert.ok(isInsideFolder(docs, `${docs}/${fileName}`), name);
      assert.equal(normalizePosixPath(`${docs}/${fileName}`), `${docs}/${fileName}`, name);
    }
  });

  it('resolves ".." before deciding whether a path is inside a folder', () => {
    assert.equal(isInsideFolder('/ws/src/docs', '/ws/src/docs/A-ROLLOUT-PLAN.md'), true);
    assert.equal(isInsideFolder('/ws/src/docs', '/ws/src/docs/../A-ROLLOUT-PLAN.md'), false);
    assert.equal(isInsideFolder('/ws/src/docs', '/ws/src/docs/x/../../docs/A.md'), true);
    assert.equal(isInsideFolder('/ws/src/docs', '/ws/src/docsX/A.md'), false);
    assert.equal(isInsideFolder('/ws/src/docs', '/ws/src/docs'), false);
    assert.equal(isInsideFolder('/ws/src/docs/', '/ws/src/docs/A.md'), true);
    assert.equal(normalizePosixPath('/a/./b/../../..'), '/');
  });

  it('tells a docs folder that stays in the workspace from one that leaves it', () => {
    for (const ok of ['src/docs', 'docs', './docs', 'a/../docs', '/docs', '']) assert.equal(isSafeRelativeFolder(ok), true, ok);
    for (const bad of ['..', '../docs', 'src/../../docs', '..\\docs', 'C:\\docs', 'a\0b']) assert.equal(isSafeRelativeFolder(bad), false, bad);
  });
});

describe('scaffold: filling the template', () => {
  it('adds front matter: kind, status draft, connector, created', () => {
    const { text } = scaffoldPlan({ name: 'Acme CRM' }, { created });
    assert.ok(text.startsWith('---\nkind: connector-rollout-plan\nstatus: draft\nconnector: Acme CRM\ncreated: 2025-03-04\n---\n\n# Acme CRM Connector Rollout Plan\n'), text.slice(0, 200));
    const model = parsePlan(text);
    assert.equal(model.frontMatter?.kind, 'connector-rollout-plan');
    assert.equal(model.frontMatter?.status, 'draft');
    assert.deepEqual(model.frontMatter?.data, { kind: 'connector-rollout-plan', status: 'draft', connector: 'Acme CRM', created });
  });

  it('quotes a connector name that YAML would read as something else', () => {
    for (const name of ['true', 'null', '123', 'a: b', '- x', '#hash', "O'Brien \"CRM\"", '{x}']) {
      const model = parsePlan(scaffoldPlan({ name }, { created }).text);
      assert.equal(model.frontMatter?.error, undefined, name);
      assert.equal(model.frontMatter?.data?.connector, name, name);
    }
  });

  it('with only a name, changes nothing but the title, the front matter, and what the playbook fills in E and F', () => {
    const { text, fileName } = scaffoldPlan({ name: 'Slack' }, { created });
    assert.equal(fileName, 'SLACK-ROLLOUT-PLAN.md');
    const body = text.slice(text.indexOf('\n---\n\n') + 6);
    const template = templateText.replace('{ConnectorName}', 'Slack');
    const outsideEAndF = (t: string) => [t.slice(0, t.indexOf('## E)')), t.slice(t.indexOf('## G)'))];
    assert.deepEqual(outsideEAndF(body), outsideEAndF(template));
    assert.notEqual(body, template);
  });

  it('fills every answer into its field and keeps every other placeholder', () => {
    const { text } = scaffoldPlan(fullAnswers, { created });
    const lines = text.split('\n');
    assert.equal(lines[lineStarting(text, '# ')], '# Acme CRM Connector Rollout Plan');
    assert.equal(lines[lineStarting(text, '- External system:')], '- External system: HubSpot');
    assert.equal(lines[lineStarting(text, '- Authentication model:')], '- Authentication model: OAuth');
    assert.equal(lines[lineStarting(text, '- Data pull mode:')], '- Data pull mode: incremental');
    assert.equal(lines[lineStarting(text, '- Data pull mode:') + 1], '- Scale expectations: 50k contacts, 2k companies');
    assert.equal(lines[lineStarting(text, '- Plan/tier constraints:')], '- Plan/tier constraints:');
    assert.deepEqual(lines.slice(lineStarting(text, '- Link 1:'), lineStarting(text, '- Link 1:') + 5), [
      '- Link 1: contact.email -> staff.email',
      '- Link 2: company.domain -> {internal entity + key}',
      '- Link 3: owner.id -> partners.id',
      '- Link 4: deal.id -> deals.id',
      '',
    ]);
    assert.deepEqual(
      lines.filter((l) => /^\| (Primary|Secondary|Tertiary) /.test(l)),
      [
        '| Primary | {source_a} | {id} | {entity} | 1:1 | {DB/app} |',
        '| Secondary | {source_b} | {id} | {entity} | 1:1 | {DB/app} |',
        '| Tertiary | {source_c} | {id} | {entity} | 1:1 | {DB/app} |',
      ],
    );
    const e = lineStarting(text, '## E)');
    assert.deepEqual(lines.slice(e, e + 5), ['## E) Delivery Phases', '', '- First-phase priority: sync', '', '### Phase 1: Connection + Mapping']);
    // Everything the author still has to write is still there, word for word.
    for (const kept of ['- Why this connector exists:', '- onConflict strategy:', '- Required metadata per mapping:', '### Wave 3', '- [ ] Auth and connection test pass', '- Assumptions made:']) {
      assert.ok(lines.includes(kept), kept);
    }
  });

  it('fills several cardinalities into the rows in order, normalised', () => {
    const { text } = scaffoldPlan({ name: 'X', cardinality: 'one-to-one, 1 : n' }, { created });
    const cells = text.split('\n').filter((l) => /^\| (Primary|Secondary|Tertiary) /.test(l)).map((l) => l.split('|')[5]!.trim());
    assert.deepEqual(cells, ['1:1', '1:N', '{1:1/1:N}']);
  });

  it('writes a cardinality expectation that is not 1:1 or 1:N as a note in section D, not into the table', () => {
    const { text } = scaffoldPlan({ name: 'X', cardinality: 'mostly 1:N, users 1:1' }, { created });
    const lines = text.split('\n');
    const note = lineStarting(text, '- Cardinality expectations:');
    assert.equal(lines[note], '- Cardinality expectations: mostly 1:N, users 1:1');
    assert.equal(lines[note + 1], '- onConflict strategy:');
    assert.equal(lines.filter((l) => l.includes('{1:1/1:N}')).length, 3);
    const model = parsePlan(text);
    assert.equal(model.fields.find((f) => f.label === 'Cardinality expectations')?.sectionKey, 'D');
  });

  it('escapes braces, backslashes and pipes so an answer never becomes a placeholder or a cell', () => {
    const { text } = scaffoldPlan({ name: 'Weird {Name}', system: 'Sys {v2}', auth: 'a\\{b}', links: 'x|y -> {z}', cardinality: 'it {depends}' }, { created });
    const findings = lintPlan(parsePlan(text));
    for (const f of findings.filter((f) => f.rule === 'placeholder')) {
      assert.ok(!['{Name}', '{v2}', '{b}', '{z}', '{depends}', '{b\\}'].includes(String((f.data as { placeholder?: string } | undefined)?.placeholder)), JSON.stringify(f));
    }
    assert.ok(text.includes('# Weird \\{Name\\} Connector Rollout Plan'));
    assert.ok(text.includes('- External system: Sys \\{v2\\}'));
    assert.ok(text.includes('- Authentication model: a\\\\\\{b\\}'));
  });

  it('flattens answers to one line', () => {
    const { text } = scaffoldPlan({ name: 'X', system: 'Hub\nSpot\r\n\t!', scale: '  ' }, { created });
    assert.ok(text.includes('- External system: Hub Spot !\n'));
    assert.ok(!text.includes('Scale expectations'));
  });

  it('keeps CRLF line breaks of a CRLF template', () => {
    const crlf = templateText.replace(/\n/g, '\r\n');
    const { text } = scaffoldPlan({ ...fullAnswers }, { created, templateText: crlf });
    assert.ok(!/[^\r]\n/.test(text), 'a bare LF was written');
    assert.equal(text.replace(/\r\n/g, '\n'), scaffoldPlan(fullAnswers, { created }).text);
  });

  it('fills a workspace template written like the playbook kickoff template (§2), whose labels differ', () => {
    const kickoff = /```md\n([\s\S]*?)\n```/.exec(playbookText)![1]! + '\n';
    const { text } = scaffoldPlan({ name: 'Notion', system: 'Notion', auth: 'OAuth', pull: 'snapshot', links: ['page.id -> docs.id'], cardinality: '1:N', scale: '10k pages', firstPhase: 'mapping' }, { created, templateText: kickoff });
    assert.ok(text.includes('# Notion Connector Rollout Plan'));
    assert.ok(text.includes('- External system: Notion\n'));
    assert.ok(text.includes('- Auth model: OAuth\n'));
    assert.ok(text.includes('- Pull style: snapshot\n'));
    assert.ok(text.includes('- Linking point 1: page.id -> docs.id\n'));
    assert.ok(text.includes('- Linking point 2: {external field} -> {internal entity + key}\n'));
    assert.ok(text.includes('- Cardinality expectations: 1:N'), 'no table: the cardinality is a note');
    assert.ok(text.includes('- Scale expectations: 10k pages'));
    assert.ok(text.includes('- First-phase priority: mapping'));
  });

  it("keeps a workspace template's own front matter and sets ours in it", () => {
    const withFm = `---\nowner: data-team # who owns plans\nstatus: wip\n---\n${templateText}`;
    const { text } = scaffoldPlan({ name: 'Close' }, { created, templateText: withFm });
    const model = parsePlan(text);
    assert.deepEqual(model.frontMatter?.data, { owner: 'data-team', status: 'draft', kind: 'connector-rollout-plan', connector: 'Close', created });
    assert.ok(text.includes('# who owns plans'));
    assert.equal(text.match(/^---$/gm)?.length, 2);
  });

  it('accepts the answers object of the programmatic command and refuses unknown keys', () => {
    assert.equal(ScaffoldAnswersSchema.safeParse(fullAnswers).success, true);
    assert.equal(ScaffoldAnswersSchema.safeParse({ name: 'x', links: ['a', 'b'] }).success, true);
    assert.equal(ScaffoldAnswersSchema.safeParse({ name: 'x', sytem: 'typo' }).success, false);
    assert.equal(ScaffoldAnswersSchema.safeParse({ system: 'x' }).success, false);
    assert.equal(ScaffoldAnswersSchema.safeParse({ name: 3 }).success, false);
  });

  it('splits linking points on ";" or new lines, else on ","', () => {
    assert.deepEqual(splitLinks('a -> b; c, d -> e\n f '), ['a -> b', 'c, d -> e', 'f']);
    assert.deepEqual(splitLinks('a -> b, c -> d'), ['a -> b', 'c -> d']);
    assert.deepEqual(splitLinks(['  x ', '', 'y']), ['x', 'y']);
    assert.deepEqual(splitLinks(' ; ;'), []);
  });
});

describe('scaffold: a fresh plan lints clean of everything but what the author must fill', () => {
  const answerSets: [string, ScaffoldAnswers][] = [
    ['only a name', { name: 'Slack' }],
    ['every answer', fullAnswers],
    ['a cardinality note', { ...fullAnswers, cardinality: 'depends on the workspace' }],
    ['free-text answers', { name: 'In-house ERP', system: 'SAP (on-prem)', auth: 'mTLS client cert', pull: 'nightly CDC export', links: ['a'], firstPhase: 'mapping then sync' }],
  ];
  for (const [title, answers] of answerSets) {
    it(`${title}: no missing-section, and every finding points at a field still to fill`, () => {
      const { text } = scaffoldPlan(answers, { created });
      const model = parsePlan(text);
      const findings = lintPlan(model);
      assert.deepEqual(findings.filter((f) => f.rule === 'missing-section'), []);
      const lines = text.split('\n');
      const answered = new Set(
        [answers.system, answers.auth, answers.pull, answers.scale, answers.firstPhase, answers.cardinality].filter((a): a is string => !!a),
      );
      for (const finding of findings) {
        assert.ok(['placeholder', 'empty-field', 'go-no-go-unchecked'].includes(finding.rule), `${finding.rule}: ${finding.message}`);
        const line = lines[finding.range.start.line]!;
        const at = line.slice(finding.range.start.character, finding.range.end.character);
        if (finding.rule === 'placeholder') {
          // A placeholder is the template's own, never text the author typed.
          assert.match(at, /^\{[^{}]+\}$/);
          assert.ok(templateText.includes(at), at);
        } else if (finding.rule === 'empty-field') {
          // An empty field is one of the template's, still empty or still its option list.
          assert.match(line, /^\s*- [^:]+:( incremental \/ snapshot \/ hybrid)?$/, line);
          assert.ok(templateText.split('\n').includes(line), line);
        } else {
          assert.equal(model.tasks.find((t) => t.line === finding.range.start.line)?.sectionKey, 'I');
        }
        // No finding covers text that was answered.
        for (const answer of answered) {
          for (let i = line.indexOf(answer); i >= 0; i = line.indexOf(answer, i + 1)) {
            const overlaps = i < finding.range.end.character && i + answer.length > finding.range.start.character;
            assert.ok(!overlaps, `${finding.rule} covers the answer ${answer} in ${line}`);
          }
        }
      }
    });
  }

  it('leaves exactly the template findings that were not answered', () => {
    const before = lintPlan(parsePlan(templateText));
    const after = lintPlan(parsePlan(scaffoldPlan(fullAnswers, { created }).text));
    // Answered: title, system, auth, pull; 5 of 6 link placeholders; 3 cardinality cells. The
    // playbook fills the 4 Deliverables and the 3 template waves' 9 fields.
    assert.equal(before.length - after.length, 1 + 3 + 5 + 3 + 4 + 9);
  });
});

describe('scaffold: fast-start prompt (playbook §7)', () => {
  it('reads the prompt from the shipped playbook', () => {
    const prompt = fastStartPromptTemplate(playbookText);
    assert.ok(prompt.startsWith('Use `src/docs/CONNECTOR-PLAYBOOK.md`'));
    assert.ok(prompt.includes('- First phase priority: {mapping vs sync vs analytics}'));
    assert.ok(prompt.endsWith('4) top risks and required validation gates.'));
  });

  it('fills the context from a scaffolded plan', () => {
    const model = parsePlan(scaffoldPlan(fullAnswers, { created }).text);
    const prompt = fastStartPrompt(model);
    assert.ok(prompt.includes('Create `src/docs/ACME-CRM-ROLLOUT-PLAN.md` using the kickoff template.'));
    assert.ok(prompt.includes('- Business goal: {goal}\n'), 'an unfilled goal stays a placeholder');
    assert.ok(prompt.includes('- External system: HubSpot\n- Auth model: OAuth\n- Pull style: incremental\n'));
    assert.ok(prompt.includes('- Linking points: contact.email -> staff.email; company.domain -> {internal entity + key}; owner.id -> partners.id; deal.id -> deals.id\n'));
    assert.ok(prompt.includes('- Cardinality expectations: 1:1\n'));
    assert.ok(prompt.includes('- Scale expectations: 50k contacts, 2k companies\n'));
    assert.ok(prompt.includes('- First phase priority: sync\n'));
  });

  it('fills what the author wrote later, and uses the workspace docs folder', () => {
    const text = scaffoldPlan({ name: 'Close', cardinality: '1:1, 1:N' }, { created }).text
      .replace('- Why this connector exists:', '- Why this connector exists: see which leads \\{really\\} convert')
      .replace('- Data pull mode: incremental / snapshot / hybrid', '- Data pull mode: incremental / snapshot / hybrid');
    const prompt = fastStartPrompt(parsePlan(text), { docsFolder: 'docs/plans/' });
    assert.ok(prompt.includes('- Business goal: see which leads {really} convert\n'));
    assert.ok(prompt.includes('Use `docs/plans/CONNECTOR-PLAYBOOK.md` and `docs/plans/CONNECTOR-GUIDE.md`.'));
    assert.ok(prompt.includes('Create `docs/plans/CLOSE-ROLLOUT-PLAN.md`'));
    assert.ok(prompt.includes('- Cardinality expectations: Primary 1:1, Secondary 1:N\n'));
    assert.ok(!prompt.includes('Pull style'), 'the option list is not an answer');
    assert.ok(prompt.includes('- Linking points: {list}\n'));
  });

  it('takes the connector from the title when there is no front matter', () => {
    const prompt = fastStartPrompt(parsePlan(templateText.replace('{ConnectorName}', 'Google Drive')));
    assert.ok(prompt.includes('`src/docs/GOOGLE-DRIVE-ROLLOUT-PLAN.md`'));
    const untouched = fastStartPrompt(parsePlan(templateText));
    assert.equal(untouched, fastStartPromptTemplate(playbookText));
  });
});
