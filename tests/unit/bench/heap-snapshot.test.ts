import { describe, expect, it } from 'vitest';
import type { Page } from '@playwright/test';
import { INJECTED, optimizedSplit, summarize } from '../../bench/heap-snapshot';
import { heapAfterGc, heapDetailRows } from '../../bench/renderer-heap';

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'native', 'synthetic', 'object shape'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
type Edge = [type: string, name: string | number, to: number];
type Node = [type: string, name: string, size: number, edges?: Edge[]];

/** A V8 heap snapshot in its wire format (flat node and edge arrays, one string table). */
function snapshot(nodes: Node[]) {
  const strings: string[] = [];
  const str = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const flatNodes: number[] = [];
  const flatEdges: number[] = [];
  nodes.forEach(([type, name, size, edges = []], id) => {
    flatNodes.push(NODE_TYPES.indexOf(type), str(name), id * 2 + 1, size, edges.length);
    for (const [t, label, to] of edges)
      flatEdges.push(EDGE_TYPES.indexOf(t), typeof label === 'number' ? label : str(label), to * 5);
  });
  return {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [NODE_TYPES] as [string[]],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [EDGE_TYPES] as [string[]],
      },
    },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  };
}

// Two functions optimized by V8: `pay` from the app's script, `queryAll` from a script without a URL
// (Playwright's injected script), sharing one translation table; and a baseline Code without deopt data.
const heap = snapshot([
  /* 0 */ [
    'synthetic',
    '(GC roots)',
    0,
    [
      ['element', 1, 1],
      ['element', 2, 11],
      ['element', 3, 18],
    ],
  ],
  /* 1 */ ['closure', 'pay', 32, [['internal', 'code', 2]]],
  /* 2 */ [
    'code',
    'system / Code',
    72,
    [
      ['internal', 'instruction_stream', 3],
      ['internal', 'deoptimization_data', 4],
    ],
  ],
  /* 3 */ ['code', 'system / InstructionStream', 1000],
  /* 4 */ [
    'code',
    'system / ProtectedFixedArray',
    100,
    [
      ['hidden', 0, 5],
      ['hidden', 1, 6],
      ['hidden', 2, 7],
      ['hidden', 3, 8],
      ['hidden', 4, 12],
    ],
  ],
  /* 5 */ ['code', 'system / TrustedByteArray', 50],
  /* 6 */ ['native', 'system / ProtectedFixedArray', 20],
  /* 7 */ ['code', 'system / TrustedWeakFixedArray', 30],
  /* 8 */ ['native', 'system / SharedFunctionInfoWrapper', 16, [['hidden', 0, 9]]],
  /* 9 */ ['code', 'system / SharedFunctionInfo / pay', 40, [['internal', 'script', 10]]],
  /* 10 */ ['code', 'system / Script / http://127.0.0.1:4000/assets/CashDesk-x1.js', 60],
  /* 11 */ [
    'code',
    'system / Code',
    72,
    [
      ['internal', 'instruction_stream', 13],
      ['internal', 'deoptimization_data', 14],
    ],
  ],
  /* 12 */ ['code', 'system / TrustedByteArray', 8],
  /* 13 */ ['code', 'system / InstructionStream', 500],
  /* 14 */ [
    'code',
    'system / ProtectedFixedArray',
    100,
    [
      ['hidden', 0, 5],
      ['hidden', 3, 15],
    ],
  ],
  /* 15 */ ['native', 'system / SharedFunctionInfoWrapper', 16, [['hidden', 0, 16]]],
  /* 16 */ ['code', 'system / SharedFunctionInfo / queryAll', 40, [['internal', 'script', 17]]],
  /* 17 */ ['code', 'system / Script / ', 60],
  /* 18 */ ['code', 'system / Code', 72, [['internal', 'instruction_stream', 19]]],
  /* 19 */ ['code', 'system / InstructionStream', 300],
  // Dependency lists: a map's and the context's retained maps (typed native), one typed code, one unrelated.
  /* 20 */ ['object shape', 'system / Map', 40, [['internal', 'dependent_code', 21]]],
  /* 21 */ ['native', 'system / WeakArrayList', 200],
  /* 22 */ ['native', 'system / NativeContext', 80, [['internal', 'retained_maps', 23]]],
  /* 23 */ ['native', 'system / WeakArrayList', 300],
  /* 24 */ [
    'object shape',
    'system / Map',
    40,
    [
      ['internal', 'dependent_code', 25],
      ['internal', 'prototype', 26],
    ],
  ],
  /* 25 */ ['code', 'system / WeakArrayList', 50],
  /* 26 */ ['native', 'system / WeakArrayList', 400],
]);

