import fs from 'node:fs';
import path from 'node:path';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp } from '../helpers/app';
import { launchChromium } from './chromium';
import { seedReportsWorld } from './reports-seed';

/**
 * Where the renderer spends a screen's first paint (issue 20): navigates from the customer list to one
 * screen RUNS times in Debian's Chromium with the CDP sampling profiler on, and prints the self time per
 * function (summed over the runs) and the navigation → ready times.
 *
 *   PPPOE_OUT=/tmp/out npm run build:renderer
 *   PPPOE_OUT=/tmp/out SCREEN=aging RUNS=5 [N=5000] [PROFILE=/tmp/aging.cpuprofile] npx tsx tests/bench/screen-profile.ts
 */
const SCREENS: Record<string, { hash: string; ready: string }> = {
  aging: { hash: '#/reports/aging', ready: 'aging-buckets' },
  customers: { hash: '#/reports/customers', ready: 'customers-table' },
  financial: { hash: '#/reports/financial', ready: 'financial-table' },
  dashboard: { hash: '#/dashboard', ready: 'stat-overdue' },
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

async function main() {
  const t = await testApp();
  seedReportsWorld(t.app.ctx.sqlite, Number(process.env.N ?? 5000), 3);
  const host = createHttpHost({ app: t.app, staticDir: path.resolve(process.env.PPPOE_OUT ?? 'out', 'renderer') });
  const { url } = await host.listen();
  const browser = await launchChromium();
  const s = SCREENS[process.env.SCREEN ?? 'aging']!;
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.request.post(`${url}/api/auth.login`, { data: { username: 'admin', password: 'Rahasia-Kantor-1' } });
  const self = new Map<string, number>();
  const times: number[] = [];
  for (let i = 0; i < Number(process.env.RUNS ?? 5); i++) {
    await page.goto(`${url}/#/customers`);
    await page.getByTestId('data-table').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await page.evaluate((h) => (location.hash = h), s.hash);
    await page.getByTestId(s.ready).waitFor({ state: 'visible', timeout: 30_000 });
    times.push(Date.now() - t0);
    const { profile } = await cdp.send('Profiler.stop');
    if (process.env.PROFILE)
      fs.writeFileSync(process.env.PROFILE.replace('.cpuprofile', `-${i}.cpuprofile`), JSON.stringify(profile));
    const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, k) => {
      const f = nodes.get(id)!.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
    });
    await cdp.detach();
  }
  console.log('navigation → ready, ms:', times.join(' '));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`self time over the runs: ${total.toFixed(0)} ms`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40)))
    console.log(v.toFixed(1).padStart(8), k);
  await browser.close();
  await host.close();
  t.close();
  process.exit(0);
}
void main();
