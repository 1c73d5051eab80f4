/**
 * The memory suite's app, in a process of its own: the test app on the reports suite's world, served
 * over the HTTP host. Run by memory.bench.ts with `fork` (tsx): the bench process also holds
 * Playwright's client (~50 MB), which the desktop app's main process never loads, so the RSS of the
 * app is read here, in a process that holds only the app (and tsx, which the packaged app does not).
 * The world is seeded by a process of its own first (this script with BENCH_APP_PROCESS=seed): 2.8M rows
 * inserted in one transaction is the bench's work, not the app's, and its memory (V8's garbage from the
 * seed loop, malloc arenas that stay with the process) used to be most of this process's peak. The app
 * then opens the seeded data folder as the desktop app opens an existing one.
 * Messages: it sends `{ url, seedSeconds, seedPeakRssMb }` when ready; answers 'rss' with its memory;
 * exits on 'close'. The seed process sends `{ dataDir, seedSeconds, peakRssMb }` and exits.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src-main/app';
import { createHttpHost } from '../../src-main/host/http/server';
import { silentLogger } from '../../src-main/logging/logger';
import { FakeClock, MIGRATIONS, testApp, testKeyStore } from '../helpers/app';
import { seedReportsWorld } from './reports-seed';

export interface AppProcessReady {
  url: string;
  seedSeconds: number;
  /** Peak resident set of the seed's own process, MB (not the app's). */
  seedPeakRssMb: number;
}

export interface AppProcessMemory {
  /** Peak resident set of this process so far (kernel maxrss), MB. */
  peakRssMb: number;
  rssMb: number;
  heapUsedMb: number;
}

interface Seeded {
  dataDir: string;
  seedSeconds: number;
  peakRssMb: number;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The seed process: a test app's data folder (admin, key) with the world in it, left on disk for the app. */
async function seed() {
  const t = await testApp();
  const started = Date.now();
  const customers = Number(process.env.BENCH_MEMORY_CUSTOMERS);
  if (customers > 0) seedReportsWorld(t.app.ctx.sqlite, customers, 3);
  const seedSeconds = (Date.now() - started) / 1000;
  t.app.close();
  const done: Seeded = { dataDir: t.dataDir, seedSeconds, peakRssMb: peakRssMb() };
  process.send!(done, () => process.exit(0));
}

async function seedInOwnProcess(): Promise<Seeded> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_APP_PROCESS: 'seed' },
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the seed process stopped (exit code ${code})`);
  });
  const [seeded] = (await Promise.race([once(child, 'message'), exited])) as [Seeded];
  await once(child, 'exit').catch(() => undefined);
  return seeded;
}

async function main() {
  const seeded = await seedInOwnProcess();
  const { dataDir } = seeded;
  // The app on the existing folder, as the desktop app starts on an ISP's data (same options as testApp).
  const app = createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    clock: new FakeClock(),
    logger: silentLogger,
    appVersion: '0.0.0-test',
    ...testKeyStore(dataDir),
  });
  const staticDir = path.resolve(process.env.PPPOE_OUT ?? 'out', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html')))
    throw new Error(`run npm run build first: ${staticDir} is missing`);
  const host = createHttpHost({ app, staticDir });
  const { url } = await host.listen();
  process.on('message', (m) => {
    if (m === 'rss') {
      const mem = process.memoryUsage();
      const reply: AppProcessMemory = {
        peakRssMb: peakRssMb(),
        rssMb: mem.rss / 2 ** 20,
        heapUsedMb: mem.heapUsed / 2 ** 20,
      };
      process.send!(reply);
    } else if (m === 'close') {
      void host.close().then(() => {
        app.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  const ready: AppProcessReady = { url, seedSeconds: seeded.seedSeconds, seedPeakRssMb: seeded.peakRssMb };
  process.send!(ready);
}

(process.env.BENCH_APP_PROCESS === 'seed' ? seed() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
