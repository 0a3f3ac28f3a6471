// package.json, package.nls.json, src/constants.ts, l10n/bundle.l10n.json and CHANGELOG.md agree:
// every id the code uses is declared, every declared id is used, every manifest and runtime string
// is localizable, commands are categorised and guarded, and the release is written down.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { getL10nJson, getL10nPseudoLocalized } from '@vscode/l10n-dev';
import { Commands, ContextKeys, CustomEditors, McpServerProviders, Settings, Views, WALKTHROUGH_ID } from '../../src/constants';
import { RULE_IDS } from '../../src/core/rules';
import { AGENT_TOOLS, LANGUAGE_MODEL_TOOL_PREFIX, inputJsonSchema } from '../../src/core/tools';
import { REPO_DIR } from '../fixtures/lintFixtures';
import { isExtensionCode, l10nCalls, placeholderIndices, sourceFiles, translationProblems, unwrappedLiterals } from './l10nSource';

interface Manifest {
  version: string;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsContainers: Record<string, { id: string; icon: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome?: { view: string; when?: string }[];
    customEditors: { viewType: string }[];
    configuration: { properties: Record<string, { properties?: Record<string, unknown> }> };
    walkthroughs: { id: string; steps: { id: string; media: { markdown?: string; image?: string } }[] }[];
    languageModelTools: { name: string; displayName: string; modelDescription: string; userDescription: string; inputSchema: unknown }[];
    mcpServerDefinitionProviders: { id: string; label: string }[];
  };
}

