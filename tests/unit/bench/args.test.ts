import { describe, expect, it } from 'vitest';
import { benchArgs } from '../../bench/args';

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
