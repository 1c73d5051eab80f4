import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import type { AppProcessMemory, AppProcessReady } from './app-process';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp, type TestApp } from '../helpers/app';
import { launchChromium } from './chromium';
import { ms, percentile, type BenchRow, type BenchSuite } from './harness';
import type { HeapSummary } from './heap-snapshot';
import { heapAfterGc, heapDetailRows, heapSnapshot, type HeapReading } from './renderer-heap';
import { REPORTS_CUSTOMERS } from './reports-seed';

const PAYMENTS = Number(process.env.BENCH_MEMORY_PAYMENTS ?? 1000);
const CUSTOMERS = 20;
const WARM_UP = 20;
/** The reports suite's world (1.8M invoices at 50,000 customers) for the app's resident memory. */
const WORLD = Number(process.env.BENCH_MEMORY_CUSTOMERS ?? REPORTS_CUSTOMERS);
const RSS_TARGET_MB = 250;
/** A heap snapshot after each heap reading splits the heap into V8 code and the rest (BENCH_MEMORY_SNAPSHOTS=0: off). */
const SNAPSHOTS = process.env.BENCH_MEMORY_SNAPSHOTS !== '0';

/** One payment the way a cashier takes it: type the name, Enter, type the amount, Enter, "Berikutnya". */
export async function payAtDesk(page: Page, name: string) {
  const search = page.getByTestId('desk-search');
  await search.waitFor();
  await search.focus();
  await page.keyboard.type(name);
  await page.getByTestId('desk-result').first().filter({ hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('desk-amount').fill('1000');
  await page.keyboard.press('Enter');
  await page.getByTestId('desk-done').waitFor();
  await page.getByTestId('desk-next').click();
}

/** The desk's customers: CUSTOMERS customers with a large open bill each (the payments never settle it). */
export async function seedDeskCustomers(t: TestApp): Promise<string[]> {
  await t.ok('settings.update', { autoInvoiceRun: false });
  const pkg = await t.ok('packages.create', {
    name: 'Memori 10M',
    bandwidthUp: 5120,
    bandwidthDown: 10240,
    price: 5_000_000,
    billingCycle: 'monthly',
  });
  const names: string[] = [];
  for (let i = 1; i <= CUSTOMERS; i++) {
    const c = await t.ok('customers.create', { name: `Memori Pelanggan ${String(i).padStart(2, '0')}` });
    await t.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
    names.push(c.name);
  }
  await t.ok('billing.generateInvoices', {});
  return names;
}

/** Signs the page in and opens the cashier's shift at the desk. */
export async function openDeskShift(page: Page, url: string): Promise<void> {
  const login = await page.request.post(`${url}/api/auth.login`, {
    data: { username: 'admin', password: 'Rahasia-Kantor-1' },
  });
  if (!login.ok()) throw new Error('bench sign-in failed');
  await page.goto(`${url}/#/cashdesk`);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Kas awal|Opening cash/).fill('100000');
  await dialog.getByTestId('open-shift-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Starts the app in its own process (app-process.ts) and waits until it serves. */
async function startApp(): Promise<{ child: ChildProcess; ready: AppProcessReady }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-process.ts');
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_MEMORY_CUSTOMERS: String(WORLD) },
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the app process stopped (exit code ${code})`);
  });
  const ready = (await Promise.race([once(child, 'message'), exited]))[0] as AppProcessReady;
  return { child, ready };
}

async function appMemory(child: ChildProcess): Promise<AppProcessMemory> {
  const answer = once(child, 'message');
  child.send('rss');
  return (await answer)[0] as AppProcessMemory;
}

/** The screens that fetch the most from the world, three times each (navigation to data shown). */
const SCREENS = [
  { hash: '#/dashboard', ready: 'stat-overdue' },
  { hash: '#/reports/financial', ready: 'financial-table' },
  { hash: '#/reports/aging', ready: 'aging-buckets' },
  { hash: '#/reports/customers', ready: 'customers-table' },
  { hash: '#/customers', ready: 'data-table' },
];

/**
 * The app's resident memory at the world's size, in a process that holds only the app: the bench
 * process also holds Playwright's client (~50 MB), which the desktop app's main process never loads.
 */
async function appProcessRss(browser: Browser): Promise<BenchRow[]> {
  const { child, ready } = await startApp();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const login = await page.request.post(`${ready.url}/api/auth.login`, {
      data: { username: 'admin', password: 'Rahasia-Kantor-1' },
    });
    if (!login.ok()) throw new Error('bench sign-in failed');
    const opened = await appMemory(child);
    for (let round = 0; round < 3; round++)
      for (const s of SCREENS) {
        await page.goto(`${ready.url}/${s.hash}`);
        await page.getByTestId(s.ready).first().waitFor({ state: 'visible', timeout: 60_000 });
      }
    await page.close();
    const app = await appMemory(child);
    return [
      {
        name: "seed (raw SQL, triggers on) in a process of its own: time, peak RSS (the bench's, not the app's)",
        value: `${ready.seedSeconds.toFixed(1)} s, ${ready.seedPeakRssMb.toFixed(0)} MB`,
      },
      {
        name: 'app process RSS after opening the seeded data / after the screens',
        value: `${opened.rssMb.toFixed(0)} MB / ${app.rssMb.toFixed(0)} MB`,
      },
      {
        name: 'app process peak RSS (kernel maxrss: open the seeded data, screens)',
        value: `${app.peakRssMb.toFixed(0)} MB`,
        target: `≤ ${RSS_TARGET_MB} MB`,
        pass: app.peakRssMb <= RSS_TARGET_MB,
      },
    ];
  } finally {
    child.send('close');
    await once(child, 'exit');
  }
}

export const memorySuite: BenchSuite = {
  id: 'memory',
  title: `Memory: the app's resident memory at ${WORLD.toLocaleString('en')} customers, the renderer's JS heap over ${PAYMENTS.toLocaleString('en')} cash-desk payments`,
  notes: `The app's memory: the test app on the reports suite's world (${WORLD.toLocaleString('en')} customers in 3 brands, 36 monthly invoices each) served by the HTTP host in a process of its own (tests/bench/app-process.ts), so the bench's Playwright client (~50 MB, never loaded by the desktop app) is not counted; it still runs through tsx, which the packaged app does not. The world is seeded first by a process of its own (the seed's 2.8M inserts in one transaction are the bench's work; its peak is shown beside, not counted), then the app opens the seeded data folder as the desktop app opens an ISP's data. Its peak is the kernel's maxrss of that process after opening and the dashboard, report and customer screens, three times each. Each payment goes through the real desk screen (search by name, Enter, amount, Enter, "Berikutnya") against the HTTP host, ${CUSTOMERS} customers with a large open bill each, Rp 1.000 at a time. The heap is read through the DevTools protocol after forced full garbage collections, repeated until two readings agree (the lowest kept: one collection right after the desk ran can read up to ~0.6 MB more; its reading is shown beside): once after ${WARM_UP} warm-up payments (code and caches loaded), at each quarter of the payments and at the end (the curve row). A leak would grow with the payments; the target is the end within 10% of the start. After each reading a heap snapshot (BENCH_MEMORY_SNAPSHOTS=0: none) splits the heap into V8 code (DevTools' "Code": bytecode, the code Maglev/TurboFan optimize as the desk runs, feedback, and the dependency lists that code adds to maps) and the rest, for information; tests/bench/heap-diff.ts prints the difference by constructor, by script and by function.`,
  async run() {
    const t = await testApp();
    const names = await seedDeskCustomers(t);
    const staticDir = path.resolve(process.env.PPPOE_OUT ?? 'out', 'renderer');
    if (!fs.existsSync(path.join(staticDir, 'index.html')))
      throw new Error(`run npm run build first: ${staticDir} is missing`);
    const host = createHttpHost({ app: t.app, staticDir });
    const { url } = await host.listen();
    const browser = await launchChromium();
    try {
      const appRows = await appProcessRss(browser);
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await openDeskShift(page, url);
      const times: number[] = [];
      // The heap after the warm-up, at each quarter of the payments and at the end: a leak grows with
      // the payments, code V8 compiles as the desk is used levels off (issue 20).
      const curve = new Map<number, HeapReading>();
      const snaps = new Map<number, HeapSummary>();
      const quarter = Math.max(1, Math.round(PAYMENTS / 4));
      for (let i = 0; i <= PAYMENTS; i++) {
        if (i === WARM_UP || (i > WARM_UP && (i % quarter === 0 || i === PAYMENTS))) {
          curve.set(i, await heapAfterGc(page));
          if (SNAPSHOTS) snaps.set(i, await heapSnapshot(page));
        }
        if (i === PAYMENTS) break;
        const t0 = performance.now();
        await payAtDesk(page, names[i % names.length]!);
        times.push(performance.now() - t0);
      }
      const start = curve.get(WARM_UP)!.settled;
      const end = curve.get(PAYMENTS)!.settled;
      const growth = end / start - 1;
      const mb = (n: number) => `${(n / 2 ** 20).toFixed(2)} MB`;
      const taken = (await t.ok('payments.list', { pageSize: 1 } as never)).total;
      return [
        {
          name: 'payments taken through the desk screen',
          value: `${taken}`,
          target: `${PAYMENTS}`,
          pass: taken === PAYMENTS,
        },
        {
          name: 'one payment at the desk, p50 / p95 (type, Enter, amount, Enter, next)',
          value: `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
        },
        { name: `renderer JS heap after ${WARM_UP} payments (after GC)`, value: mb(start) },
        { name: `renderer JS heap after ${PAYMENTS} payments (after GC)`, value: mb(end) },
        {
          name: `renderer JS heap (after GC) at ${[...curve.keys()].map((n) => n.toLocaleString('en')).join(' / ')} payments`,
          value: [...curve.values()].map((r) => mb(r.settled)).join(' / '),
        },
        {
          name: 'heap growth over the payments',
          value: `${(growth * 100).toFixed(1)} %`,
          target: '≤ 10 %',
          pass: growth <= 0.1,
        },
        ...heapDetailRows(curve, snaps),
        ...appRows,
      ];
    } finally {
      await browser.close();
      await host.close();
      t.close();
    }
  },
};
