/**
 * Draws the portal's PWA icons (PNG) from its SVG, src-renderer/portal/public/icon.svg, in Chromium
 * (Debian's /usr/bin/chromium or CHROMIUM_PATH, through playwright-core: no browser is downloaded):
 *   icon-192.png, icon-512.png  ("any": the SVG as drawn, transparent corners)
 *   icon-maskable-512.png       (full-bleed background, the drawing inside the 80 % safe zone, for
 *                                Android's round and squircle masks)
 * The PNGs are committed (the Windows build has no Chromium); run `node scripts/portal-icons.mjs` after
 * changing the SVG. tests/unit/portal/pwa-icons.test.ts checks they match the manifest and the SVG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src-renderer/portal/public');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
/** The SVG's background colour fills a maskable icon's bleed area. */
const background = /<rect[^>]*fill="(#[0-9a-fA-F]{6})"/.exec(svg)?.[1] ?? '#1971c2';

const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inner = icon.maskable ? Math.round(icon.size * 0.8) : icon.size;
    const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:${icon.maskable ? background : 'transparent'};display:grid;place-items:center;height:100vh">
       <img src="${url}" width="${inner}" height="${inner}"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: path.join(dir, icon.file), omitBackground: !icon.maskable });
    await page.close();
    console.log(`${icon.file} ${icon.size}x${icon.size}`);
  }
} finally {
  await browser.close();
}
