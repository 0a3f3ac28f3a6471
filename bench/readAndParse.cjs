// The alternative the CLI is measured against: a Node process that reads every plan of a folder and
// runs markdown-it's full parse on each (the same preset and options as the product's parser).
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const MarkdownIt = require('markdown-it');

const md = new MarkdownIt('default', { html: true });
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
let tokens = 0;
for (const file of walk(process.argv[2])) tokens += md.parse(readFileSync(file, 'utf8'), {}).length;
process.stdout.write(`${tokens}\n`);
