// The identity graph of sections C and D: the entity a link or a row names, the graph on filled,
// partial and empty sections, the rule identity-unmapped with exact places, the layout and the SVG.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { buildIdentityGraph, identitySvgTree, layoutIdentityGraph, readEntityRef, readIdentityGraph, readIdentityLinks, readIdentityMappings, renderIdentitySvg, SVG_ATTRIBUTES, SVG_TAGS } from '../../src/core/identity';
import type { IdentityGraph, SvgElement } from '../../src/core/identity';
import { lintPlan } from '../../src/core/lint';
import { parsePlan } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { lintText, REPO_DIR } from '../fixtures/lintFixtures';

const example = (path: string) => readFileSync(join(REPO_DIR, 'examples', path), 'utf8');
const graphOf = (text: string) => readIdentityGraph(parsePlan(text));
const XSS = '<img src=x onerror=alert(1)>';

/** A plan of sections C and D only (line 1 is the title). */
function plan(links: string[], rows: string[] | undefined): string {
  const d = rows === undefined ? ['## D) Mapping Rules + Cardinality', '- onConflict strategy: upsert'] : [
    '## D) Mapping Rules + Cardinality',
    '| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
  return ['# Acme Connector Rollout Plan', '', '## C) Linking Points (Identity Graph)', ...links, '', ...d, ''].join('\n');
}

/** The graph in a line per edge: `external -> entity: label [gap] [rule]`. */
function edges(graph: IdentityGraph): string[] {
  const name = (id: string) => [...graph.externals, ...graph.entities].find((n) => n.id === id)!.label;
  return graph.edges.map((e) => `${name(e.from)} -> ${name(e.to)}: ${e.label}${e.gap ? ` [${e.gap}]` : ''}${e.ruleOfThumb ? ' [rule of thumb]' : ''}`);
}

describe('identity: the entity a link or a row names', () => {
  it('reads entity and key from a code span, a dotted name or a word, with offsets into the text', () => {
    const cases: [string, string, string | undefined, string][] = [
      ['`staff.email` (unique per tenant)', 'staff', 'email', 'staff.email'],
      ['`accounts.id` via the account\'s channel setting', 'accounts', 'id', 'accounts.id'],
      ['`staff`', 'staff', undefined, 'staff'],
      ['the Staff table', 'staff', undefined, 'Staff'],
      ['accounts.domain (lower-cased, `www.` stripped)', 'accounts', 'domain', 'accounts.domain'],
      ['tenants.settings.slack_team', 'tenants', 'settings.slack_team', 'tenants.settings.slack_team'],
      ['Überweisung.id', 'überweisung', 'id', 'Überweisung.id'],
    ];
    for (const [text, entity, key, written] of cases) {
      const ref = readEntityRef(text);
      assert.ok(ref, text);
      assert.deepEqual([ref.entity, ref.key, text.slice(ref.start, ref.end)], [entity, key, written], text);
    }
  });

  it('reads nothing from a placeholder or an empty side', () => {
    assert.equal(readEntityRef('{internal entity + key}'), undefined);
    assert.equal(readEntityRef('`{entity}`'), undefined);
    assert.equal(readEntityRef(''), undefined);
    assert.equal(readEntityRef('  '), undefined);
  });

  it('reads section C\'s links with where their entity is written, and which are still placeholders', () => {
    const text = plan(['- Link 1: Slack user `profile.email` -> `staff.email`', '- Link 2: {external field} -> {internal entity + key}', '- Link 3: team ID → tenants.id'], []);
    const links = readIdentityLinks(parsePlan(text));
    assert.deepEqual(links.map((l) => [l.label, l.line, l.external, l.internal, l.ref?.entity, l.filled]), [
      ['Link 1', 3, 'Slack user profile.email', 'staff.email', 'staff', true],
      ['Link 2', 4, '', '', undefined, false],
      ['Link 3', 5, 'team ID', 'tenants.id', 'tenants', true],
    ]);
    const lines = text.split('\n');
    assert.equal(lines[3]!.slice(links[0]!.refRange!.start.character, links[0]!.refRange!.end.character), 'staff.email');
    assert.equal(lines[5]!.slice(links[2]!.refRange!.start.character, links[2]!.refRange!.end.character), 'tenants.id');
  });

  it('reads section D\'s rows: entity, cardinality, enforcement and the rule of thumb', () => {
    const rows = readIdentityMappings(parsePlan(plan([], [
      '| Rep | `close_user` | user ID | `staff` | 1:1 | DB partial unique |',
      '| Deal | `deal` | deal ID | renewals | one-to-one | app |',
      '| Primary | {source_a} | {id} | {entity} | {1:1/1:N} | {DB/app} |',
    ])))!;
    assert.deepEqual(rows.map((r) => [r.line, r.source, r.ref?.entity, r.cardinality, r.enforcedIn, r.ruleOfThumb, r.filled]), [
      [7, 'close_user', 'staff', '1:1', 'DB partial unique', false, true],
      [8, 'deal', 'renewals', '1:1', 'app', true, true],
      [9, '', undefined, undefined, '', false, false],
    ]);
    assert.equal(readIdentityMappings(parsePlan(plan([], undefined))), undefined, 'no table, no rows');
  });
});

describe('identity: the graph', () => {
  it('filled C and D (Slack): one edge per link, labelled with the row\'s cardinality and enforcement, nothing marked', () => {
    const graph = graphOf(example('src/docs/SLACK-ROLLOUT-PLAN.md'));
    assert.deepEqual(edges(graph), [
      'Slack user profile.email -> staff: 1:1 · DB partial unique index',
      'Slack channel ID -> accounts: 1:N · app',
      'Slack team ID -> tenants: 1:N · app (mapping service)',
    ]);
    assert.deepEqual(graph.entities.map((e) => [e.label, e.keys, e.unmapped]), [['staff', ['email'], false], ['accounts', ['id'], false], ['tenants', ['id'], false]]);
    assert.deepEqual(graph.externals.map((e) => [e.detail, e.line, e.unmapped]), [['Link 1', 19, false], ['Link 2', 20, false], ['Link 3', 21, false]]);
    assert.deepEqual([graph.links, graph.rows, graph.gaps, graph.ruleOfThumbBreaks, graph.unfilledLinks, graph.unfilledRows], [3, 3, 0, 0, 0, 0]);
  });

  it('partial C and D (HubSpot): a row no link names is a gap from its own source, a 1:1 kept in the app breaks the rule of thumb, placeholders are left out', () => {
    const graph = graphOf(example('src/docs/HUBSPOT-ROLLOUT-PLAN.md'));
    assert.deepEqual(edges(graph), [
      'owner email -> staff: 1:1 · DB partial unique',
      'company domain -> accounts: 1:N · app',
      'hubspot_deal · deal ID -> renewals: 1:1 · app [no-link] [rule of thumb]',
    ]);
    assert.deepEqual(graph.externals.filter((e) => e.unmapped).map((e) => [e.label, e.detail, e.origin]), [['hubspot_deal · deal ID', 'D: Renewal deal', 'row']]);
    assert.deepEqual(graph.entities.filter((e) => e.unmapped).map((e) => [e.label, e.linked, e.mapped]), [['renewals', false, true]]);
    // Link 3 is all placeholders; the Contact row names no entity yet ({entity}) and is not drawn.
    assert.deepEqual([graph.links, graph.rows, graph.unfilledLinks, graph.unfilledRows, graph.gaps, graph.ruleOfThumbBreaks], [2, 4, 1, 0, 1, 1]);
  });

  it('a link whose entity no row maps is a gap "no row in D"; two rows for one entity are two edges', () => {
    const graph = graphOf(plan(['- Link 1: owner email -> staff.email', '- Link 2: company domain -> `accounts.domain`'], [
      '| Owner | hs_owner | owner ID | staff | 1:1 | DB unique |',
      '| Owner (legacy) | hs_user | user ID | Staff | 1:N | app |',
    ]));
    assert.deepEqual(edges(graph), [
      'owner email -> staff: 1:1 · DB unique',
      'owner email -> staff: 1:N · app',
      'company domain -> accounts: no row in D [no-row]',
    ]);
    assert.deepEqual(graph.entities.map((e) => [e.label, e.linked, e.mapped, e.unmapped]), [['staff', true, true, false], ['accounts', true, false, true]]);
    assert.deepEqual(graph.externals.map((e) => [e.label, e.unmapped]), [['owner email', false], ['company domain', true]]);
  });

  it('empty C and D (the template as it ships, and a plan without either section): no node, no edge', () => {
    for (const text of [DEFAULT_TEMPLATE_TEXT, '# Acme Connector Rollout Plan\n\nNothing yet.\n']) {
      const graph = graphOf(text);
      assert.deepEqual([graph.externals, graph.entities, graph.edges, graph.links, graph.rows], [[], [], [], 0, 0]);
    }
    const template = graphOf(DEFAULT_TEMPLATE_TEXT);
    assert.deepEqual([template.unfilledLinks, template.unfilledRows, template.hasMatrix], [3, 3, true]);
    const layout = layoutIdentityGraph(template);
    assert.equal(layout.empty, true);
    assert.deepEqual(layout.notes.map((n) => n.text), [
      'No links in section C and no rows in section D yet: nothing to draw.',
      '3 links in section C still hold only placeholders (not drawn).',
      '3 rows in section D still hold only placeholders (not drawn).',
    ]);
  });

  it('is plain data: structuredClone and JSON keep all of it', () => {
    const graph = graphOf(example('src/docs/HUBSPOT-ROLLOUT-PLAN.md'));
    assert.deepEqual(structuredClone(graph), graph);
    assert.deepEqual(JSON.parse(JSON.stringify(graph)), graph);
    assert.deepEqual(buildIdentityGraph([], undefined).edges, []);
  });
});

describe('identity: rule identity-unmapped', () => {
  const only = ['identity-unmapped'] as const;

  it('flags a link whose entity no row maps, on the entity in the link, and a row whose entity no link names, on its cell', () => {
    const text = plan(['- Link 1: owner `email` -> `staff.email`', '- Link 2: company domain -> accounts.domain (lower-cased)'], [
      '| Owner | hs_owner | owner ID | `staff` | 1:1 | DB unique |',
      '| Renewal | hs_deal | deal ID | renewals | 1:N | app |',
    ]);
    assert.deepEqual(lintText(text, {}, only), ['5:29-5:44 warning identity-unmapped', '11:33-11:41 warning identity-unmapped']);
    const lines = text.split('\n');
    assert.equal(lines[4]!.slice(28, 43), 'accounts.domain');
    assert.equal(lines[10]!.slice(32, 40), 'renewals');
  });

  it('says which link and which entity', () => {
    const text = plan(['- Link 2: company domain -> accounts.domain'], ['| Renewal | hs_deal | deal ID | renewals | 1:N | app |']);
    const parsed = parsePlan(text);
    const messages = lintPlan(parsed).filter((f) => f.rule === 'identity-unmapped').map((f) => f.message);
    assert.deepEqual(messages, [
      'Link 2 links to "accounts", but no row of section D maps it.',
      'No link in section C names "renewals": add a link to it, or correct the entity\'s name.',
    ]);
  });

  it('compares entities without regard to case or key, in code spans or not', () => {
    const text = plan(['- Link 1: user email -> `Staff.email`', '- Link 2: org -> tenants'], ['| A | s | id | staff.id | 1:1 | DB unique |', '| B | t | id | `TENANTS` | 1:1 | DB unique |']);
    assert.deepEqual(lintText(text, {}, only), []);
  });

  it('leaves an unfilled side to its placeholders: no finding while C or D is still the template', () => {
    // D all placeholders: the links are not compared.
    assert.deepEqual(lintText(plan(['- Link 1: owner email -> staff.email'], ['| Primary | {source_a} | {id} | {entity} | {1:1/1:N} | {DB/app} |']), {}, only), []);
    // C all placeholders: the rows are not compared.
    assert.deepEqual(lintText(plan(['- Link 1: {external field} -> {internal entity + key}'], ['| Rep | u | id | staff | 1:1 | DB unique |']), {}, only), []);
    // A link still holding a placeholder, on either side, is reported by its placeholders alone; the others are checked.
    assert.deepEqual(lintText(plan(['- Link 1: owner email -> {internal entity + key}', '- Link 2: org -> tenants.id', '- Link 3: {external field} -> accounts.id'], ['| Rep | u | id | staff | 1:1 | DB unique |']), {}, only), ['5:18-5:28 warning identity-unmapped', '11:18-11:23 warning identity-unmapped']);
    // A link with a placeholder still names its entity: a row mapping that entity is not flagged.
    assert.deepEqual(lintText(plan(['- Link 1: {external field} -> staff.id', '- Link 2: org -> tenants.id'], ['| Rep | u | id | staff | 1:1 | DB unique |', '| Org | u | id | tenants | 1:1 | DB unique |']), {}, only), []);
    // No mapping table at all: nothing to compare with (missing-section or the table's absence says it).
    assert.deepEqual(lintText(plan(['- Link 1: owner email -> staff.email'], undefined), {}, only), []);
  });

  it('is a warning by default, takes its severity from the settings, and can be turned off', () => {
    const text = plan(['- Link 1: owner email -> staff.email'], ['| Rep | u | id | accounts | 1:1 | DB unique |']);
    assert.deepEqual(lintText(text, {}, only), ['4:26-4:37 warning identity-unmapped', '9:18-9:26 warning identity-unmapped']);
    assert.deepEqual(lintText(text, { severities: { 'identity-unmapped': 'error' } }, only), ['4:26-4:37 error identity-unmapped', '9:18-9:26 error identity-unmapped']);
    assert.deepEqual(lintText(text, { severities: { 'identity-unmapped': 'off' } }, only), []);
  });

  it('finds nothing in the sample plans but the HubSpot renewals row', () => {
    for (const file of ['src/docs/SLACK-ROLLOUT-PLAN.md', 'src/docs/CLOSE-ROLLOUT-PLAN.md', 'src/docs/NOTION-ROLLOUT-PLAN.md', 'planning/zendesk-rollout.md']) {
      assert.deepEqual(lintText(example(file), {}, only), [], file);
    }
    assert.deepEqual(lintText(example('src/docs/HUBSPOT-ROLLOUT-PLAN.md'), {}, only), ['29:46-29:54 warning identity-unmapped']);
  });
});

describe('identity: layout and SVG', () => {
  const hubspot = () => layoutIdentityGraph(graphOf(example('src/docs/HUBSPOT-ROLLOUT-PLAN.md')));

  it('puts external fields left and entities right, every edge from a field\'s right side to an entity\'s left side', () => {
    const layout = hubspot();
    const externals = layout.nodes.filter((n) => n.side === 'external');
    const entities = layout.nodes.filter((n) => n.side === 'entity');
    assert.equal(externals.length, 3);
    assert.equal(entities.length, 3);
    const rightOfFields = Math.max(...externals.map((n) => n.x + n.width));
    assert.ok(entities.every((n) => n.x > rightOfFields));
    for (const edge of layout.edges) assert.match(edge.path, /^M[\d.]+ [\d.]+ C/);
    // Each node and edge opens its line: the links' lines, and the renewals row's.
    assert.deepEqual(layout.edges.map((e) => e.line), [18, 19, 28]);
    assert.ok(layout.edges.every((e) => e.labelX > rightOfFields && e.labelX < Math.min(...entities.map((n) => n.x))));
    assert.ok(layout.width >= Math.max(...layout.nodes.map((n) => n.x + n.width)) && layout.height > Math.max(...layout.nodes.map((n) => n.y + n.height)));
  });

  it('keeps edge labels apart where edges cross', () => {
    const graph = graphOf(plan(['- Link 1: a -> beta.id', '- Link 2: b -> alpha.id', '- Link 3: c -> beta.key'], [
      '| A | s | 1 | alpha | 1:N | app |', '| B | s | 2 | beta | 1:1 | DB unique |', '| C | s | 3 | beta | 1:N | app |',
    ]));
    const labels = layoutIdentityGraph(graph).edges;
    for (const a of labels) {
      for (const b of labels) {
        if (a === b) continue;
        const apart = Math.abs(a.labelY - b.labelY) >= 16 || Math.abs(a.labelX - b.labelX) >= (a.labelWidth + b.labelWidth) / 2;
        assert.ok(apart, `${a.label} at ${a.labelX},${a.labelY} covers ${b.label} at ${b.labelX},${b.labelY}`);
      }
    }
  });

  it('writes a well-formed, self-contained SVG: no script, no link, nothing loaded; plan text is text', () => {
    const graph = graphOf(plan([`- Link 1: ${XSS} "quoted" & more -> staff.email`], [`| Rep | u | id | staff | 1:1 | app |`, `| X | ${XSS} | id | \`${XSS}\` | 1:N | app |`]));
    const svg = renderIdentitySvg(layoutIdentityGraph(graph), `Identity graph — ${XSS}`);
    assert.doesNotMatch(svg, /<img|<script|<foreignObject|<a[\s>]|\s(?:xlink:)?href=|\ssrc=["']|url\(|@import|onerror=alert\(1\)>/i);
    assert.equal([...svg.matchAll(/https?:/g)].length, 1, 'the only URL is the SVG namespace');
    assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt; &quot;quoted&quot; &amp; more/);
    const document = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
    assert.equal(document.getElementsByTagName('parsererror').length, 0, 'well-formed XML');
    assert.equal(document.documentElement.localName, 'svg');
    // A long label is shortened in the picture; its tooltip (title) has all of it.
    const texts = [...document.getElementsByTagName('text')].map((t) => t.textContent ?? '');
    assert.ok(texts.some((t) => t.startsWith(`${XSS} "quoted" &`)), texts.join(' | '));
    const titles = [...document.getElementsByTagName('title')].map((t) => t.textContent ?? '');
    assert.ok(titles.some((t) => t.startsWith(`${XSS} "quoted" & more — Link 1`)), titles.join(' | '));
    assert.equal(document.getElementsByTagName('img').length, 0);
    // The 1:1 kept only in the app is drawn as a rule-of-thumb break; the row nothing links is a gap.
    assert.ok(document.querySelector('.ig-edge.ig-rule'));
    assert.ok(document.querySelector('.ig-edge.ig-gap'));
    assert.ok(document.querySelector('.ig-node.ig-unmapped'));
  });

  it('uses only the tags and attributes the dashboard may create, and marks nodes and edges focusable with their line when interactive, in a group', () => {
    const tree = identitySvgTree(hubspot(), { title: 'HubSpot', interactive: true });
    const walk = (element: SvgElement, out: SvgElement[] = []): SvgElement[] => {
      out.push(element);
      for (const child of element.children ?? []) walk(child, out);
      return out;
    };
    const all = walk(tree);
    assert.ok(all.every((e) => (SVG_TAGS as readonly string[]).includes(e.tag)));
    assert.ok(all.every((e) => Object.keys(e.attrs).every((a) => (SVG_ATTRIBUTES as readonly string[]).includes(a) && !/^on/i.test(a))));
    const focusable = all.filter((e) => e.attrs.tabindex === '0');
    assert.equal(focusable.length, 6 + 3, 'six nodes and three edges');
    assert.ok(focusable.every((e) => /^\d+$/.test(e.attrs['data-line'] ?? '') && e.attrs.role === 'button' && e.attrs['aria-label']));
    assert.ok(!all.some((e) => e.tag === 'style'), 'the dashboard styles the picture from the theme');
    // Its buttons stay reachable: a group, not an image (whose parts assistive technology hides).
    assert.deepEqual([tree.attrs.role, identitySvgTree(hubspot(), { title: 'HubSpot' }).attrs.role], ['group', 'img']);
  });
});
