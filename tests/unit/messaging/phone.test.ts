import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { e164Digits, formatLocal, normalizeIndonesianPhone } from '../../../src-main/integrations/messaging/phone';

const ok = (input: string) => {
  const r = normalizeIndonesianPhone(input);
  if (!r.ok) throw new Error(`${input} → ${r.problem}`);
  return r.e164;
};
const problem = (input: string) => {
  const r = normalizeIndonesianPhone(input);
  return r.ok ? `ok ${r.e164}` : r.problem;
};

describe('Indonesian phone numbers to E.164', () => {
  it('accepts the ways people write a mobile number', () => {
    for (const s of [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 7890',
      '0812.3456.7890',
      '(0812) 3456 7890',
      '6281234567890',
      '62 812 3456 7890',
      '+6281234567890',
      '+62 812-3456-7890',
      '+62 (0)812 3456 7890',
      '62(0)81234567890',
      '006281234567890',
      '  081234567890  ',
    ])
      expect(ok(s), s).toBe('+6281234567890');
  });

  it('reports what is wrong instead of fixing it', () => {
    expect(problem('')).toBe('empty');
    expect(problem('   ')).toBe('empty');
    expect(problem('0812-3456-789O')).toBe('invalid_characters'); // letter O, not zero
    expect(problem('0812 3456 7890 ext 2')).toBe('invalid_characters');
    expect(problem('08123456789 / 08139876543')).toBe('multiple_numbers');
    expect(problem('08123456789, 08139876543')).toBe('multiple_numbers');
    expect(problem('+6591234567')).toBe('foreign_number');
    expect(problem('0065 9123 4567')).toBe('foreign_number');
    expect(problem('81234567890')).toBe('missing_prefix');
    expect(problem('+62 0812 3456 7890')).toBe('trunk_zero_after_country_code');
    expect(problem('021-5551234')).toBe('not_mobile');
    expect(problem('0800-1234567')).toBe('not_mobile'); // toll-free
    expect(problem('0812345')).toBe('too_short');
    expect(problem('0812345678901234')).toBe('too_long');
    expect(problem('62+81234567890')).toBe('invalid_characters');
  });

  it('digits for gateways and the local way of writing', () => {
    expect(e164Digits('+6281234567890')).toBe('6281234567890');
    expect(formatLocal('+6281234567890')).toBe('0812-3456-7890');
  });

  const national = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 10 }))
    .map(([second, rest]) => `8${second}${rest.join('')}`);
  const sep = fc.constantFrom('', ' ', '-', '.');
  const written = (n: string, prefix: string, s: string) => {
    const groups = n.match(/.{1,4}/g)!;
    return prefix + groups.join(s);
  };

  it('property: every written form of a valid number gives the same +62 number', () => {
    fc.assert(
      fc.property(national, fc.constantFrom('0', '62', '+62', '+62 ', '0062'), sep, (n, prefix, s) => {
        expect(ok(written(n, prefix, s))).toBe(`+62${n}`);
      }),
    );
  });

  it('property: normalising is idempotent and results are always well-formed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = normalizeIndonesianPhone(s);
        if (!r.ok) return;
        expect(r.e164).toMatch(/^\+628[1-9]\d{7,10}$/);
        expect(ok(r.e164)).toBe(r.e164);
        expect(ok(formatLocal(r.e164))).toBe(r.e164);
      }),
    );
  });

  it('property: a letter anywhere is never turned into a number', () => {
    fc.assert(
      fc.property(national, fc.integer({ min: 0, max: 12 }), fc.constantFrom('a', 'O', 'l', 'x', '#'), (n, at, ch) => {
        const s = `0${n}`;
        const bad = s.slice(0, at) + ch + s.slice(at);
        expect(normalizeIndonesianPhone(bad).ok).toBe(false);
      }),
    );
  });
});