const manifestText = readFileSync(join(REPO_DIR, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const contributes = manifest.contributes;
const nls = JSON.parse(readFileSync(join(REPO_DIR, 'package.nls.json'), 'utf8')) as Record<string, string>;
const sorted = (values: Iterable<string>) => [...values].sort();

/** A manifest string as VS Code shows it: `%key%` replaced from package.nls.json. */
function localized(value: string | undefined): string | undefined {
  const key = /^%(.+)%$/.exec(value ?? '')?.[1];
  return key === undefined ? value : nls[key];
}

/** The properties VS Code shows to people, wherever they appear in the manifest. */
const SHOWN = new Set(['displayName', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'title', 'category', 'name', 'contextualTitle', 'contents', 'label', 'tooltip']);

/** Every shown string of the manifest with its JSON path. */
function shownStrings(node: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((item, i) => shownStrings(item, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}.${key}`;
      // A tool's input schema is for the model, and is the zod schema's JSON Schema (checked below); its name is an id.
      if (key === 'inputSchema' || (key === 'name' && /\.languageModelTools\[\d+\]$/.test(path))) continue;
      if (SHOWN.has(key) && typeof value === 'string') out.push([at, value]);
      else if (SHOWN.has(key) && Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push([`${at}[${i}]`, v]));
      else shownStrings(value, at, out);
    }
  }
  return out;
}

describe('metadata: package.json ↔ package.nls.json', () => {
  it('takes every string it shows from package.nls.json (a %key% placeholder)', () => {
    const shown = [['displayName', (manifest as unknown as { displayName: string }).displayName], ['description', (manifest as unknown as { description: string }).description], ...shownStrings(contributes, 'contributes')];
    const literal = shown.filter(([, value]) => !/^%[^%]+%$/.test(value!)).map(([at]) => at);
    assert.deepEqual(literal, []);
  });

  it('finds every %key% of package.json in package.nls.json, and uses every key of package.nls.json', () => {
    const used = new Set([...manifestText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!));
    const missing = [...used].filter((key) => !(key in nls));
    const unused = Object.keys(nls).filter((key) => !used.has(key));
    assert.ok(used.size > 0);
    assert.deepEqual({ missing, unused }, { missing: [], unused: [] });
  });

  it('has a non-empty string for every key of package.nls.json', () => {
    for (const [key, value] of Object.entries(nls)) assert.ok(typeof value === 'string' && value.trim().length > 0, key);
  });
});

describe('metadata: package.json ↔ src/constants.ts ↔ CHANGELOG.md', () => {
  it('declares exactly the commands of Commands', () => {
    assert.deepEqual(sorted(contributes.commands.map((c) => c.command)), sorted(Object.values(Commands)));
  });

  it('puts every command in the "Connector" category with a commandPalette when clause', () => {
    const palette = new Map(contributes.menus.commandPalette!.map((entry) => [entry.command, entry.when]));
    for (const command of contributes.commands) {
      assert.equal(localized(command.category), 'Connector', command.command);
      const when = palette.get(command.command);
      assert.ok(typeof when === 'string' && when.trim().length > 0, `${command.command} needs a commandPalette "when"`);
    }
    for (const command of palette.keys()) assert.ok(Object.values(Commands).includes(command as never), `palette entry for unknown ${command}`);
  });

  it('declares exactly the views and view containers of Views', () => {
    const declared = [
      ...Object.values(contributes.viewsContainers).flat().map((c) => c.id),
      ...Object.values(contributes.views).flat().map((v) => v.id),
    ];
    assert.deepEqual(sorted(declared), sorted(Object.values(Views)));
    assert.deepEqual(Object.keys(contributes.views), [Views.container]);
    for (const welcome of contributes.viewsWelcome ?? []) assert.ok(Object.values(Views).includes(welcome.view as never), welcome.view);
  });

  it('declares exactly the custom editors of CustomEditors', () => {
    assert.deepEqual(sorted(contributes.customEditors.map((e) => e.viewType)), sorted(Object.values(CustomEditors)));
  });

  it('declares exactly the settings of Settings, under its section', () => {
    const { section, ...keys } = Settings;
    assert.deepEqual(sorted(Object.keys(contributes.configuration.properties)), sorted(Object.values(keys).map((k) => `${section}.${k}`)));
  });

  it('declares exactly the walkthrough WALKTHROUGH_ID, with media files that exist', () => {
    assert.deepEqual(contributes.walkthroughs.map((w) => w.id), [WALKTHROUGH_ID]);
    for (const step of contributes.walkthroughs[0]!.steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(join(REPO_DIR, media)), `${step.id}: ${media} is missing`);
    }
  });

  it('uses only its own context keys in when clauses', () => {
    const whens = [
      ...Object.values(contributes.menus).flat().map((e) => e.when ?? ''),
      ...(contributes.viewsWelcome ?? []).map((w) => w.when ?? ''),
    ];
    const ours = new Set<string>(Object.values(ContextKeys));
    for (const when of whens) {
      for (const key of when.match(/connectorPlaybook\.[A-Za-z.]+/g) ?? []) {
        assert.ok(ours.has(key) || Object.values(Views).includes(key as never), `"${when}" uses ${key}, not in ContextKeys`);
      }
    }
  });

  it('declares the agent tools of the core table as languageModelTools: names, titles, model descriptions and input schemas (z.toJSONSchema)', () => {
    const declared = contributes.languageModelTools.map((t) => ({ name: t.name, title: localized(t.displayName), description: localized(t.modelDescription), inputSchema: t.inputSchema }));
    const expected = AGENT_TOOLS.map((t) => ({ name: LANGUAGE_MODEL_TOOL_PREFIX + t.name, title: t.title, description: t.description, inputSchema: inputJsonSchema(t) }));
    assert.deepEqual(declared, expected, 'package.json languageModelTools must follow src/core/tools (regenerate the inputSchema from inputJsonSchema)');
    for (const tool of contributes.languageModelTools) assert.ok(localized(tool.userDescription), `${tool.name} needs a userDescription`);
  });

  it('declares exactly the MCP server definition providers of McpServerProviders', () => {
    assert.deepEqual(sorted(contributes.mcpServerDefinitionProviders.map((p) => p.id)), sorted(Object.values(McpServerProviders)));
  });

  it('offers the agent-brief commands on the Plans view\'s waves and agents only', () => {
    const entries = contributes.menus['view/item/context']!.filter((e) => e.command === Commands.copyAgentBrief || e.command === Commands.openAgentBriefInChat);
    assert.deepEqual(sorted(entries.map((e) => e.command)), sorted([Commands.copyAgentBrief, Commands.openAgentBriefInChat]));
    for (const entry of entries) {
      const match = /^view == connectorPlaybook\.plans && viewItem =~ \/(.+)\/$/.exec(entry.when ?? '');
      assert.ok(match, entry.when);
      const item = new RegExp(match[1]!);
      // The tree items' contextValue (src/waves/plansTreeProvider.ts).
      assert.deepEqual(['wave.done', 'wave.in-progress', 'wave.blocked', 'wave.not-started', 'agent', 'plan', 'task', 'goNoGo', 'goNoGoItem', 'message'].filter((v) => item.test(v)), ['wave.done', 'wave.in-progress', 'wave.blocked', 'wave.not-started', 'agent']);
    }
  });

  it('offers a severity setting for every rule id, and only those', () => {
    const rules = contributes.configuration.properties[`${Settings.section}.${Settings.rules}`]!;
    const declared = Object.keys(rules.properties ?? {});
    const missing = RULE_IDS.filter((id) => !declared.includes(id));
    const unknown = declared.filter((id) => !(RULE_IDS as readonly string[]).includes(id));
    assert.deepEqual({ missing, unknown }, { missing: [], unknown: [] }, 'package.json connectorPlaybook.rules.properties must list exactly RULE_IDS');
  });

  it('has a CHANGELOG.md section for the version in package.json', () => {
    const file = join(REPO_DIR, 'CHANGELOG.md');
    assert.ok(existsSync(file), 'CHANGELOG.md is missing: every release needs one');
    const changelog = readFileSync(file, 'utf8');
    const heading = new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]( - \\d{4}-\\d{2}-\\d{2})?$`, 'm');
    assert.match(changelog, heading, `CHANGELOG.md has no "## [${manifest.version}] - YYYY-MM-DD" section`);
    const section = changelog.slice(changelog.search(heading)).split(/\n## /)[0]!;
    assert.match(section, /^### (Added|Changed|Fixed|Removed|Deprecated|Security)$/m, `the ${manifest.version} section lists no changes`);
  });
});

describe('metadata: the UI toolkit stays in webview/toolkit/', () => {
  it('names the toolkit or its vscode-* tags only in webview/toolkit/, not in the form or its CSS', () => {
    const files = [...readdirSync(join(REPO_DIR, 'webview')).filter((f) => f.endsWith('.ts')).map((f) => join('webview', f)), ...readdirSync(join(REPO_DIR, 'media')).filter((f) => f.endsWith('.css')).map((f) => join('media', f))];
    assert.ok(files.includes(join('webview', 'mappingForm.ts')) && files.includes(join('media', 'mappingEditor.css')));
    for (const file of files) {
      // `var(--vscode-…)` are theme colours, not tags.
      const text = readFileSync(join(REPO_DIR, file), 'utf8').replace(/--vscode-[\w-]+/g, '');
      assert.doesNotMatch(text, /webview-ui-toolkit|\bvscode-(text-field|dropdown|option|button|checkbox|radio|text-area|data-grid|panels?|tag|badge|link|divider|progress-ring)\b/, file);
    }
  });
});

describe('metadata: src ↔ l10n/bundle.l10n.json (runtime strings)', () => {
  const bundleFile = join(REPO_DIR, 'l10n', 'bundle.l10n.json');
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as Record<string, string>;
  const files = sourceFiles(REPO_DIR, 'src');
  const calls = files.flatMap(l10nCalls);
  const regenerate = 'l10n/bundle.l10n.json is out of date: run `npm run l10n` and commit it';

  it('points VS Code at l10n/, ships it, and regenerates it with `npm run l10n`', () => {
    const pkg = manifest as unknown as { l10n?: string; files: string[]; scripts: Record<string, string> };
    assert.equal(pkg.l10n, './l10n');
    assert.ok(pkg.files.includes('l10n/'), 'package.json files must list l10n/');
    assert.equal(pkg.scripts.l10n, 'vscode-l10n-dev export --outDir ./l10n ./src');
  });

  it('holds exactly what @vscode/l10n-dev exports from src/ now', async () => {
    const fresh = await getL10nJson(files.map((f) => ({ contents: f.text, extension: extname(f.path) })));
    assert.ok(Object.keys(fresh).length > 100);
    assert.deepEqual(bundle, fresh, regenerate);
  });

  it('has every vscode.l10n.t message of src/ as a key, with one argument per {n}, and no key that src/ does not use', () => {
    const problems: string[] = [];
    for (const call of calls) {
      if (call.message === undefined) {
        problems.push(`${call.at}: the message must be a string literal (l10n-dev cannot export anything else)`);
        continue;
      }
      const indices = placeholderIndices(call.message);
      if (indices.some((n, i) => n !== i) || indices.length !== call.args) problems.push(`${call.at}: placeholders ${JSON.stringify(indices)} but ${call.args} argument(s): ${call.message}`);
      // The key is the message as the program sees it: an escape l10n-dev reads differently would never be found.
      if (bundle[call.message] !== call.message) problems.push(`${call.at}: not a key of the bundle: ${JSON.stringify(call.message)}`);
    }
    const used = new Set(calls.map((c) => c.message));
    for (const key of Object.keys(bundle)) if (!used.has(key)) problems.push(`unused key: ${JSON.stringify(key)}`);
    assert.deepEqual(problems, [], regenerate);
  });

  it('leaves core and the CLI in English: their messages are shared with the CLI and CI, like a linter\'s rule messages', () => {
    assert.deepEqual(calls.filter((c) => /^src\/(core|cli)\//.test(c.at)).map((c) => c.at), []);
    assert.ok(calls.length > 150);
  });

  it('shows no message, title, label or tooltip in extension code as a literal that bypasses vscode.l10n.t', () => {
    const extension = files.filter(isExtensionCode);
    assert.ok(extension.length > 30);
    // The form's two fields without a section D are named as the template names them in plans.
    const planWords = new Set(["src/mappingEditor/mappingEditorSession.ts:27 label: 'onConflict strategy'", "src/mappingEditor/mappingEditorSession.ts:28 label: 'Required metadata per mapping'"]);
    // The agent tools' port answers the agent, in English like the tools' other answers and the MCP server's.
    const forAgents = (found: string) => found.startsWith('src/agents/workspacePlans.ts:');
    assert.deepEqual(extension.flatMap(unwrappedLiterals).filter((found) => !planWords.has(found) && !forAgents(found)), []);
  });

  it('finds literals where they would bypass it: messages, items, properties, ternaries and joined lines', () => {
    const file = {
      path: 'src/example.ts',
      text: [
        "import * as vscode from 'vscode';",
        "void vscode.window.showWarningMessage(`Connector Playbook: ${name} changed.`);",
        "item.tooltip = [path, `Tasks: ${done}`].join('\\n');",
        "const lens = { title: matrix ? vscode.l10n.t('Edit as form') : 'Add the mapping matrix in a form' };",
        "const item = new vscode.TreeItem('Go/No-Go');",
        "void vscode.window.showInformationMessage(vscode.l10n.t('Connector Playbook: added {0}.', path));",
        "item.description = count(done, total);",
      ].join('\n'),
    };
    assert.deepEqual(unwrappedLiterals(file).map((found) => found.split(' ')[0]), ['src/example.ts:2', 'src/example.ts:3', 'src/example.ts:4', 'src/example.ts:5']);
    assert.deepEqual(l10nCalls(file).map((c) => [c.message, c.args]), [['Edit as form', 0], ['Connector Playbook: added {0}.', 1]]);
  });

  it('checks any translation shipped (bundle.l10n.LOCALE.json, package.nls.LOCALE.json): the English keys, every placeholder kept', () => {
    const translations = [
      ...readdirSync(join(REPO_DIR, 'l10n')).filter((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f)).map((f) => ({ file: join('l10n', f), english: bundle })),
      ...readdirSync(REPO_DIR).filter((f) => /^package\.nls\.[\w-]+\.json$/.test(f)).map((f) => ({ file: f, english: nls })),
    ];
    for (const { file, english } of translations) assert.deepEqual(translationProblems(english, JSON.parse(readFileSync(join(REPO_DIR, file), 'utf8'))), [], file);
  });

  it('a pseudo-locale made by @vscode/l10n-dev into a temporary folder passes that check; one that drops a placeholder does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-l10n-'));
    try {
      // As `vscode-l10n-dev generate-pseudo` makes them, under the names VS Code looks for (not shipped).
      writeFileSync(join(dir, 'bundle.l10n.qps-ploc.json'), JSON.stringify(getL10nPseudoLocalized(bundle), undefined, 2));
      writeFileSync(join(dir, 'package.nls.qps-ploc.json'), JSON.stringify(getL10nPseudoLocalized(nls), undefined, 2));
      const pseudo = JSON.parse(readFileSync(join(dir, 'bundle.l10n.qps-ploc.json'), 'utf8')) as Record<string, string>;
      const pseudoNls = JSON.parse(readFileSync(join(dir, 'package.nls.qps-ploc.json'), 'utf8')) as Record<string, string>;
      assert.deepEqual(translationProblems(bundle, pseudo), []);
      assert.deepEqual(translationProblems(nls, pseudoNls), []);
      // Every string is translated: none reads as the English one.
      assert.deepEqual(Object.keys(bundle).filter((key) => /[A-Za-z]{2}/.test(key) && pseudo[key] === bundle[key]), []);
      const key = 'Connector Playbook: cannot open {0}: {1}';
      assert.match(pseudo[key]!, /^[^{}]+\{0\}[^{}]+\{1\}$/);
      const broken = { ...pseudo, [key]: pseudo[key]!.replace('{1}', '') };
      assert.deepEqual(translationProblems(bundle, broken), [`placeholders differ: ${key} → ${broken[key]}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
