// The webview's component library is known to webview/toolkit/ alone: nothing else imports its
// package or names its tags, so swapping @vscode/webview-ui-toolkit for @vscode-elements/elements
// is a change of that folder (README: "The webview's component library").
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO_DIR } from '../fixtures/lintFixtures';

const TOOLKIT_DIR = join(REPO_DIR, 'webview', 'toolkit');
const SCANNED = ['src', 'webview', 'media', join('test', 'ui'), join('test', 'integration')];
const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|css|html|md|json|svg)$/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, String(f))).filter((f) => TEXT_FILE.test(f));
}

const toolkitSources = () => filesUnder(TOOLKIT_DIR).map((file) => readFileSync(file, 'utf8'));

/** The packages webview/toolkit/ imports (bare specifiers, as published: `@scope/name` or `name`). */
function toolkitPackages(): string[] {
  const names = new Set<string>();
  for (const text of toolkitSources()) {
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]((?:@[\w.-]+\/)?[\w.-]+)(?:\/[^'"]*)?['"]/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

/**
 * The tags a package defines: from its custom elements manifest (`customElements` in its
 * package.json, as @vscode-elements/elements ships), else from the `baseName` of each component
 * under the `vscode-` prefix (how @vscode/webview-ui-toolkit registers them).
 */
function packageTags(name: string): string[] {
  const root = join(REPO_DIR, 'node_modules', ...name.split('/'));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { customElements?: string };
  const tags = new Set<string>();
  if (manifest.customElements) {
    const cem = JSON.parse(readFileSync(join(root, manifest.customElements), 'utf8')) as { modules?: { declarations?: { tagName?: string }[] }[] };
    for (const declaration of (cem.modules ?? []).flatMap((m) => m.declarations ?? [])) if (declaration.tagName) tags.add(declaration.tagName);
  } else {
    for (const file of filesUnder(join(root, 'dist')).filter((f) => f.endsWith(`${sep}index.js`))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/baseName:\s*['"]([a-z-]+)['"]/g)) tags.add(`vscode-${m[1]}`);
    }
  }
  return [...tags].sort();
}

/** The custom elements webview/toolkit/ creates (a custom element's name has a hyphen). */
function createdTags(): string[] {
  const tags = new Set<string>();
  for (const text of toolkitSources()) {
    for (const m of text.matchAll(/createElement\(\s*['"]([a-z][a-z0-9]*-[a-z0-9-]*)['"]/g)) tags.add(m[1]!);
  }
  return [...tags].sort();
}

/** `line: tag` for each tag name in a text; a longer name or a CSS variable containing one does not count. */
function tagsIn(text: string, tags: readonly string[]): string[] {
  const longestFirst = [...tags].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w-])(${longestFirst.join('|')})(?![\\w-])`, 'g');
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(pattern)) hits.push(`${i + 1}: ${m[1]}`);
  });
  return hits;
}

function scannedFiles(): string[] {
  return SCANNED.flatMap((dir) => filesUnder(join(REPO_DIR, dir))).filter((f) => !f.startsWith(TOOLKIT_DIR + sep));
}

describe('webview toolkit: confined to webview/toolkit/', () => {
  const packages = toolkitPackages();
  const tags = [...new Set([...packages.flatMap(packageTags), ...createdTags()])];

  it('reads the library and its tag names from webview/toolkit/ and the package it imports', () => {
    assert.equal(packages.length, 1, `webview/toolkit/ imports ${packages.join(', ')}`);
    const defined = packageTags(packages[0]!);
    const created = createdTags();
    assert.ok(created.length > 0, 'webview/toolkit/ creates no custom element');
    assert.deepEqual(created.filter((tag) => !defined.includes(tag)), [], `${packages[0]} does not define every tag webview/toolkit/ creates`);
    assert.ok(defined.length > created.length, `only ${defined.length} tags read from ${packages[0]}`);
  });

  it('finds a tag name in a selector, a locator and a string, not in a CSS variable or a longer name', () => {
    const text = '.cell vscode-text-field {\n  color: var(--vscode-dropdown-background);\n}\nform.locator(\'vscode-option[value="1:N"]\');\nconst t = "vscode-data-grid-row";\nvscode-buttonish';
    assert.deepEqual(tagsIn(text, tags), ['1: vscode-text-field', '4: vscode-option', '5: vscode-data-grid-row']);
  });

  it('no tag name of the library in src/, webview/ outside webview/toolkit/, media/, test/ui/ or test/integration/', () => {
    const files = scannedFiles();
    assert.ok(files.some((f) => f.endsWith(join('media', 'mappingEditor.css'))) && files.some((f) => f.endsWith(join('test', 'ui', 'mappingEditor.test.ts'))));
    const found = files.flatMap((file) => tagsIn(readFileSync(file, 'utf8'), tags).map((hit) => `${relative(REPO_DIR, file)}:${hit}`));
    assert.deepEqual(found, []);
  });

  it('no import or mention of the library\'s package outside webview/toolkit/ in those folders', () => {
    const found = scannedFiles().filter((file) => packages.some((name) => readFileSync(file, 'utf8').includes(name))).map((file) => relative(REPO_DIR, file));
    assert.deepEqual(found, []);
  });
});
