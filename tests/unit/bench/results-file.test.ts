import { describe, expect, it } from 'vitest';
import {
  compareResults,
  growthPer10x,
  higherIsBetter,
  parseResultsFile,
  toRecord,
  type ResultsFile,
} from '../../bench/results-file';

const file = (rows: { name: string; value: string; pass?: boolean; scale?: number }[]): ResultsFile => ({
  version: 1,
  date: '2026-12-06T00:00:00Z',
  machine: { cores: 2, cpu: 'x', memoryGiB: 24, node: 'v20', loadAtStart: [0] },
  results: rows.map((r) => toRecord('reports', 'aegis', r, r.scale)),
});

describe('bench results file and --compare', () => {
  it('tells throughputs (higher is better) from times, sizes and ratios', () => {
    expect(higherIsBetter('612 req/s')).toBe(true);
    expect(higherIsBetter('1,200 rows/s')).toBe(true);
    expect(higherIsBetter('3.10 ms / 7.20 ms')).toBe(false);
    expect(higherIsBetter('1.34×')).toBe(false);
    expect(higherIsBetter('181 MB')).toBe(false);
  });

  it('reports a slower time or a lower throughput beyond the tolerance, not noise', () => {
    const old = file([
      { name: 'aging p95', value: '10.00 ms' },
      { name: 'search p95', value: '10.00 ms' },
      { name: 'api', value: '600 req/s' },
      { name: 'dash p95', value: '20.00 ms' },
    ]);
    const now = file([
      { name: 'aging p95', value: '12.00 ms' },
      { name: 'search p95', value: '10.50 ms' },
      { name: 'api', value: '500 req/s' },
      { name: 'dash p95', value: '10.00 ms' },
    ]);
    const c = compareResults(old, now);
    expect(c.regressions).toHaveLength(2);
    expect(c.regressions[0]).toContain('aging p95: 10.00 ms → 12.00 ms (+20 % worse)');
    expect(c.regressions[1]).toContain('api: 600 req/s → 500 req/s (+20 % worse)');
    expect(c.improvements).toEqual(['reports [aegis] dash p95: 20.00 ms → 10.00 ms (-50 % better)']);
    expect(c.missing).toEqual([]);
  });

  it('counts a target that stopped being met as a regression even within the tolerance', () => {
    const c = compareResults(
      file([{ name: 'p99', value: '19.90 ms', pass: true }]),
      file([{ name: 'p99', value: '20.10 ms', pass: false }]),
    );
    expect(c.regressions).toHaveLength(1);
    expect(c.regressions[0]).toContain('no longer met');
  });

  it('lists rows that disappeared, and keeps scales apart', () => {
    const c = compareResults(
      file([
        { name: 'search', value: '1 ms', scale: 5000 },
        { name: 'search', value: '2 ms', scale: 50000 },
      ]),
      file([{ name: 'search', value: '1 ms', scale: 5000 }]),
    );
    expect(c.missing).toEqual(['reports@50000 [aegis] search']);
  });

  it('refuses a file that is not a results file', () => {
    expect(() => parseResultsFile('{"a":1}', 'x.json')).toThrow(/not a results file/);
    expect(() => parseResultsFile('nope', 'x.json')).toThrow(/not JSON/);
  });

  it('gives the growth per 10× data between two scales', () => {
    const [a, b, c] = file([
      { name: 's', value: '2 ms', scale: 5000 },
      { name: 's', value: '4 ms', scale: 50000 },
      { name: 's', value: '4 ms', scale: 500000 },
    ]).results;
    expect(growthPer10x(a!, b!)).toBeCloseTo(2);
    expect(growthPer10x(a!, c!)).toBeCloseTo(Math.SQRT2);
    expect(growthPer10x(b!, a!)).toBeUndefined();
  });
});
