import { describe, expect, it } from 'vitest';
import { benchArgs } from '../../bench/args';
import { curveSection, growthLimit } from '../../bench/curves';
import { toRecord } from '../../bench/results-file';

describe('npm run bench arguments', () => {
  it('reads suites, modes and both option forms', () => {
    const a = benchArgs(['reports', '--scale=5000,50_000', '--compare', 'old.json', '--plain', 'platform']);
    expect(a.only).toEqual(['reports', 'platform']);
    expect(a.scales).toEqual([5000, 50000]);
    expect(a.compare).toBe('old.json');
    expect(a.mode).toBe('plain');
    expect(a.rounds).toBe(2);
    expect(a.json).toBe('bench-results.json');
    expect(a.tolerance).toBe(0.1);
  });

  it('refuses values it cannot read exactly instead of guessing', () => {
    expect(() => benchArgs(['--rounds=two'])).toThrow(/--rounds/);
    expect(() => benchArgs(['--scale=5k'])).toThrow(/--scale/);
    expect(() => benchArgs(['--compare'])).toThrow(/needs a value/);
    expect(() => benchArgs(['--tolerance=10%'])).toThrow(/--tolerance/);
    expect(() => benchArgs(['--fast'])).toThrow(/unknown option/);
  });
});

describe('scale curves', () => {
  it('judges interactive calls at 2× and batch jobs at 11× per 10× data', () => {
    expect(growthLimit('customers.list search p95')).toBe(2);
    expect(growthLimit('invoice run, 50,000 subscriptions')).toBe(11);
    expect(growthLimit('billing.runAutomation isolating')).toBe(11);
  });

  it('draws each figure at each size with its growth', () => {
    const at = (scale: number, v: string) => [toRecord('platform', 'aegis', { name: 'search p95', value: v }, scale)];
    const text = curveSection('Platform', [at(5000, '2.00 ms'), at(50000, '3.00 ms'), at(500000, '8.00 ms')]);
    expect(text).toContain('| search p95 | 2.00 ms | 3.00 ms | 8.00 ms | 2.00× | ≤ 2× | yes |');
    const worse = curveSection('Platform', [at(5000, '1.00 ms'), at(50000, '3.00 ms')]);
    expect(worse).toContain('| 3.00× | ≤ 2× | **no** |');
  });
});
