/**
 * The memory suite's app, in a process of its own: the test app on the reports suite's world, served
 * over the HTTP host. Run by memory.bench.ts with `fork` (tsx): the bench process also holds
 * Playwright's client (~50 MB), which the desktop app's main process never loads, so the RSS of the
 * app is read here, in a process that holds only the app (and tsx, which the packaged app does not).
 * Messages: it sends `{ url, seedSeconds }` when ready; answers 'rss' with its memory; exits on 'close'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp } from '../helpers/app';
import { seedReportsWorld } from './reports-seed';

export interface AppProcessReady {
  url: string;
  seedSeconds: number;
}

export interface AppProcessMemory {
  /** Peak resident set of this process so far (kernel maxrss), MB. */
  peakRssMb: number;
  rssMb: number;
  heapUsedMb: number;
}

async function main() {
  const customers = Number(process.env.BENCH_MEMORY_CUSTOMERS);
  const t = await testApp();
  const started = Date.now();
  if (customers > 0) seedReportsWorld(t.app.ctx.sqlite, customers, 3);
  const seedSeconds = (Date.now() - started) / 1000;
  const staticDir = path.resolve(process.env.PPPOE_OUT ?? 'out', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html')))
    throw new Error(`run npm run build first: ${staticDir} is missing`);
  const host = createHttpHost({ app: t.app, staticDir });
  const { url } = await host.listen();
  process.on('message', (m) => {
    if (m === 'rss') {
      const mem = process.memoryUsage();
      const reply: AppProcessMemory = {
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        rssMb: mem.rss / 2 ** 20,
        heapUsedMb: mem.heapUsed / 2 ** 20,
      };
      process.send!(reply);
    } else if (m === 'close') {
      void host.close().then(() => {
        t.close();
        process.exit(0);
      });
    }
  });
  const ready: AppProcessReady = { url, seedSeconds };
  process.send!(ready);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
