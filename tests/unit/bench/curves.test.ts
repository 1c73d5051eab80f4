import { describe, expect, it } from 'vitest';
import { curveGrowth, curveNumber, curveSection, growthKind, growthLimit, mergedName } from '../../bench/curves';
import { toRecord } from '../../bench/results-file';
import type { BenchRow } from '../../bench/harness';

const at = (scale: number, ...rows: BenchRow[]) => rows.map((r) => toRecord('reports', 'aegis', r, scale));

describe('scale curves', () => {
  it('judges interactive calls at 2× and batch jobs at 11× per 10× data; set-up has no limit', () => {
    expect(growthLimit('customers.list search p95')).toBe(2);
    expect(growthLimit('invoice run, 50,000 subscriptions')).toBe(11);
    expect(growthLimit('billing.runAutomation isolating')).toBe(11);
    expect(growthLimit('seed (raw SQL, triggers on)')).toBeUndefined();
    // "of the run" is not an invoice run: the RSS row is information (memory has its own target).
    expect(growthKind('peak RSS of the process running the app (includes earlier suites of the run)')).toBe('info');
    expect(growthLimit('worker per message', 'interactive')).toBe(2);
    expect(growthLimit('payments.create', 'batch')).toBe(11);
  });

  it('follows the new figure of an "old → new" row, not the old one', () => {
    expect(curveNumber('56.72 ms → 7.92 ms (54.93 ms → 7.45 ms), 0.14×, identical')).toBe(7.92);
    expect(curveNumber('9.41 ms (open arrears 1.594.383.500 rupiah)')).toBe(9.41);
    const [a] = at(5000, { name: 'aging: old → new', value: '9.23 ms → 6.21 ms (9.09 ms → 6.01 ms), 0.67×' });
    const [b] = at(50000, { name: 'aging: old → new', value: '56.72 ms → 7.92 ms (54.93 ms → 7.45 ms), 0.14×' });
    expect(curveGrowth(a!, b!)).toBeCloseTo(7.92 / 6.21);
  });

  it('counts a falling throughput as growing cost', () => {
    const [a] = at(5000, { name: 'GET /api/v1/customers', value: '800 req/s (0 errors)' });
    const [b] = at(50000, { name: 'GET /api/v1/customers', value: '400 req/s (0 errors)' });
    expect(curveGrowth(a!, b!)).toBeCloseTo(2);
    const [c] = at(500000, { name: 'GET /api/v1/customers', value: '400 req/s (0 errors)' });
    expect(curveGrowth(a!, c!)).toBeCloseTo(Math.SQRT2);
  });

  it('draws each figure at each size with its growth and verdict', () => {
    const row = (v: string) => ({ name: 'search p95', value: v });
    const text = curveSection('Platform', [
      at(5000, row('2.00 ms')),
      at(50000, row('3.00 ms')),
      at(500000, row('8.00 ms')),
    ]);
    expect(text).toContain('| search p95 | 2.00 ms | 3.00 ms | 8.00 ms | 2.00× | ≤ 2× (interactive) | yes |');
    const worse = curveSection('Platform', [at(5000, row('1.00 ms')), at(50000, row('3.00 ms'))]);
    expect(worse).toContain('| 3.00× | ≤ 2× (interactive) | **no** |');
  });

  it('shows the old → new row judged on the new figure, and the seed without a verdict', () => {
    const rows = (seed: string, aging: string) => [
      { name: 'seed (raw SQL, triggers on)', value: seed },
      { name: 'reports.aging: ledger reads → summaries, p95', value: aging },
    ];
    const text = curveSection('Reports', [
      at(5000, ...rows('6.2 s', '9.23 ms → 6.21 ms, 0.67×')),
      at(50000, ...rows('74.2 s', '56.72 ms → 7.92 ms, 0.14×')),
    ]);
    expect(text).toContain(
      '| seed (raw SQL, triggers on) | 6.2 s | 74.2 s | 11.97× | none (set-up / information) |  |',
    );
    expect(text).toContain('| 1.28× (of the new figure) | ≤ 2× (interactive) | yes |');
  });

  it('matches rows whose names carry the size and names them once', () => {
    expect(mergedName(['invoice run, 5,000 subscriptions', 'invoice run, 50,000 subscriptions'])).toBe(
      'invoice run, 5,000 / 50,000 subscriptions',
    );
    expect(mergedName(['a 1', 'b 2'])).toBe('a 1');
    const text = curveSection('Billing', [
      at(5000, { name: 'invoice run, 5,000 subscriptions', value: '100 ms (5000 created)', kind: 'batch' }),
      at(50000, { name: 'invoice run, 50,000 subscriptions', value: '1200 ms (50000 created)', kind: 'batch' }),
    ]);
    expect(text).toContain(
      '| invoice run, 5,000 / 50,000 subscriptions | 100 ms (5000 created) | 1200 ms (50000 created) | 12.00× | ≤ 11× (batch) | **no** |',
    );
  });
});
