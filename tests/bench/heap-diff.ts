import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createHttpHost } from '../../src-main/host/http/server';
import { testApp } from '../helpers/app';
import { launchChromium } from './chromium';
import { openDeskShift, payAtDesk, seedDeskCustomers } from './memory.bench';

/**
 * What the renderer's heap holds more of after many cash-desk payments (issue 20): the memory suite's desk
 * flow, a heap snapshot after the warm-up and after each later checkpoint, summed by node type (code,
 * closures, strings, objects…) and by constructor, printed as the difference from the first snapshot.
 *
 *   PPPOE_OUT=/tmp/out npx tsx tests/bench/heap-diff.ts [CHECKPOINTS=20,250,500,1000] [TOP=25]
 */
interface Summary {
  byType: Map<string, number>;
  byName: Map<string, number>;
  total: number;
  /** Runtime.getHeapUsage after the GC: what the memory suite reads (usedSize). */
  usage: object;
}

async function snapshot(page: Page): Promise<Summary> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const s: Summary = { byType: new Map(), byName: new Map(), total: 0, usage };
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType]!]!;
    const size = snap.nodes[i + iSize]!;
    const named = ['object', 'closure', 'code', 'native'].includes(type);
    const name = named ? snap.strings[snap.nodes[i + iName]!]! : '';
    s.byType.set(type, (s.byType.get(type) ?? 0) + size);
    // Contexts are named after their snapshot id: one key for all of them.
    const key = `${type}:${name.replace(/ @\d+$/, '').slice(0, 60)}`;
    s.byName.set(key, (s.byName.get(key) ?? 0) + size);
    s.total += size;
  }
  return s;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

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
  let first: Summary | null = null;
  for (let i = 0; i <= checkpoints.at(-1)!; i++) {
    if (checkpoints.includes(i)) {
      const s = await snapshot(page);
      first ??= s;
      const d = (k: string) => s.byType.get(k)! - (first!.byType.get(k) ?? 0);
      console.log(
        `after ${i} payments: snapshot ${kb(s.total)} (${s.total > first.total ? '+' : ''}${kb(s.total - first.total)})`,
      );
      console.log('  Runtime.getHeapUsage:', JSON.stringify(s.usage));
      console.log(
        '  by type:',
        [...s.byType.keys()].map((k) => `${k} ${kb(s.byType.get(k)!)} (${kb(d(k))})`).join(', '),
      );
      if (s !== first) {
        const grown = [...s.byName].map(([k, v]) => [k, v - (first!.byName.get(k) ?? 0)] as const);
        for (const [k, v] of grown.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, top))
          console.log('   ', kb(v).padStart(9), k);
      }
      if (process.env.KEEP) fs.writeFileSync(`${process.env.KEEP}-${i}.json`, JSON.stringify([...s.byName]));
    }
    if (i < checkpoints.at(-1)!) await payAtDesk(page, names[i % names.length]!);
  }
  await browser.close();
  await host.close();
  t.close();
  process.exit(0);
}
void main();
