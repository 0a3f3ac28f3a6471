// Hovers in plans, computed in core: a wave reference or heading (status, progress, blockers), an
// agent name (its waves and tasks here), a section heading and a field label (what the template and
// the playbook ask for) — on the template, on filled plans and on broken ones.
import * as assert from 'node:assert/strict';
import { allQuotes } from '../../src/core/editor/guidance';
import { planHover } from '../../src/core/editor/hover';
import { PLAYBOOK_TEXT } from '../../src/core/playbook';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { cursor, edit, editorPlanOf, repoFile, textAt } from './editorSupport';

function hover(text: string, probe: string, nth = 0, roster?: Parameters<typeof editorPlanOf>[1]): { contents: string; covers: string } | undefined {
  const found = planHover(editorPlanOf(text, roster), cursor(text, probe, nth));
  return found && { contents: found.contents, covers: textAt(text, found.range) };
}

const TEMPLATE = DEFAULT_TEMPLATE_TEXT;
const WAVES = repoFile('test/fixtures/waves/HUBSPOT-ROLLOUT-PLAN.md');
const SLACK = repoFile('test/fixtures/plans/clean-slack.md');

describe('editor hover: waves', () => {
  it('shows a referenced wave\'s status, progress, agents, blockers and what it unblocks', () => {
    const found = hover(WAVES, '- Blocks/unblocks: unblocks Wa‸ve 2');
    assert.equal(found?.covers, 'Wave 2');
    assert.equal(
      found.contents,
      [
        '**Wave 2: API** — blocked',
        '',
        '0/2 tasks done · agents: `api-integration`',
        '',
        'Blocked by:',
        '- **Wave 1: Foundations** (3/5 done), by Blocks/unblocks',
        '',
        'Unblocks: **Wave 3: Admin UX**',
      ].join('\n'),
    );
  });

  it('says which waves the playbook\'s sequencing makes a wave wait for', () => {
    const text = edit(WAVES, '- Blocks/unblocks: blocked by Wave 2\n', '- Blocks/unblocks:\n');
    const found = hover(text, '### Wave 3: Ad‸min UX');
    assert.equal(found?.covers, 'Wave 3: Admin UX');
    assert.match(found.contents, /^\*\*Wave 3: Admin UX\*\* — blocked/);
    assert.match(found.contents, /Blocked by:\n- \*\*Wave 1: Foundations\*\* \(3\/5 done\), by the playbook's wave sequencing\n- \*\*Wave 2: API\*\* \(0\/2 done\), by Blocks\/unblocks$/);
  });

  it('shows a done wave, and the waits that are over', () => {
    const found = hover(SLACK, '- Blocks/unblocks: blocked by Wave 1; unblocks Wa‸ve 3');
    assert.match(found!.contents, /^\*\*Wave 3\*\* — done\n\n2\/2 tasks done · agents: `ui-ops`\n\nWaited for \(done\): \*\*Wave 1\*\*, \*\*Wave 2\*\*$/);
  });

  it('on the template, shows waves with no tasks yet', () => {
    const found = hover(TEMPLATE, '- Blocks/unblocks:‸', 0);
    assert.equal(found, undefined, 'an empty Blocks/unblocks names no wave');
    const heading = hover(TEMPLATE, '### Wa‸ve 2');
    assert.match(heading!.contents, /^\*\*Wave 2\*\* — not started\n\nno tasks yet$/);
  });

  it('in a broken plan, says a referenced wave does not exist and lists those that do', () => {
    const found = hover(repoFile('test/fixtures/waves/malformed.md'), '- Blocks/unblocks: ???, wave sequencing, Wave ‸9');
    assert.equal(found?.covers, 'Wave 9');
    assert.equal(found.contents, '**Wave 9** — no such wave in this plan.\n\nThe waves of this plan: Wave 2.');
  });
});

describe('editor hover: agents', () => {
  it('lists an agent\'s waves and tasks in this plan, and where the sequencing puts it', () => {
    const found = hover(WAVES, '- Agents: `schema-‸sync` + `analytics`');
    assert.equal(found?.covers, 'schema-sync');
    assert.equal(
      found.contents,
      [
        '`schema-sync` in this plan',
        '',
        '- **Wave 1: Foundations** — in progress; 3/5 of its tasks done (shared)',
        '  - ☑ Migrations for hubspot\\_sync\\_state and mappings',
        '  - ☑ Watermark and lease logic',
        '  - ☐ Deal\\-stage velocity algorithm',
        '  - ☑ Edge case: deals reopened after close',
        '  - ☐ Edge case: stage renamed in HubSpot',
        '',
        'Wave sequencing: starts first.',
      ].join('\n'),
    );
    assert.match(hover(WAVES, '- Agent: `ui-o‸ps`')!.contents, /Wave sequencing: stage 3, once `schema-sync`, `analytics`, `api-integration` are stable\./);
  });

  it('says when an agent is not in the roster', () => {
    const text = edit(WAVES, '- Agent: `ui-ops`', '- Agent: `ui-opz`');
    assert.match(hover(text, '- Agent: `ui-o‸pz`')!.contents, /Not in the roster \(`schema-sync`, `api-integration`, `analytics`, `ui-ops`\): add it to `agents` in `\.connector-playbook\.yaml`, or correct the name\./);
  });

  it('escapes markdown from the plan: a task cannot turn into a link or markup', () => {
    const text = edit(WAVES, '  - [ ] Mapping UI', '  - [ ] Mapping UI [click](command:workbench.action.quit) <img src=x onerror=alert(1)>');
    const contents = hover(text, '- Agent: `ui-o‸ps`')!.contents;
    assert.ok(contents.includes('\\[click\\]\\(command:workbench\\.action\\.quit\\) \\<img src=x onerror=alert\\(1\\)\\>'), contents);
  });
});

describe('editor hover: section headings and field labels', () => {
  it('on the template, a section heading shows what it asks for, the playbook\'s words, and that nothing is filled', () => {
    const found = hover(TEMPLATE, '## D) Mapping‸ Rules + Cardinality');
    assert.equal(found?.covers, '## D) Mapping Rules + Cardinality');
    assert.match(found.contents, /^\*\*D\\\) Mapping Rules \\\+ Cardinality\*\* — template section D\n\nThe mapping design matrix/);
    assert.match(found.contents, /> Use DB constraints for invariants that must never drift \(true 1:1\)\. — \*playbook §3 Mapping Design Matrix\*/);
    assert.match(found.contents, /- a table: Mapping Purpose \| source \| External ID \| Internal Entity \| Cardinality \| Enforced In\n- the fields onConflict strategy, Required metadata per mapping/);
    assert.match(found.contents, /In this plan: 0 of 2 fields filled · 3 mapping rows · 15 placeholders left$/);
  });

  it('section E and F list their subheadings and fields; F the wave sequencing; I the checklist', () => {
    const e = hover(TEMPLATE, '## E) Delivery‸ Phases')!.contents;
    assert.match(e, /- Phase 1: Connection \\\+ Mapping, Phase 2: Sync Engine, Phase 3: Analytics, Phase 4: Operational Readiness, each with Scope, Deliverables, Validation tests/);
    const f = hover(WAVES, '## F) Agent‸-Team Plan')!.contents;
    assert.match(f, /each with Agent, Tasks, Blocks\/unblocks/);
    assert.match(f, /Wave sequencing: 1\. `schema-sync` \+ `analytics` → 2\. `api-integration` → 3\. `ui-ops`/);
    assert.match(f, /In this plan: 3 waves, 3\/9 tasks done, 2 blocked$/);
    const i = hover(SLACK, '## I) Operational‸ Go/No-Go')!.contents;
    assert.match(i, /- a checklist of 5 items: Auth and connection test pass; /);
    assert.match(i, /In this plan: 5\/5 go\/no-go items checked$/);
  });

  it('a field label shows the template\'s line, its options, the playbook\'s words and what is left to do', () => {
    const hubspot = repoFile('examples/src/docs/HUBSPOT-ROLLOUT-PLAN.md');
    const found = hover(hubspot, '- Data pull‸ mode: incremental / snapshot / hybrid');
    assert.equal(found?.covers, 'Data pull mode');
    assert.equal(
      found.contents,
      [
        '**Data pull mode** — B\\) Source Model',
        '',
        'How data is pulled: one of the template\'s options.',
        '',
        'The template: `- Data pull mode: incremental / snapshot / hybrid`',
        '',
        'One of: `incremental`, `snapshot`, `hybrid`',
        '',
        '> Pull style: {incremental, full snapshot, hybrid} — *playbook §2 Connector Kickoff Template*',
        '',
        'Still the template\'s option list: keep one.',
      ].join('\n'),
    );
    assert.match(hover(hubspot, '- Authentication‸ model:')!.contents, /Still empty\.$/);
    assert.match(hover(hubspot, '- Link‸ 3: {external field}')!.contents, /Linking point 1: \{external field\} -> \{internal entity \+ key\}[^]*Still holds a template placeholder\.$/);
    assert.doesNotMatch(hover(SLACK, '- Data pull‸ mode: incremental')!.contents, /Still/);
  });

  it('a wave field (Agents, written with an s) reads as the template\'s Agent', () => {
    const found = hover(WAVES, '- Agent‸s: `schema-sync` + `analytics`');
    assert.match(found!.contents, /^\*\*Agents\*\* — F\\\) Agent\\-Team Plan\n\nThe agents of this wave, from the roster/);
    assert.match(found!.contents, /The template: `- Agent:`/);
  });

  it('in a broken plan: a sub-heading that is not a section and a label the template lacks show nothing', () => {
    const broken = repoFile('test/fixtures/edge/sections-missing.md');
    assert.equal(hover(broken, '## Appendix: not‸ a section'), undefined);
    assert.equal(hover(edit(SLACK, '- Risk 3:', '- Budget owner: finance\n- Risk 3:'), '- Budget‸ owner: finance'), undefined);
    assert.equal(hover(SLACK, 'account managers answer partner‸ questions'), undefined);
    // A section whose fields are missing says so.
    assert.match(hover(broken, '## E) Delivery‸ Phases')!.contents, /In this plan: nothing yet$/);
  });
});

describe('editor hover: the playbook\'s words', () => {
  it('quotes the playbook word for word', () => {
    const quotes = allQuotes();
    assert.ok(quotes.length > 20);
    for (const quote of quotes) assert.ok(PLAYBOOK_TEXT.includes(quote.text), `the playbook does not say: ${quote.text}`);
    for (const section of new Set(quotes.map((q) => q.section))) {
      const heading = section.replace(/^§(\d) /, '## $1. ');
      assert.ok(PLAYBOOK_TEXT.includes(heading), `the playbook has no section ${heading}`);
    }
  });
});
