import { expect, type Page, type TestInfo } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The phone sweep (tests/e2e/phone-staff*.spec.ts): every staff screen and every tab of it at 390 px,
 * each measured with rows in its lists. The screens are read from the app's route table, so a new
 * screen is swept (and must get rows, or a stated reason) without editing the specs' route lists.
 */
const ROUTES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../src-renderer/app/routes.tsx');
// `/collect` is the field collector's own screen (permission collector.use): an Admin is sent elsewhere.
const NOT_FOR_ADMIN = new Set(['/collect']);
const SWEPT_SECTIONS = ['main', 'network', 'finance', 'admin'] as const;
export type Section = (typeof SWEPT_SECTIONS)[number];

export const PHONE = { width: 390, height: 844 };

/** The staff routes of the given nav sections, in the route table's order. */
export function routesIn(sections: Section[]): string[] {
  const entries = [...fs.readFileSync(ROUTES_FILE, 'utf8').matchAll(/\{\s*path: '(\/[a-z-]+)'[^}]*?section: '(\w+)'/g)];
  const all = [...fs.readFileSync(ROUTES_FILE, 'utf8').matchAll(/path: '(\/[a-z-]+)'/g)].map((m) => m[1]!);
  const bySection = new Map(entries.map((m) => [m[1]!, m[2]!]));
  // A route in no section (or a new section) would be swept by no spec: fail loudly instead.
  for (const r of all) {
    const s = bySection.get(r);
    if (!s || !(SWEPT_SECTIONS as readonly string[]).includes(s)) throw new Error(`${r}: section ${s} is not swept`);
  }
  return all.filter((r) => !NOT_FOR_ADMIN.has(r) && sections.includes(bySection.get(r) as Section));
}

export interface SweepOptions {
  /**
   * Views (`/route` or `/route [Tab]`, the tab's label as shown in Indonesian) that hold no table rows
   * by nature (forms, cards): every other view must show at least one table row before it is measured,
   * so the sweep cannot pass on an empty list again.
   */
  noRows: Record<string, string>;
  /** Extra waits for a view's own data, keyed like `noRows`. */
  ready?: Record<string, (page: Page) => Promise<void>>;
}

/**
 * Opens each path at phone size, then clicks through each of its tabs (role=tab, read from the page),
 * waits for the data and measures the page width. Returns the views wider than the screen, each with a
 * screenshot in the test's output folder.
 */
export async function sweep(page: Page, baseUrl: string, paths: string[], opts: SweepOptions, info: TestInfo) {
  const wide: string[] = [];
  const seen = new Set<string>();
  const measure = async (view: string) => {
    seen.add(view);
    await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
    await opts.ready?.[view]?.(page);
    if (!(view in opts.noRows))
      await expect(page.locator('main tbody tr').filter({ visible: true }).first(), view).toBeVisible();
    await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
    const size = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: innerWidth }));
    const cut = await cutBadges(page);
    if (size.page > size.screen || cut.length > 0) {
      if (size.page > size.screen) wide.push(`${view}: ${size.page} px (${(await overflowing(page)).join(', ')})`);
      for (const text of cut) wide.push(`${view}: badge cut to "${text}"`);
      await page.screenshot({ path: info.outputPath(`${view.replace(/[^a-z0-9]+/gi, '_')}.png`), fullPage: true });
    }
  };
  for (const route of paths) {
    await page.goto(`${baseUrl}/#${route}`);
    // The screen's code is loaded on demand: allow a busy machine time for it.
    await expect(page.locator('main').getByRole('heading').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
    const tabs = page.locator('main [role=tab]');
    const count = await tabs.count();
    if (count === 0) await measure(route);
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await measure(`${route} [${(await tab.innerText()).trim()}]`);
    }
  }
  // A stale entry (a renamed tab) would silently stop excusing or waiting for anything.
  const stale = [...Object.keys(opts.noRows), ...Object.keys(opts.ready ?? {})].filter((v) => !seen.has(v));
  expect(stale, 'views named in the sweep options that were not visited').toEqual([]);
  return wide;
}

/**
 * Badges whose text is cut (Mantine ends a badge's label with "…" when its box is squeezed, e.g. by a
 * table column on a phone): a status or a count shown as "61 H…" says nothing. Returns their full texts.
 */
async function cutBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main .mantine-Badge-label')]
      .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => (el.textContent ?? '').trim())
      .slice(0, 5),
  );
}

/** The outermost elements that stick out past the screen's right edge, named for the failure message. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (el: Element) => {
      if (el.getBoundingClientRect().right > innerWidth + 0.5 && out.length < 3) {
        const id = el.getAttribute('data-testid');
        const cls = [...el.classList].find((c) => c.startsWith('mantine-')) ?? el.className.toString().split(' ')[0];
        // Name the one whose children all fit: the element that pushes the page, not its ancestors.
        if (![...el.children].some((c) => c.getBoundingClientRect().right > innerWidth + 0.5))
          out.push(`${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : cls ? `.${cls}` : ''}`);
      }
      // What sticks out inside a box that scrolls (or clips) its own content does not widen the page.
      if (el.tagName === 'MAIN' || getComputedStyle(el).overflowX === 'visible') for (const c of el.children) walk(c);
    };
    walk(document.querySelector('main') ?? document.body);
    return out;
  });
}
