import path from 'node:path';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp } from '../helpers/app';
import { launchChromium } from './chromium';
import { takeHeapSnapshot, type HeapSummary } from './heap-snapshot';
import { openDeskShift, payAtDesk, seedDeskCustomers } from './memory.bench';

/**
 * What the renderer's heap holds more of after many cash-desk payments (issue 20): the memory suite's desk
 * flow, a heap snapshot after the warm-up and after each later checkpoint, printed as the difference from the
 * first snapshot: by node type (code, closures, strings, objects…), by constructor, the objects allocated
 * since the first snapshot that are still alive (DevTools' "Objects allocated between snapshots": one CDP
 * session for all snapshots keeps the node ids comparable), and the optimized code by script and function.
 *
 *   PPPOE_OUT=/tmp/out npx tsx tests/bench/heap-diff.ts [CHECKPOINTS=20,250,500,1000] [TOP=25] [SAVE=/tmp/snap]
 *
 * SAVE writes each snapshot as SAVE-<payments>.heapsnapshot (DevTools > Memory > Load).
 */
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const signed = (n: number) => `${n > 0 ? '+' : ''}${kb(n)}`;

/** The entries of `now` that changed most since `first`, largest change first. */
function grown<V>(now: Map<string, V>, first: Map<string, V>, bytes: (v: V | undefined) => number, top: number) {
  const keys = new Set([...now.keys(), ...first.keys()]);
  return [...keys]
    .map((k) => [k, bytes(now.get(k)) - bytes(first.get(k))] as const)
    .filter(([, d]) => d !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, top);
}

function print(i: number, s: HeapSummary, first: HeapSummary, top: number) {
  console.log(
    `after ${i} payments: Runtime.getHeapUsage usedSize ${kb(s.usedSize)} (${signed(s.usedSize - first.usedSize)})`,
  );
  console.log(
    '  by type:',
    [...s.byType].map(([k, v]) => `${k} ${kb(v)} (${signed(v - (first.byType.get(k) ?? 0))})`).join(', '),
  );
  if (s === first) return;
  console.log('  by constructor (change):');
  for (const [k, d] of grown(s.byName, first.byName, (v) => v ?? 0, top)) console.log('   ', signed(d).padStart(9), k);
  // Alive now, allocated after the first snapshot: what a leak keeps (code shows here too).
  const fresh = new Map<string, number>();
  for (const [id, n] of s.ids!) if (!first.ids!.has(id)) fresh.set(n.key, (fresh.get(n.key) ?? 0) + n.size);
  console.log(
    `  allocated since the first snapshot and still alive: ${kb([...fresh.values()].reduce((a, b) => a + b, 0))}`,
  );
  for (const [k, v] of [...fresh].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log('   ', kb(v).padStart(9), k);
  const bytes = (v: { bytes: number } | undefined) => v?.bytes ?? 0;
  console.log('  optimized code (Maglev/TurboFan) by script (change):');
  for (const [k, d] of grown(s.optimizedByScript, first.optimizedByScript, bytes, top))
    console.log(
      '   ',
      signed(d).padStart(9),
      `${k} (${first.optimizedByScript.get(k)?.count ?? 0} → ${s.optimizedByScript.get(k)?.count ?? 0} functions)`,
    );
  console.log('  optimized code by function (change):');
  for (const [k, d] of grown(s.optimizedByFunction, first.optimizedByFunction, bytes, top))
    console.log('   ', signed(d).padStart(9), k);
}

async function main() {
  const checkpoints = (process.env.CHECKPOINTS ?? '20,250,500,1000').split(',').map(Number);
  const top = Number(process.env.TOP ?? 25);
  const t = await testApp();
  const names = await seedDeskCustomers(t);
  const host = createHttpHost({ app: t.app, staticDir: path.resolve(process.env.PPPOE_OUT ?? 'out', 'renderer') });
  const { url } = await host.listen();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await openDeskShift(page, url);
  const cdp = await page.context().newCDPSession(page);
  let first: HeapSummary | null = null;
  for (let i = 0; i <= checkpoints.at(-1)!; i++) {
    if (checkpoints.includes(i)) {
      const save = process.env.SAVE ? `${process.env.SAVE}-${i}.heapsnapshot` : undefined;
      const s = await takeHeapSnapshot(cdp, { save, ids: true });
      first ??= s;
      print(i, s, first, top);
    }
    if (i < checkpoints.at(-1)!) await payAtDesk(page, names[i % names.length]!);
  }
  await cdp.detach();
  await browser.close();
  await host.close();
  t.close();
  process.exit(0);
}
void main();
