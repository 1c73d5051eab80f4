import type { Page } from '@playwright/test';
import type { BenchRow } from './harness';
import { optimizedSplit, takeHeapSnapshot, type HeapSummary } from './heap-snapshot';

/** Collections per reading at most: the heap settles within 3–6 after the desk ran (issue 20). */
const MAX_COLLECTIONS = 10;

export interface HeapReading {
  /** The live JS heap: the lowest reading over full collections repeated until it stops falling. */
  settled: number;
  /** The reading after the first collection alone (what the memory suite read before). */
  first: number;
}

/**
 * The renderer's live JS heap (Chrome DevTools Protocol, Runtime.getHeapUsage after HeapProfiler.collectGarbage).
 * One collection right after the desk ran does not free everything and a reading can catch an allocation made
 * between the collection and the reading: on one idle page five collections in a row read 10.47 / 10.47 /
 * 10.93 / 10.35 / 10.35 MB (MiB, as the suite prints). So it collects again until two readings agree (at most
 * MAX_COLLECTIONS) and keeps the lowest: garbage and stray allocations only ever add to a reading, a collection
 * never frees a live object.
 */
export async function heapAfterGc(page: Page): Promise<HeapReading> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const reads: number[] = [];
    for (let k = 0; k < MAX_COLLECTIONS && !(k >= 2 && reads[k - 1] === reads[k - 2]); k++) {
      await cdp.send('HeapProfiler.collectGarbage');
      reads.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
    }
    return { settled: Math.min(...reads), first: reads[0]! };
  } finally {
    await cdp.detach();
  }
}

/** A heap snapshot, taken after the heap reading (its own CDP session, detached after). */
export async function heapSnapshot(page: Page): Promise<HeapSummary> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await takeHeapSnapshot(cdp);
  } finally {
    await cdp.detach();
  }
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(2)} MB`;
const pct = (end: number, start: number) => `${((end / start - 1) * 100).toFixed(1)} %`;

/**
 * Information beside the heap target (issue 20), no target of their own: the single-collection reading the
 * suite used before, and what the curve is made of: V8 code (DevTools' "Code": bytecode, optimized code,
 * feedback, and the dependency lists optimized code adds to maps), the heap without it, and the optimized code
 * of the app's scripts beside Playwright's injected script (the bench's locators run in the page's heap too).
 */
export function heapDetailRows(curve: Map<number, HeapReading>, snaps: Map<number, HeapSummary>): BenchRow[] {
  const at = [...curve.keys()];
  const [first, last] = [at[0]!, at.at(-1)!];
  const payments = at.map((n) => n.toLocaleString('en')).join(' / ');
  const rows: BenchRow[] = [
    {
      name: `renderer JS heap after one GC at ${payments} payments (the reading before it settled) and its growth`,
      value: `${at.map((i) => mb(curve.get(i)!.first)).join(' / ')}; ${pct(curve.get(last)!.first, curve.get(first)!.first)}`,
      kind: 'info',
    },
  ];
  if (!snaps.size) return rows;
  const code = (i: number) => (snaps.get(i)!.byType.get('code') ?? 0) + snaps.get(i)!.codeDependencies;
  const rest = (i: number) => curve.get(i)!.settled - code(i);
  const [a, b] = [optimizedSplit(snaps.get(first)!), optimizedSplit(snaps.get(last)!)];
  return [
    ...rows,
    {
      name: `renderer heap at ${payments} payments: V8 code (DevTools "Code": bytecode, optimized code, feedback; its dependency lists)`,
      value: at.map((i) => mb(code(i))).join(' / '),
      kind: 'info',
    },
    {
      name: `renderer heap at ${payments} payments without V8 code (heap − the row above) and its growth`,
      value: `${at.map((i) => mb(rest(i))).join(' / ')}; ${pct(rest(last), rest(first))}`,
      kind: 'info',
    },
    {
      name: `optimized code (Maglev/TurboFan) after ${first.toLocaleString('en')} → ${last.toLocaleString('en')} payments: the app's scripts / Playwright's injected script`,
      value: `${mb(a.app)} → ${mb(b.app)} / ${mb(a.injected)} → ${mb(b.injected)}`,
      kind: 'info',
    },
  ];
}
