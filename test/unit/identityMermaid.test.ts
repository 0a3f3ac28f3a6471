// The identity graph's Mermaid is accepted by Mermaid itself. @mermaid-js/parser (Mermaid's Langium
// grammars) has no flowchart grammar, so this uses `mermaid` (devDependency, this test only): its
// flowchart parser (flow.jison) and FlowDB, the code GitHub runs on a ```mermaid block. Mermaid's
// sanitizer (DOMPurify) needs a window, which jsdom gives it. The last test shows the parser
// rejecting broken flowcharts, so an acceptance here means something.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import type { IdentityGraph } from '../../src/core/identity';
import { identityMermaid, mermaidText, readIdentityGraph } from '../../src/core/identity';
import { parsePlan } from '../../src/core/parser';
import { DEFAULT_TEMPLATE_TEXT } from '../../src/core/template';
import { REPO_DIR } from '../fixtures/lintFixtures';

interface FlowVertex { id: string; text: string; classes: string[] }
interface FlowEdge { start: string; end: string; text: string; stroke: string }
interface FlowDb {
  getVertices(): Map<string, FlowVertex>;
  getEdges(): FlowEdge[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}
interface Mermaid {
  parse(text: string): Promise<{ diagramType: string } | false>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ type: string; db: FlowDb }> };
}

const XSS = '<img src=x onerror=alert(1)>';
const example = (path: string) => readFileSync(join(REPO_DIR, 'examples', path), 'utf8');
const EXAMPLES = ['src/docs/SLACK-ROLLOUT-PLAN.md', 'src/docs/HUBSPOT-ROLLOUT-PLAN.md', 'src/docs/CLOSE-ROLLOUT-PLAN.md', 'src/docs/NOTION-ROLLOUT-PLAN.md', 'planning/zendesk-rollout.md'];
const HOSTILE = [
  '# Acme Connector Rollout Plan',
  '## C) Linking Points (Identity Graph)',
  `- Link 1: ${XSS} "a" | b; c # d \`e\` -> staff.email`,
  '- Link 2: `x])` y(z) [end] -> `accounts.id`',
  '## D) Mapping Rules + Cardinality',
  '| Mapping Purpose | source | External ID | Internal Entity | Cardinality | Enforced In |',
  '|---|---|---|---|---|---|',
  `| Rep | ${XSS} | id \\| alt | staff | 1:1 | app %% not a comment |`,
  '| Org | `a"b` | id | `accounts` | 1:N | DB unique |',
  '| Deal | d | id | deals | 1:N | app |',
  '',
].join('\n');

/** Mermaid's entity codes decoded, as the rendered label shows them. */
function shown(text: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return text.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => named[name] ?? `#${name};`);
}

