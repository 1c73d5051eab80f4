import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './helpers/host';

/**
 * The production build ships no source maps: no .map file and no sourceMappingURL comment anywhere in
 * the renderer, the browser host, the Electron main or the preload bundle (electron-builder packages
 * out/), and the browser host answers 404 to any *.map request.
 */
const out = path.resolve(process.env.PPPOE_OUT ?? 'out');
const BUNDLES = ['renderer', 'host', 'main', 'preload'];

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

test.describe('production build', () => {
  test('contains no source maps', () => {
    const all = BUNDLES.flatMap((b) => files(path.join(out, b)));
    expect(all.filter((f) => /\.(js|mjs|cjs)$/.test(f)).length).toBeGreaterThan(3);
    expect(all.filter((f) => /\.map$/i.test(f))).toEqual([]);
    const mapped = all
      .filter((f) => /\.(js|mjs|cjs|css)$/.test(f))
      .filter((f) => /[#@]\s*sourceMappingURL=/.test(fs.readFileSync(f, 'utf8')));
    expect(mapped).toEqual([]);
  });

  test.describe('browser host', () => {
    let host: Host;
    test.beforeAll(async () => {
      host = await startHost();
    });
    test.afterAll(async () => host?.stop());

    test('answers 404 to source map requests', async ({ request }) => {
      const script = fs.readdirSync(path.join(out, 'renderer', 'assets')).find((f) => f.endsWith('.js'))!;
      expect((await request.get(`${host.url}/assets/${script}`)).status()).toBe(200);
      for (const p of [`/assets/${script}.map`, '/assets/index.js.map', '/index.css.map']) {
        const r = await request.get(`${host.url}${p}`);
        expect(r.status(), p).toBe(404);
        expect(await r.text()).not.toContain('<html');
      }
    });
  });
});
