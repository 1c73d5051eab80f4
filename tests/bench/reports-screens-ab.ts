import path from 'node:path';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp } from '../helpers/app';
import { launchChromium } from './chromium';
import { seedReportsWorld } from './reports-seed';

/**
 * Renderer builds side by side (issue 20): one app and seeded database served through the HTTP host once
 * per build, each screen navigated RUNS times per build in Debian's Chromium, the builds taking turns, so a
 * busy machine weighs on all of them alike. Per build: median from navigation to the screen's ready
 * element visible, and the renderer's task time (CDP Performance metrics). The debtor lists are capped
 * (500 per bucket), so N=5000 gives the aging screen the same rows as 50,000.
 *
 *   PPPOE_OUT=/tmp/old npm run build:renderer   # on the old commit, then the new one into /tmp/new
 *   DIRS=/tmp/old,/tmp/new SCREENS=aging,customers RUNS=7 [N=5000] [DETAIL=1] npx tsx tests/bench/reports-screens-ab.ts
 */
async function main() {
  const t = await testApp();
  const n = Number(process.env.N ?? 5000);
  const s0 = Date.now();
  seedReportsWorld(t.app.ctx.sqlite, n, 3);
  console.log('seeded', n, (Date.now() - s0) / 1000, 's');
  const builds = (process.env.DIRS ?? 'out').split(',');
  const hosts = await Promise.all(
    builds.map(async (d) => {
      const host = createHttpHost({ app: t.app, staticDir: path.resolve(d, 'renderer') });
      return { d, host, url: (await host.listen()).url };
    }),
  );
  const browser = await launchChromium();
  const pages = [];
  const loaded: string[] = [];
  let tStart = 0;
  for (const h of hosts) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.request.post(`${h.url}/api/auth.login`, {
      data: { username: 'admin', password: 'Rahasia-Kantor-1' },
      headers: { 'Content-Type': 'application/json' },
    });
    page.on('response', (r) => {
      if (tStart) loaded.push(`${r.url().split('/').pop()}@${Date.now() - tStart}`);
    });
    pages.push(page);
  }
  const screens = (process.env.SCREENS ?? 'aging').split(',').map(
    (s) =>
      ({
        aging: { hash: '#/reports/aging', ready: 'aging-buckets' },
        customers: { hash: '#/reports/customers', ready: 'customers-table' },
        dashboard: { hash: '#/dashboard', ready: 'stat-overdue' },
      })[s]!,
  );
  const runs = Number(process.env.RUNS ?? 7);
  for (const s of screens) {
    const res = hosts.map(() => [] as number[]);
    const cpu = hosts.map(() => [] as number[]);
    for (let i = 0; i < runs; i++)
      for (const k of hosts.map((_, j) => (i + j) % hosts.length)) {
        const page = pages[k]!;
        await page.goto(`${hosts[k]!.url}/#/customers`);
        await page.getByTestId('data-table').waitFor();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const before = await cdp.send('Performance.getMetrics');
        const t0 = Date.now();
        tStart = t0;
        await page.evaluate((h) => (location.hash = h), s.hash);
        await page.getByTestId(s.ready).waitFor({ state: 'visible', timeout: 30_000 });
        res[k]!.push(Date.now() - t0);
        tStart = 0;
        const after = await cdp.send('Performance.getMetrics');
        const m = (x: typeof before, name: string) => x.metrics.find((q) => q.name === name)?.value ?? 0;
        cpu[k]!.push(Math.round((m(after, 'TaskDuration') - m(before, 'TaskDuration')) * 1000));
        if (process.env.DETAIL)
          console.log(
            '   ',
            hosts[k]!.d,
            s.hash,
            res[k]!.at(-1),
            [
              'ScriptDuration',
              'RecalcStyleDuration',
              'LayoutDuration',
              'TaskDuration',
              'RecalcStyleCount',
              'LayoutCount',
              'Nodes',
            ]
              .map(
                (q) =>
                  `${q.replace('Duration', '')}=${Math.round((m(after, q) - m(before, q)) * (q.endsWith('Duration') ? 1000 : 1))}`,
              )
              .join(' '),
            'resources:',
            loaded.splice(0).join(' '),
          );
        await cdp.detach();
      }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const [k, h] of hosts.entries()) {
      const dom = await pages[k]!.evaluate(() => document.getElementsByTagName('*').length);
      console.log(
        s.hash,
        h.d,
        'median',
        med(res[k]!),
        'ms',
        res[k]!.join(' '),
        '| renderer task time median',
        med(cpu[k]!),
        'ms | DOM',
        dom,
      );
    }
  }
  await browser.close();
  for (const h of hosts) await h.host.close();
  t.close();
}
main();
