import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * Issue 12 §6: English left in the Indonesian UI (router errors, "0 invoices" in the automation log,
 * audit action codes). Opens every screen of the navigation and every tab on it, in Indonesian, with
 * data on them (demo data, the automation log line the walkthrough saw, audit rows), and reads the
 * visible text and placeholders for English words. tests/unit/renderer/ui-literals.test.ts checks the
 * source; this checks what the screens actually show, server data included.
 */

/**
 * English words that are not also Indonesian (so "Total", "Status", "Data", "Router", "Online",
 * "Shift", "Deposit", "Download", "Upload" are not in it: Indonesian UIs use them too).
 */
const ENGLISH = [
  'the',
  'and',
  'with',
  'not',
  'found',
  'must',
  'required',
  'invoice',
  'invoices',
  'payment',
  'payments',
  'customer',
  'customers',
  'package',
  'packages',
  'subscription',
  'failed',
  'pending',
  'error',
  'settings',
  'save',
  'cancel',
  'delete',
  'edit',
  'search',
  'loading',
  'never',
  'amount',
  'active',
  'inactive',
  'create',
  'update',
  'login',
  'logout',
  'user',
  'users',
  'due',
  'grace',
  'days',
  'expired',
  'cleared',
  'restore',
  'backup',
  'unreachable',
  'refused',
  'connection',
  'timeout',
  'none',
  'ok',
];
const ENGLISH_RE = new RegExp(`\\b(${ENGLISH.join('|')})\\b`, 'gi');

async function englishOnScreen(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // Stored record data shown as is (the audit trail's field diff) is marked translate="no".
    let main = document.querySelector('main')?.innerText ?? document.body.innerText;
    for (const raw of document.querySelectorAll<HTMLElement>('[translate="no"]'))
      main = main.replace(raw.innerText, '');
    const out = [main];
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]'))
      out.push(el.placeholder);
    for (const el of document.querySelectorAll('[aria-label]')) out.push(el.getAttribute('aria-label') ?? '');
    return out;
  });
  return [...new Set(texts.flatMap((t) => t.match(ENGLISH_RE) ?? []))];
}

test('every screen and tab in Indonesian shows no English words', async ({ adminPage: page, api, host }) => {
  test.setTimeout(180_000);
  await api.ok('demo.load', {});
  // The automation log line the walkthrough saw in English, and an automation run's own lines.
  api.sql((db) =>
    db
      .prepare(`INSERT INTO automation_log(at, action, detail, result) VALUES (?, 'invoice.run', ?, 'ok')`)
      .run(new Date().toISOString(), '2026-12: 0 invoices, Rp 0'),
  );
  await api.ok('billing.runAutomation', {});

  await page.goto(`${host.url}/#/dashboard`);
  const nav = page.getByRole('navigation').getByRole('link');
  await expect(nav.first()).toBeVisible();
  const screens = await nav.evaluateAll((links) =>
    links.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
  );
  expect(screens.length).toBeGreaterThanOrEqual(18);

  const found: string[] = [];
  for (const s of screens) {
    await page.goto(`${host.url}/${s.href.startsWith('#') ? s.href : `#${s.href}`}`);
    const heading = page.getByRole('heading', { level: 2 }).first();
    await expect(heading).toBeVisible();
    // Lists load after the frame: wait for the loading states to finish.
    await expect(page.getByText('Memuat…')).toHaveCount(0);
    const tabs = page.getByRole('main').getByRole('tab');
    const tabCount = await tabs.count();
    for (let i = 0; i <= tabCount; i++) {
      if (i > 0) {
        await tabs.nth(i - 1).click();
        await expect(tabs.nth(i - 1)).toHaveAttribute('aria-selected', 'true');
        await expect(page.getByText('Memuat…')).toHaveCount(0);
      }
      for (const w of await englishOnScreen(page)) found.push(`${s.name}${i ? ` / tab ${i}` : ''}: ${w}`);
    }
  }
  expect(found, `English on Indonesian screens:\n${found.join('\n')}\n`).toEqual([]);

  // The walkthrough's cases, seen on their screens in Indonesian.
  await page.goto(`${host.url}/#/automation`);
  await expect(page.getByText('2026-12: 0 tagihan, Rp 0').first()).toBeVisible();
  await page.goto(`${host.url}/#/audit`);
  await expect(page.getByRole('table').getByText('Tambah pelanggan').first()).toBeVisible();
  await expect(page.getByRole('table').getByText('customer.create')).toHaveCount(0);
});
