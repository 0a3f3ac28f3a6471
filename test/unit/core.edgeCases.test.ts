// The edge cases PRODUCT.md §3 and issue 2 name, one fixture each: placeholders in and out of
// code, fields with continuation or nested content, every list marker, sections by title, BOM
// and front matter.
import * as assert from 'node:assert/strict';
import { goNoGoSeverity, planStatus } from '../../src/core/lint';
import { declaresPlanKind, parsePlan } from '../../src/core/parser';
import { sectionKeyOfHeading } from '../../src/core/sections';
import { fixture, fullDescription, lintFindings, lintText, toCrlf } from '../fixtures/lintFixtures';
import { lineAt, lineCount } from '../../src/core/source';

describe('core: placeholders', () => {
  const text = fixture('edge/placeholders.md');
  const found = () => lintFindings(text, {}, ['placeholder']).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.data?.kind === 'placeholder' ? f.data.placeholder : '?'}`);

  it('counts prose placeholders, a code span holding only a placeholder, headings, quotes and table cells', () => {
    assert.deepEqual(found(), [
      '1:3-18 {ConnectorName}',
      '4:31-41 {source_a}',
      '6:58-68 {real one}',
      '7:24-32 {double}',
      '9:12-20 {inline}',
      '9:23-26 {x}',
      '21:10-18 {quoted}',
      '23:4-20 {Custom heading}',
      '27:16-19 {c}',
      '28:7-10 {d}',
    ]);
  });

  it('ignores code with other content, escaped braces, empty braces, fenced, tilde and indented code', () => {
    const texts = lintFindings(text, {}, ['placeholder']).map((f) => (f.data?.kind === 'placeholder' ? f.data.placeholder : ''));
    for (const notOne of ['{id}', '{literal}', '{b}', '{a}', '{esc}', '{}', '{ }', '{not_me}', '{tilde_fence}', '{indented_code}']) {
      assert.ok(!texts.includes(notOne), `${notOne} is not a placeholder`);
    }
  });

  it('marks the placeholders written as code spans, and keeps the range on the braces', () => {
    const model = parsePlan(text);
    const inCode = model.placeholders.filter((p) => p.inCodeSpan).map((p) => p.text);
    assert.deepEqual(inCode, ['{source_a}', '{double}', '{x}']);
    const line = lineAt(model.source, 3);
    const sourceA = model.placeholders.find((p) => p.text === '{source_a}')!;
    assert.equal(line.slice(sourceA.range.start.character, sourceA.range.end.character), '{source_a}');
  });

  it('ends a code span at its table cell: a backtick in one cell does not hide the next cell', () => {
    // markdown-it splits cells before inline parsing, so `{d}` between two lone backticks is prose.
    assert.ok(found().includes('28:7-10 {d}'));
  });
});

describe('core: empty fields', () => {
  const text = fixture('edge/fields.md');

  it('flags only labels with nothing after the colon and no continuation or nested content', () => {
    assert.deepEqual(lintText(text, {}, ['empty-field', 'placeholder']), [
      '8:3-8:12 warning empty-field',
      '9:3-9:18 warning empty-field',
      '22:3-22:13 warning empty-field',
      '23:3-23:13 warning empty-field',
      '24:4-24:18 warning empty-field',
      '25:4-25:25 warning empty-field',
      '27:4-27:24 warning empty-field',
      '31:5-31:16 warning empty-field',
      '32:19-32:50 warning empty-field',
      '33:19-33:46 warning empty-field',
      '35:11-35:27 warning placeholder',
      '35:31-35:54 warning placeholder',
      '36:11-36:27 warning placeholder',
    ]);
  });

  it('does not flag a label followed by an indented or lazy continuation line', () => {
    const model = parsePlan(text);
    const why = model.fields.find((f) => f.label === 'Why this connector exists')!;
    const lazy = model.fields.find((f) => f.label === 'Decisions/metrics this should unlock')!;
    assert.equal(why.hasContinuation, true);
    assert.equal(lazy.hasContinuation, true);
    assert.equal(why.value, '');
  });

  it('does not flag a label with a nested list, a paragraph after a blank line, code or a quote', () => {
    const model = parsePlan(text);
    for (const label of ['Success in the next 2-4 weeks', 'Blank then paragraph', 'Code after', 'Quote after', 'Tasks', 'Parent']) {
      const field = model.fields.find((f) => f.label === label);
      assert.ok(field, label);
      assert.equal(field.hasNested, true, label);
    }
    const child = model.fields.find((f) => f.label === 'Child empty')!;
    assert.equal(child.depth, 1);
    assert.equal(model.fields[child.parentField!]!.label, 'Parent');
  });

  it('reads *, +, 1. and 3) list items as fields, and no label from a URL scheme, a time or a colon-less item', () => {
    const labels = parsePlan(text).fields.map((f) => f.label);
    for (const label of ['Star empty', 'Plus empty', 'Numbered empty', 'Second numbered empty', 'Paren numbered empty']) assert.ok(labels.includes(label), label);
    assert.ok(!labels.some((l) => l === 'https' || l.includes('10') || l.startsWith('Not a field')), labels.join(' | '));
    // The colon that ends a label is followed by white space: "https://…/path: text" is labelled by the whole URL, with a value.
    assert.equal(parsePlan(text).fields.find((f) => f.label.startsWith('https'))?.value, 'a link is not a label');
  });

  it('reports a value that is still the template\'s option list on the value, case and spacing ignored', () => {
    const findings = lintFindings(text, {}, ['empty-field']).filter((f) => f.range.start.line >= 31);
    assert.deepEqual(findings.map((f) => f.message), [
      '"Data pull mode" still lists the template\'s options (incremental / snapshot / hybrid): pick one.',
      '"Data pull mode" still lists the template\'s options (Incremental/Snapshot/Hybrid): pick one.',
    ]);
  });

  it('reports a field whose value holds placeholders by its placeholders alone', () => {
    const onLinkLines = lintFindings(text).filter((f) => f.range.start.line === 34 || f.range.start.line === 35);
    assert.deepEqual([...new Set(onLinkLines.map((f) => f.rule))], ['placeholder']);
  });
});

describe('core: sections', () => {
  it('finds sections by title with or without the letter, at any heading level, setext too, not in code', () => {
    const text = fixture('edge/sections-no-letters.md');
    const model = parsePlan(text);
    assert.deepEqual(model.sections.map((s) => `${s.key}@${s.heading.line + 1}/h${s.heading.level}`), [
      'A@4/h2', 'B@7/h4', 'C@8/h5', 'D@9/h3', 'E@10/h2', 'F@11/h6', 'G@12/h1', 'H@18/h2', 'I@19/h2', 'J@20/h2',
    ]);
    assert.deepEqual(lintText(text, {}, ['missing-section']), []);
  });

  it('names each missing section once, before the next present one or at the title when none follows', () => {
    assert.deepEqual(fullDescription(fixture('edge/sections-missing.md')).filter((d) => d.includes('missing-section')), [
      '1:3-1:34 error missing-section Section J) Open Questions and Assumptions is missing (expected at the end of the plan).',
      '6:4-6:38 error missing-section Section B) Source Model is missing (expected before "C) Linking Points (Identity Graph)").',
      '11:4-11:22 error missing-section Section D) Mapping Rules + Cardinality is missing (expected before "E) Delivery Phases").',
      '13:4-13:26 error missing-section Section F) Agent-Team Plan is missing (expected before "G) Risks + Mitigations").',
      '14:4-14:27 error missing-section Section H) Manual Setup Handoff (Owner Actions) is missing (expected before "I) Operational Go/No-Go").',
    ]);
  });

  it('reads the titles authors write', () => {
    const cases: [string, string | undefined][] = [
      ['A) Business Goal', 'A'],
      ['a. business goals', 'A'],
      ['Section C: Linking Points', 'C'],
      ['D - Mapping Rules & Cardinality', 'D'],
      ['5. Delivery Phases', 'E'],
      ['**Agent-Team Plan**', 'F'],
      ['I) Go / No-Go', 'I'],
      ['Open Questions', 'J'],
      ['A) Something else entirely', undefined],
      ['Appendix: Business Goal notes', undefined],
      ['1:1 mappings', undefined],
    ];
    for (const [title, key] of cases) assert.equal(sectionKeyOfHeading(title), key, title);
  });

  it('keeps sub-headings inside their section and ends a section at the next heading of its level', () => {
    const model = parsePlan(fixture('plans/clean-slack.md'));
    const e = model.sections.find((s) => s.key === 'E')!;
    const f = model.sections.find((s) => s.key === 'F')!;
    assert.equal(e.endLine, f.heading.line);
    const phase4 = model.fields.find((x) => x.label === 'Validation tests' && x.line > 50)!;
    assert.equal(phase4.sectionKey, 'E');
  });
});

describe('core: BOM', () => {
  it('reads a file stored with a BOM with the same columns as without it', () => {
    const stored = fixture('edge/bom.md');
    assert.equal(stored.charCodeAt(0), 0xfeff);
    assert.deepEqual(fullDescription(stored), fullDescription(stored.slice(1)));
    assert.deepEqual(lintText(stored, {}, ['placeholder', 'go-no-go-unchecked', 'empty-field']), [
      '1:3-1:18 warning placeholder',
      '4:3-4:36 info go-no-go-unchecked',
      '5:3-5:14 warning empty-field',
    ]);
  });
});

describe('core: front matter', () => {
  const plan = (frontMatter: string) => `---\n${frontMatter}\n---\n# Plan\n\n## I) Operational Go/No-Go\n- [ ] Auth and connection test pass\n- [x] Mappings validated\n`;

  it('sets the go/no-go severity from status: none/draft → info, ready-for-review → warning, go → error', () => {
    assert.deepEqual(lintText(plan('title: x'), {}, ['go-no-go-unchecked']), ['7:3-7:36 info go-no-go-unchecked']);
    assert.deepEqual(lintText(plan('status: draft'), {}, ['go-no-go-unchecked']), ['7:3-7:36 info go-no-go-unchecked']);
    assert.deepEqual(lintText(plan('status: ready-for-review'), {}, ['go-no-go-unchecked']), ['7:3-7:36 warning go-no-go-unchecked']);
    assert.deepEqual(lintText(plan('status: go'), {}, ['go-no-go-unchecked']), ['7:3-7:36 error go-no-go-unchecked']);
    assert.equal(goNoGoSeverity(undefined), 'info');
    assert.equal(planStatus(parsePlan(plan('status: go'))), 'go');
  });

  it('reports an unknown status on its value, and treats the plan as draft', () => {
    const text = plan('owner: me\nstatus: shipped');
    assert.deepEqual(fullDescription(text).filter((d) => !d.includes('missing-section')), [
      '3:9-3:16 error front-matter Unknown status "shipped": use draft, ready-for-review, go.',
      '8:3-8:36 info go-no-go-unchecked Go/no-go item not checked (status: shipped): Auth and connection test pass',
    ]);
  });

  it('reports broken YAML as one front-matter finding inside the block, never a throw', () => {
    const text = plan('title: [unclosed\nstatus: go');
    const findings = lintFindings(text, {}, ['front-matter']);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, 'error');
    assert.match(findings[0]!.message, /^Front matter is not valid YAML: /);
    assert.ok(findings[0]!.range.start.line >= 1 && findings[0]!.range.start.line <= 2, JSON.stringify(findings[0]!.range));
  });

  it('reports front matter that is not a mapping', () => {
    const findings = lintFindings(plan('- just\n- a list'), {}, ['front-matter']);
    assert.deepEqual(findings.map((f) => f.message), ['Front matter is not valid YAML: Front matter must be a YAML mapping (key: value lines).']);
  });

  it('keeps line numbers from the first line of the file with CRLF front matter', () => {
    const text = toCrlf(plan('kind: connector-rollout-plan\nstatus: ready-for-review\nowner: data'));
    assert.deepEqual(lintText(text, {}, ['go-no-go-unchecked']), ['9:3-9:36 warning go-no-go-unchecked']);
    assert.equal(declaresPlanKind(text), true);
  });

  it('treats an unclosed --- as a thematic break, not as front matter', () => {
    const model = parsePlan('---\nstatus: go\n# Plan\n');
    assert.equal(model.frontMatter, undefined);
  });

  it('accepts ... as the closing line, and declaresPlanKind only for kind: connector-rollout-plan', () => {
    assert.equal(declaresPlanKind('---\nkind: connector-rollout-plan\n...\n# x\n'), true);
    assert.equal(declaresPlanKind('\uFEFF---\r\nkind: connector-rollout-plan\r\n---\r\n'), true);
    assert.equal(declaresPlanKind('---\nkind: blog-post\n---\n'), false);
    assert.equal(declaresPlanKind('# kind: connector-rollout-plan\n'), false);
  });

  it('stays inside the document when the file is nothing but front matter', () => {
    const text = '---\nstatus: go\n---';
    const model = parsePlan(text);
    for (const f of lintFindings(text)) {
      assert.ok(f.range.end.line < lineCount(model.source), JSON.stringify(f.range));
      assert.ok(f.range.end.character <= lineAt(model.source, f.range.end.line).length, JSON.stringify(f.range));
    }
  });
});
