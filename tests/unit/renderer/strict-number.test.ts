import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRupiah, MAX_RUPIAH } from '../../../src-shared/money';
import {
  formatIntegerInput,
  formatRupiahInput,
  parseIntegerInput,
  parseRupiahInput,
  type ParsedNumber,
} from '../../../src-shared/strict-number';

const value = (r: ParsedNumber) => (r.ok ? r.value : null);
const problem = (r: ParsedNumber) => (r.ok ? null : r.problem);
const amount = fc.integer({ min: 0, max: MAX_RUPIAH });

/** A typo a person makes: a letter that looks like a digit, a stray symbol, an exponent. */
const typo = fc.constantFrom('o', 'O', 'l', 'I', 'e', 'E', 'x', '+', '*', '#', '/', '_', '=', '?');

describe('rupiah parser', () => {
  it('refuses what the walkthrough saw silently changed', () => {
    expect(problem(parseRupiahInput('-50000'))).toBe('negative'); // opening cash, became 50.000
    expect(problem(parseRupiahInput('-100000'))).toBe('negative'); // package price, became 100.000
    expect(problem(parseRupiahInput('5o.ooo'))).toBe('notNumber'); // became Rp 5
    expect(problem(parseRupiahInput('50.00'))).toBe('grouping'); // 50 or 5.000?
    expect(problem(parseRupiahInput('1e5'))).toBe('notNumber');
    expect(problem(parseRupiahInput('50,000'))).toBe('fraction'); // English grouping: not 50
    expect(problem(parseRupiahInput('50.000,50'))).toBe('fraction');
    expect(problem(parseRupiahInput('1.5jt'))).toBe('grouping');
    expect(problem(parseRupiahInput('1,2345rb'))).toBe('fraction'); // 1.234,5 is not whole rupiah
    expect(problem(parseRupiahInput(''))).toBe('empty');
    expect(problem(parseRupiahInput('Rp'))).toBe('notNumber');
    expect(problem(parseRupiahInput('50 000'))).toBe('notNumber');
    expect(problem(parseRupiahInput('0.500'))).toBe('grouping');
    expect(parseRupiahInput('2000000000000')).toEqual({ ok: false, problem: 'tooLarge', limit: MAX_RUPIAH });
  });

  it('reads the forms people type, exactly', () => {
    for (const [text, n] of [
      ['50000', 50_000],
      ['50.000', 50_000],
      ['Rp 50.000', 50_000],
      ['Rp50.000', 50_000],
      ['rp. 50.000', 50_000],
      ['IDR 50000', 50_000],
      ['50.000,-', 50_000],
      ['Rp 50.000,00', 50_000],
      ['  1.250.000  ', 1_250_000],
      ['50rb', 50_000],
      ['50 ribu', 50_000],
      ['1,5jt', 1_500_000],
      ['2 Juta', 2_000_000],
      ['1,25rb', 1_250],
      ['0', 0],
    ] as const)
      expect(value(parseRupiahInput(text)), text).toBe(n);
  });

  it('takes a minus only where the field allows negatives', () => {
    expect(value(parseRupiahInput('-50.000', { min: -MAX_RUPIAH }))).toBe(-50_000);
    expect(value(parseRupiahInput('Rp -50.000', { min: -MAX_RUPIAH }))).toBe(-50_000);
    expect(value(parseRupiahInput('−Rp 50.000', { min: -MAX_RUPIAH }))).toBe(-50_000);
    expect(parseRupiahInput('-50.000', { min: -10_000 })).toEqual({ ok: false, problem: 'tooSmall', limit: -10_000 });
    expect(problem(parseRupiahInput('-Rp 50.000'))).toBe('negative');
    expect(parseRupiahInput('0', { min: 1 })).toEqual({ ok: false, problem: 'tooSmall', limit: 1 });
  });

  it('every amount round-trips: format → parse gives the amount back', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(value(parseRupiahInput(formatRupiahInput(n)))).toBe(n);
        expect(value(parseRupiahInput(formatRupiah(n)))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('every typed form of every amount parses to exactly that amount', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom('', ' ', '  '), (n, pad) => {
        const g = formatRupiahInput(n);
        const forms = [String(n), g, `Rp ${g}`, `Rp${g}`, `rp. ${n}`, `${g},-`, `Rp ${g},00`, `${pad}${g}${pad}`];
        if (n % 1000 === 0) forms.push(`${n / 1000}rb`, `${n / 1000} ribu`);
        if (n % 1_000_000 === 0) forms.push(`${n / 1_000_000}jt`, `${n / 1_000_000} juta`);
        else if (n % 100_000 === 0 && n < MAX_RUPIAH)
          forms.push(`${Math.floor(n / 1_000_000)},${(n % 1_000_000) / 100_000}jt`);
        for (const f of forms) expect(value(parseRupiahInput(f)), f).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('an accepted string always means one whole amount in range; a refused one gives no number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^(Rp ?)?-?[\d.,]{0,12}(rb|jt|,-)?$/)),
        fc.integer({ min: -1000, max: 1000 }),
        (s, min) => {
          const r = parseRupiahInput(s, { min });
          if (r.ok) {
            expect(Number.isSafeInteger(r.value)).toBe(true);
            expect(r.value).toBeGreaterThanOrEqual(min);
            expect(r.value).toBeLessThanOrEqual(MAX_RUPIAH);
            // The canonical form of what was read reads back the same.
            expect(value(parseRupiahInput(formatRupiahInput(r.value), { min }))).toBe(r.value);
          } else {
            expect(r).not.toHaveProperty('value');
            expect(r.problem).toMatch(/^(empty|notNumber|grouping|fraction|negative|tooSmall|tooLarge)$/);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a typo anywhere in an amount is refused, never read as another number', () => {
    fc.assert(
      fc.property(amount, typo, fc.nat(), (n, ch, at) => {
        const g = formatRupiahInput(n);
        const i = at % (g.length + 1);
        const typed = g.slice(0, i) + ch + g.slice(i);
        expect(parseRupiahInput(typed).ok, typed).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('a minus in front of any amount above zero is refused as negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_RUPIAH }), (n) => {
        expect(problem(parseRupiahInput(`-${formatRupiahInput(n)}`))).toBe('negative');
        expect(problem(parseRupiahInput(`-${n}`))).toBe('negative');
      }),
    );
  });
});

describe('whole-number parser', () => {
  it('refuses what the walkthrough saw silently changed', () => {
    expect(problem(parseIntegerInput('-5', { min: 8 }))).toBe('negative'); // kbps, became 5
    expect(problem(parseIntegerInput('5,5'))).toBe('fraction');
    expect(problem(parseIntegerInput('5.5'))).toBe('grouping');
    expect(problem(parseIntegerInput('1e3'))).toBe('notNumber');
    expect(problem(parseIntegerInput('10 hari'))).toBe('notNumber');
    expect(parseIntegerInput('4', { min: 8 })).toEqual({ ok: false, problem: 'tooSmall', limit: 8 });
    expect(parseIntegerInput('29', { min: 1, max: 28 })).toEqual({ ok: false, problem: 'tooLarge', limit: 28 });
    expect(problem(parseIntegerInput('99999999999999999999'))).toBe('tooLarge');
  });

  it('reads plain and grouped digits exactly', () => {
    expect(value(parseIntegerInput('10240'))).toBe(10_240);
    expect(value(parseIntegerInput('10.240'))).toBe(10_240);
    expect(value(parseIntegerInput(' 8728 '))).toBe(8728);
    expect(value(parseIntegerInput('-3', { min: -10 }))).toBe(-3);
  });

  it('every value round-trips, grouped or plain; a refused string gives no number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.boolean(), (n, group) => {
        expect(value(parseIntegerInput(formatIntegerInput(n, group)))).toBe(n);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?[\d.,]{0,8}$/)), (s) => {
        const r = parseIntegerInput(s, { min: 1, max: 100_000 });
        if (r.ok) expect(Number.isSafeInteger(r.value) && r.value >= 1 && r.value <= 100_000).toBe(true);
        else expect(r).not.toHaveProperty('value');
      }),
      { numRuns: 5000 },
    );
  });

  it('a typo anywhere in a number is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), typo, fc.nat(), (n, ch, at) => {
        const s = String(n);
        const i = at % (s.length + 1);
        expect(parseIntegerInput(s.slice(0, i) + ch + s.slice(i)).ok).toBe(false);
      }),
    );
  });
});
