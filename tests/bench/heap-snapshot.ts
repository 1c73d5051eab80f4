import fs from 'node:fs';
import type { CDPSession } from '@playwright/test';

/**
 * A renderer heap snapshot (Chrome DevTools Protocol) summed the way the memory suite and heap-diff.ts read it
 * (issue 20): by node type (DevTools' categories: code, object, closure, string, native…), by constructor, and
 * the optimized machine code V8 holds, by the script it was compiled from. A page's JS heap grows while V8
 * optimizes the functions the screen keeps running; that is code, not data the app keeps.
 */
export interface HeapSummary {
  /** Runtime.getHeapUsage after the forced GC: what the memory suite's heap rows read. */
  usedSize: number;
  byType: Map<string, number>;
  /** `type:name`, per constructor; contexts and other numbered names share one key. */
  byName: Map<string, number>;
  /**
   * V8's bookkeeping for optimized code outside DevTools' "Code": the dependent-code lists of maps and property
   * cells and the context's retained maps (WeakArrayLists the snapshot types "native"), which grow with it.
   */
  codeDependencies: number;
  /** Optimized code (Maglev/TurboFan: Code with deoptimization data), bytes and count by script URL. */
  optimizedByScript: Map<string, { bytes: number; count: number }>;
  /** The same by `script file :: function name` (minified names in a production build). */
  optimizedByFunction: Map<string, { bytes: number; count: number }>;
  /** Each node's id and `type:name` key, kept only when asked (ids last as long as the CDP session). */
  ids?: Map<number, { key: string; size: number }>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Scripts without a URL in the bench's page are Playwright's injected script (locators, waits, clicks). */
export const INJECTED = '(no URL: Playwright injected script)';
const BUILT_IN = '(V8 built-in script)';

/**
 * Forces a full GC, reads the heap usage and takes a snapshot over `cdp` (the caller's session: node ids stay
 * comparable between snapshots of one session). `save` writes the raw snapshot (DevTools > Memory > Load).
 */
export async function takeHeapSnapshot(cdp: CDPSession, opts: { save?: string; ids?: boolean } = {}) {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const text = chunks.join('');
    if (opts.save) fs.writeFileSync(opts.save, text);
    return summarize(JSON.parse(text) as RawSnapshot, usedSize, !!opts.ids);
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
}

const add = (m: Map<string, { bytes: number; count: number }>, k: string, bytes: number) => {
  const v = m.get(k) ?? { bytes: 0, count: 0 };
  v.bytes += bytes;
  v.count++;
  m.set(k, v);
};

export function summarize(snap: RawSnapshot, usedSize: number, keepIds = false): HeapSummary {
  const { meta } = snap.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [nType, nName, nId, nSize, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  ) as [number, number, number, number, number];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const count = snap.nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let n = 0, e = 0; n < count; n++) {
    firstEdge[n] = e;
    e += snap.nodes[n * nf + nEdges]! * ef;
  }
  firstEdge[count] = snap.edges.length;
  const type = (n: number) => meta.node_types[0][snap.nodes[n * nf + nType]!]!;
  const name = (n: number) => snap.strings[snap.nodes[n * nf + nName]!]!;
  const size = (n: number) => snap.nodes[n * nf + nSize]!;
  /** The node an edge named `edge` (a property or internal name; a number for hidden/element edges) leads to. */
  const follow = (n: number, edge: string | number): number | undefined => {
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += ef) {
      const t = meta.edge_types[0][snap.edges[e + eType]!];
      const raw = snap.edges[e + eName]!;
      const label = t === 'element' || t === 'hidden' ? raw : snap.strings[raw];
      if (label === edge) return snap.edges[e + eTo]! / nf;
    }
    return undefined;
  };

  const s: HeapSummary = {
    usedSize,
    byType: new Map(),
    byName: new Map(),
    optimizedByScript: new Map(),
    optimizedByFunction: new Map(),
    codeDependencies: 0,
    ...(keepIds ? { ids: new Map() } : {}),
  };
  const dependencies = new Set<number>();
  for (let e = 0; e < snap.edges.length; e += ef) {
    const label = meta.edge_types[0][snap.edges[e + eType]!] === 'internal' ? snap.strings[snap.edges[e + eName]!] : '';
    if (label === 'dependent_code' || label === 'retained_maps') dependencies.add(snap.edges[e + eTo]! / nf);
  }
  for (const n of dependencies) if (type(n) !== 'code') s.codeDependencies += size(n);
  const counted = new Set<number>();
  for (let n = 0; n < count; n++) {
    const t = type(n);
    const named = ['object', 'closure', 'code', 'native'].includes(t);
    const key = `${t}:${
      named
        ? name(n)
            .replace(/ @\d+$/, '')
            .slice(0, 60)
        : ''
    }`;
    s.byType.set(t, (s.byType.get(t) ?? 0) + size(n));
    s.byName.set(key, (s.byName.get(key) ?? 0) + size(n));
    s.ids?.set(snap.nodes[n * nf + nId]!, { key, size: size(n) });
    if (name(n) !== 'system / Code') continue;
    const deopt = follow(n, 'deoptimization_data');
    if (deopt === undefined) continue; // bytecode handlers, builtins, baseline code: not optimized code
    // The code object, its machine code and its deoptimization data (shared tables counted once).
    let bytes = 0;
    for (const part of [n, follow(n, 'instruction_stream'), deopt, ...[0, 1, 2, 3].map((i) => follow(deopt, i))])
      if (part !== undefined && !counted.has(part)) {
        counted.add(part);
        bytes += size(part);
      }
    const wrapper = follow(deopt, 3); // SharedFunctionInfoWrapper: the function the code was made for
    const sfi = wrapper === undefined ? undefined : follow(wrapper, 0);
    const script = sfi === undefined ? undefined : follow(sfi, 'script');
    // `system / Script / URL` (a page script; no URL: evaluated by Playwright), `system / Script`: V8's own.
    const scriptName = script === undefined ? '' : name(script);
    const where = !scriptName.startsWith('system / Script / ')
      ? BUILT_IN
      : scriptName.slice('system / Script / '.length) || INJECTED;
    const fn = sfi === undefined ? '?' : name(sfi).replace(/^system \/ SharedFunctionInfo( \/ )?/, '') || '(anonymous)';
    add(s.optimizedByScript, where, bytes);
    add(s.optimizedByFunction, `${where.replace(/^http.*\//, '')} :: ${fn}`, bytes);
  }
  return s;
}

/** Bytes of optimized code from the page's own scripts (a URL) and from Playwright's injected script. */
export function optimizedSplit(s: HeapSummary): { app: number; injected: number } {
  let app = 0;
  for (const [where, v] of s.optimizedByScript) if (/^https?:/.test(where)) app += v.bytes;
  return { app, injected: s.optimizedByScript.get(INJECTED)?.bytes ?? 0 };
}
