import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberFormatsReading, parseAmount, type NumberFormat } from '../../../src-main/integrations/bank-statements';
import { MAX_RUPIAH } from '../../../src-shared/money';

/** Written here, independently of the parser: groups of three from the right. */
function group(n: number, sep: string): string {
  const digits = String(n);
  const parts: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) parts.unshift(digits.slice(Math.max(0, end - 3), end));
  return parts.join(sep);
}

const SEP: Record<NumberFormat, { group: string; decimal: string }> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Every way the exports write a whole amount: grouped or not, with "00" or "0" decimals or none, Rp, a sign. */
const written = fc
  .record({
    n: fc.integer({ min: 0, max: MAX_RUPIAH }),
    format: fc.constantFrom<NumberFormat>('id', 'en'),
    grouped: fc.boolean(),
    decimals: fc.constantFrom('', '00', '0'),
    prefix: fc.constantFrom('', 'Rp ', 'Rp', 'IDR ', 'Rp. '),
    negative: fc.boolean(),
  })
  .map((w) => {
    const { group: g, decimal: d } = SEP[w.format];
    const body = (w.grouped ? group(w.n, g) : String(w.n)) + (w.decimals ? d + w.decimals : '');
    return { ...w, text: `${w.negative ? '-' : ''}${w.prefix}${body}` };
  });

describe('parseAmount', () => {
  it('reads the examples found in the exports', () => {
    const ok = (text: string, f: NumberFormat) => parseAmount(text, f);
    expect(ok('1.500.000,00', 'id')).toEqual({ ok: true, value: 1_500_000 });
    expect(ok('1,500,000.00', 'en')).toEqual({ ok: true, value: 1_500_000 });
    expect(ok('150000.00', 'en')).toEqual({ ok: true, value: 150_000 });
    expect(ok('150000', 'id')).toEqual({ ok: true, value: 150_000 });
    expect(ok('.00', 'en')).toEqual({ ok: true, value: 0 }); // Mandiri MCM's zero
    expect(ok('Rp 150.123', 'id')).toEqual({ ok: true, value: 150_123 });
    expect(ok('-20.000', 'id')).toEqual({ ok: true, value: -20_000 });
    expect(parseAmount(150123, 'id')).toEqual({ ok: true, value: 150_123 }); // an .xlsx number cell
  });

  it('refuses with a reason instead of rounding or guessing', () => {
    const code = (cell: string | number, f: NumberFormat) => {
      const r = parseAmount(cell, f);
      return r.ok ? r.value : r.code;
    };
    expect(code('150.123,50', 'id')).toBe('amount_has_cents');
    expect(code('150,123.05', 'en')).toBe('amount_has_cents');
    expect(code(150123.5, 'en')).toBe('amount_has_cents');
    expect(code('150.000', 'en')).toBe('amount_ambiguous'); // 150 or 150,000?
    expect(code('1,500', 'id')).toBe('amount_ambiguous');
    expect(code('1.500.000,00', 'en')).toBe('amount_unreadable');
    expect(code('1,500,000.00', 'id')).toBe('amount_unreadable');
    expect(code('1.50.000', 'id')).toBe('amount_unreadable'); // Indian grouping is not a statement's
    expect(code('1 500 000', 'id')).toBe('amount_unreadable');
    expect(code('150000.000', 'en')).toBe('amount_ambiguous');
    expect(code('150000.0000', 'en')).toBe('amount_unreadable');
    expect(code('(150.000)', 'id')).toBe('amount_unreadable');
    expect(code('', 'id')).toBe('amount_unreadable');
    expect(code('12345678901234', 'id')).toBe('amount_too_large');
    expect(code(Number.NaN, 'id')).toBe('amount_unreadable');
  });

  it('property: every whole amount written in either format reads back exactly in that format', () => {
    fc.assert(
      fc.property(written, (w) => {
        const r = parseAmount(w.text, w.format);
        expect(r).toEqual({ ok: true, value: w.negative && w.n !== 0 ? -w.n : 0 + w.n });
      }),
      { numRuns: 2000 },
    );
  });

  it('property: read in the other format, an amount is refused or reads the same — never another number', () => {
    fc.assert(
      fc.property(written, (w) => {
        const other: NumberFormat = w.format === 'id' ? 'en' : 'id';
        const r = parseAmount(w.text, other);
        if (r.ok) expect(Math.abs(r.value)).toBe(w.n);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a fraction of three digits is refused as ambiguous in both formats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom<NumberFormat>('id', 'en'),
        fc.boolean(),
        (whole, frac, f, grouped) => {
          const { group: g, decimal: d } = SEP[f];
          const text = `${grouped ? group(whole, g) : whole}${d}${String(frac).padStart(3, '0')}`;
          expect(parseAmount(text, f)).toEqual({ ok: false, code: 'amount_ambiguous' });
        },
      ),
    );
  });

  it('property: non-zero cents are refused, never rounded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_RUPIAH - 1 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom<NumberFormat>('id', 'en'),
        (n, cents, f) => {
          const { group: g, decimal: d } = SEP[f];
          expect(parseAmount(`${group(n, g)}${d}${String(cents).padStart(2, '0')}`, f)).toEqual({
            ok: false,
            code: 'amount_has_cents',
          });
        },
      ),
    );
  });

  it('property: any text either refuses or gives a safe whole number within the limit, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,- Rp+'.split('')), maxLength: 20 }), (s) => {
        for (const f of ['id', 'en'] as const) {
          const r = parseAmount(s, f);
          if (r.ok) {
            expect(Number.isSafeInteger(r.value)).toBe(true);
            expect(Math.abs(r.value)).toBeLessThanOrEqual(MAX_RUPIAH);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('numberFormatsReading (the mapping screen proposes a format)', () => {
  it('names the one format that reads a column, both when they agree, none when the column is mixed', () => {
    expect(numberFormatsReading(['150.000', '1.250.000,00', null, ''])).toEqual(['id']);
    expect(numberFormatsReading(['150,000.00', '99,999.00'])).toEqual(['en']);
    expect(numberFormatsReading(['150000', '200000', 5000])).toEqual(['id', 'en']);
    expect(numberFormatsReading(['150.000,00', '150,000.00'])).toEqual([]);
  });
});
