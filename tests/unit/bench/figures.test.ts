import { describe, expect, it } from 'vitest';
import { figureNumbers, medianFigure, ratio } from '../../bench/harness';

describe('benchmark figures: plain vs encrypted', () => {
  it('reads the first number of each part of a figure', () => {
    expect(figureNumbers('0.33 ms / 0.45 ms')).toEqual([0.33, 0.45]);
    expect(figureNumbers('1114.85 ms (50000 would be created)')).toEqual([1114.85]);
    expect(figureNumbers('16,439 rows')).toEqual([16439]);
    expect(figureNumbers('yes')).toEqual([]);
  });

  it('gives encrypted ÷ plain per part, nothing for figures that do not compare', () => {
    expect(ratio('12.00 ms', '10.00 ms')).toBe('1.20×');
    expect(ratio('0.66 ms / 1.00 ms', '0.33 ms / 0.50 ms')).toBe('2.00× / 2.00×');
    expect(ratio('4 ms', '0 ms')).toBe('');
    expect(ratio('1 ms / 2 ms', '1 ms')).toBe('');
    expect(ratio('n/a', 'n/a')).toBe('');
  });

  it('keeps the whole text of the round whose first number is the median', () => {
    expect(medianFigure(['9.00 ms (x)', '3.00 ms (y)', '5.00 ms (z)'])).toBe('5.00 ms (z)');
    expect(medianFigure(['4.00 ms', '2.00 ms'])).toBe('2.00 ms');
    expect(medianFigure(['yes', 'yes'])).toBe('yes');
    // Ranked by the p99 (the row's target), not by the p50 the text begins with.
    const rounds = ['1.00 ms / 5.35 ms', '0.90 ms / 2.83 ms', '1.10 ms / 3.10 ms'];
    expect(medianFigure(rounds)).toBe('1.00 ms / 5.35 ms');
    expect(medianFigure(rounds, 1)).toBe('1.10 ms / 3.10 ms');
  });
});