describe('identity: Mermaid output, accepted by Mermaid\'s flowchart parser', function () {
  this.timeout(60_000);
  let mermaid: Mermaid;
  const hadWindow = 'window' in globalThis;

  before(async () => {
    (globalThis as { window?: unknown }).window = new JSDOM('').window;
    mermaid = ((await import('mermaid')) as unknown as { default: Mermaid }).default;
  });
  after(() => {
    if (!hadWindow) delete (globalThis as { window?: unknown }).window;
  });

  async function flow(text: string): Promise<FlowDb> {
    const parsed = await mermaid.parse(text);
    assert.ok(parsed, 'parsed');
    assert.equal(parsed.diagramType, 'flowchart-v2');
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    return diagram.db;
  }

  /** What Mermaid read, in the graph's terms. */
  function read(db: FlowDb): { nodes: string[]; edges: string[]; groups: string[] } {
    const vertices = db.getVertices();
    const nodes = [...vertices.values()].map((v) => `${v.id} ${shown(v.text)}${v.classes.includes('unmapped') ? ' [unmapped]' : ''}`);
    const edges = db.getEdges().map((e) => `${e.start}->${e.end} ${e.stroke} ${shown(e.text)}`);
    const groups = db.getSubGraphs().map((s) => `${s.id} ${s.title}: ${s.nodes.join(',')}`);
    return { nodes, edges, groups };
  }

  function expected(graph: IdentityGraph): { nodes: string[]; edges: string[]; groups: string[] } {
    return {
      nodes: [
        ...graph.externals.map((n) => `${n.id} ${n.label} (${n.detail})${n.unmapped ? ' [unmapped]' : ''}`),
        ...graph.entities.map((n) => `${n.id} ${n.keys.length ? `${n.label} · key: ${n.keys.join(', ')}` : n.label}${n.unmapped ? ' [unmapped]' : ''}`),
      ],
      edges: graph.edges.map((e) => `${e.from}->${e.to} ${e.ruleOfThumb ? 'thick' : e.gap ? 'dotted' : 'normal'} ${e.label}`),
      groups: [`external External fields: ${graph.externals.map((n) => n.id).join(',')}`, `internal Internal entities: ${graph.entities.map((n) => n.id).join(',')}`],
    };
  }

  for (const file of EXAMPLES) {
    it(`parses the graph of ${file} into the same nodes, edges and groups`, async () => {
      const graph = readIdentityGraph(parsePlan(example(file)));
      assert.ok(graph.edges.length > 0);
      const got = read(await flow(identityMermaid(graph)));
      const want = expected(graph);
      // Mermaid lists the subgraphs' nodes in reverse order of declaration; the sets are what count.
      assert.deepEqual({ ...got, groups: got.groups.map(sortedGroup) }, { ...want, groups: want.groups.map(sortedGroup) });
    });
  }

  it('parses labels holding quotes, pipes, semicolons, #, backticks, brackets, markup and a %% as text', async () => {
    const graph = readIdentityGraph(parsePlan(HOSTILE));
    const text = identityMermaid(graph);
    assert.doesNotMatch(text, /<img|`/, 'no raw markup or backtick in the Mermaid text');
    const got = read(await flow(text));
    assert.deepEqual(got.nodes, expected(graph).nodes);
    assert.ok(got.nodes.some((n) => n.includes(`${XSS} "a" | b; c # d e`)), got.nodes.join('\n'));
    assert.deepEqual(got.edges, expected(graph).edges);
    assert.deepEqual(got.edges.map((e) => e.split(' ')[1]), ['thick', 'normal', 'dotted'], 'rule-of-thumb break thick, mapped normal, gap dotted');
  });

  it('parses the graph of an unfilled plan (one node saying so)', async () => {
    const text = identityMermaid(readIdentityGraph(parsePlan(DEFAULT_TEMPLATE_TEXT)));
    assert.deepEqual(read(await flow(text)).nodes, ['empty No links in section C and no rows in section D yet']);
  });

  it('rejects broken flowcharts: the acceptance above is the parser\'s, not a pass-through', async () => {
    const good = identityMermaid(readIdentityGraph(parsePlan(example('src/docs/HUBSPOT-ROLLOUT-PLAN.md'))));
    await flow(good);
    const broken = [
      // A quote inside a label, as it would be without the encoding.
      good.replace('x0["owner email (Link 1)"]', 'x0["owner "email" (Link 1)"]'),
      // An edge label left open.
      good.replace('-->|"1:N · app"|', '-->|"1:N · app|'),
      // A subgraph never closed.
      good.replace(/\n {2}end\n {2}subgraph internal/, '\n  subgraph internal'),
      // A link style for an edge that does not exist.
      good.replace('linkStyle 2 ', 'linkStyle 9 '),
      // An arrow with no target.
      `${good}  x0 -->\n`,
    ];
    for (const text of broken) {
      assert.notEqual(text, good);
      await assert.rejects(mermaid.parse(text), Error, text);
    }
  });

  it('encodes only what would end or change a label', () => {
    assert.equal(mermaidText('a "b" <c> & d | e; f # g `h` \\ i\nj'), 'a #quot;b#quot; #lt;c#gt; #amp; d #124; e#59; f #35; g #96;h#96; #92; i j');
    assert.equal(mermaidText('Überweisung · 1:N (app)'), 'Überweisung · 1:N (app)');
  });
});

function sortedGroup(group: string): string {
  const [head, nodes] = group.split(': ');
  return `${head}: ${(nodes ?? '').split(',').sort().join(',')}`;
}