const s = summarize(heap, 123_456, true);

describe('heap snapshot summary (issue 20)', () => {
  it('sums the nodes by type and by constructor', () => {
    expect(s.usedSize).toBe(123_456);
    expect(s.byType.get('closure')).toBe(32);
    expect(s.byType.get('native')).toBe(20 + 16 + 16 + 200 + 80 + 300 + 400);
    expect(s.byType.get('code')).toBe(72 * 3 + 1000 + 100 + 50 + 30 + 40 + 60 + 8 + 500 + 100 + 40 + 60 + 300 + 50);
    expect(s.byName.get('code:system / InstructionStream')).toBe(1800);
    expect(s.ids?.get(3)).toEqual({ key: 'closure:pay', size: 32 });
  });

  it("counts the dependency lists of optimized code outside DevTools' Code once", () => {
    expect(s.codeDependencies).toBe(200 + 300);
  });

  it('counts optimized code by script and function, each table once, baseline code not at all', () => {
    const pay = 72 + 1000 + 100 + 50 + 20 + 30 + 16;
    const queryAll = 72 + 500 + 100 + 16; // the translation table shared with `pay` is counted there
    expect(s.optimizedByScript.get('http://127.0.0.1:4000/assets/CashDesk-x1.js')).toEqual({ bytes: pay, count: 1 });
    expect(s.optimizedByScript.get(INJECTED)).toEqual({ bytes: queryAll, count: 1 });
    expect(s.optimizedByFunction.get('CashDesk-x1.js :: pay')).toEqual({ bytes: pay, count: 1 });
    expect(s.optimizedByFunction.get(`${INJECTED} :: queryAll`)).toEqual({ bytes: queryAll, count: 1 });
    expect(optimizedSplit(s)).toEqual({ app: pay, injected: queryAll });
  });
});

/** A page whose DevTools session answers the heap readings in turn, counting the collections asked for. */
function fakePage(readings: number[]) {
  const asked = { collections: 0, detached: false };
  const session = {
    send: async (method: string) => {
      if (method === 'HeapProfiler.collectGarbage') asked.collections++;
      return method === 'Runtime.getHeapUsage' ? { usedSize: readings[asked.collections - 1] } : {};
    },
    detach: async () => void (asked.detached = true),
  };
  const page = { context: () => ({ newCDPSession: async () => session }) } as unknown as Page;
  return { page, asked };
}

describe('renderer heap reading (issue 20)', () => {
  it('collects again until two readings agree and keeps the lowest', async () => {
    const { page, asked } = fakePage([10_976, 10_975, 11_462, 10_854, 10_854, 1]);
    expect(await heapAfterGc(page)).toEqual({ settled: 10_854, first: 10_976 });
    expect(asked).toEqual({ collections: 5, detached: true });
  });

  it('stops after ten collections when the readings never agree', async () => {
    const { page, asked } = fakePage(Array.from({ length: 20 }, (_, i) => 5_000 + (i % 2) * 7 - i));
    expect((await heapAfterGc(page)).settled).toBe(4_992);
    expect(asked.collections).toBe(10);
  });

  it('shows the single-collection reading and the heap without V8 code beside the curve', () => {
    const mb = 2 ** 20;
    const curve = new Map([
      [20, { settled: 10 * mb, first: 10.5 * mb }],
      [1000, { settled: 11 * mb, first: 11.2 * mb }],
    ]);
    const at = (code: number) => ({ ...s, byType: new Map([['code', code * mb - 500]]) });
    const rows = heapDetailRows(
      curve,
      new Map([
        [20, at(5)],
        [1000, at(5.9)],
      ]),
    );
    expect(rows.map((r) => r.value)).toEqual([
      '10.50 MB / 11.20 MB; 6.7 %',
      '5.00 MB / 5.90 MB',
      '5.00 MB / 5.10 MB; 2.0 %',
      '0.00 MB → 0.00 MB / 0.00 MB → 0.00 MB',
    ]);
    expect(rows.every((r) => r.kind === 'info' && r.target === undefined)).toBe(true);
    expect(heapDetailRows(curve, new Map())).toHaveLength(1);
  });
});
