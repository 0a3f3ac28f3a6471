// Renders the marketplace icon, scripts/icon.svg, to media/icon.png (128×128) with Debian's
// Chromium, and a preview of it on light and dark backgrounds, at full and list size, to
// .test-artifacts/icon-preview.png for a person to look at.
//
//   node scripts/render-icon.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './lib/util.mjs';

const svg = readFileSync(join(repoRoot, 'scripts', 'icon.svg'), 'utf8');
const iconFile = join(repoRoot, 'media', 'icon.png');
const previewFile = join(repoRoot, '.test-artifacts', 'icon-preview.png');
const backgrounds = ['#ffffff', '#f3f3f3', '#1e1e1e', '#000000'];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: iconFile, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  console.log(`wrote ${iconFile}`);

  // The PNG itself, as the marketplace and the Extensions view show it (128 px and 42 px).
  const png = `data:image/png;base64,${readFileSync(iconFile).toString('base64')}`;
  const tiles = backgrounds
    .map((bg) => `<div style="background:${bg};padding:16px;display:flex;gap:16px;align-items:center"><img src="${png}" width="128" height="128"><img src="${png}" width="42" height="42"></div>`)
    .join('');
  await page.setViewportSize({ width: 4 * 218, height: 160 });
  await page.setContent(`<!doctype html><html><body style="margin:0;display:flex">${tiles}</body></html>`);
  mkdirSync(join(repoRoot, '.test-artifacts'), { recursive: true });
  await page.screenshot({ path: previewFile, fullPage: true });
  console.log(`wrote ${previewFile}`);
} finally {
  await browser.close();
}
