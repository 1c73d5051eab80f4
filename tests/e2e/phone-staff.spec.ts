import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, signInPage, test } from './fixtures';

/*
 * Every staff screen at phone size (390×844) with the demo data: nothing may make the page wider than
 * the screen (a sideways-scrolling page hides its own buttons). Wide tables scroll inside their own box.
 * The screens are read from the app's route table, so a new screen is checked without editing this file.
 */
const ROUTES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src-renderer/app/routes.tsx');
// `/collect` is the field collector's own screen (permission collector.use): an Admin is sent elsewhere.
const NOT_FOR_ADMIN = new Set(['/collect']);
const routes = [...fs.readFileSync(ROUTES_FILE, 'utf8').matchAll(/path: '(\/[a-z-]+)'/g)]
  .map((m) => m[1]!)
  .filter((r) => !NOT_FOR_ADMIN.has(r));

test.use({ viewport: { width: 390, height: 844 } });

test('no staff screen is wider than a phone (390 px)', async ({ page, host, api }) => {
  test.setTimeout(240_000);
  expect(routes.length).toBeGreaterThan(25);
  await api.ok('demo.load', {});
  await signInPage(page, host, '#/dashboard');
  const wide: string[] = [];
  for (const route of routes) {
    await page.goto(`${host.url}/#${route}`);
    await expect(page.locator('main h2').first()).toBeVisible();
    // The screen's data is in: no loader left.
    await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
    const size = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: innerWidth }));
    if (size.page > size.screen) {
      wide.push(`${route}: ${size.page} px`);
      await page.screenshot({ path: test.info().outputPath(`${route.slice(1)}.png`) });
    }
  }
  expect(wide).toEqual([]);
});
