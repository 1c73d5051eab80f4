import { MAX_RUPIAH } from '../../../src-shared/money';
import type { Cell } from './grid';

/**
 * `id`: 1.500.000,00 (dot groups, comma decimals) — Indonesian exports, Livin' sheets.
 * `en`: 1,500,000.00 (comma groups, dot decimals) — KlikBCA, BRI, BNI, Mandiri CSV.
 * Either also reads ungrouped digits (150000, 150000.00).
 */
export type NumberFormat = 'id' | 'en';

export type AmountRefusal = 'amount_unreadable' | 'amount_has_cents' | 'amount_ambiguous' | 'amount_too_large';
export type AmountResult = { ok: true; value: number } | { ok: false; code: AmountRefusal };

const SEPARATORS: Record<NumberFormat, { group: string; decimal: string }> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const refuse = (code: AmountRefusal): AmountResult => ({ ok: false, code });

/** Whole rupiah from a number an .xlsx cell holds: any fraction is refused, never rounded. */
function fromNumber(n: number): AmountResult {
  if (!Number.isFinite(n)) return refuse('amount_unreadable');
  if (!Number.isInteger(n)) return refuse('amount_has_cents');
  if (Math.abs(n) > MAX_RUPIAH) return refuse('amount_too_large');
  return { ok: true, value: n === 0 ? 0 : n };
}

/**
 * Reads a signed amount in integer rupiah. Accepted: optional sign, optional `Rp`/`IDR`, digits either
 * ungrouped or in proper groups of three, and at most two decimals that must be zero. Refused with a
 * reason: anything else. A fraction of exactly three digits (`150.000` read as English, `1,500` read
 * as Indonesian) is refused as ambiguous: it is the other format's thousands group as often as not,
 * and a wrong guess credits a thousandth of the money.
 */
export function parseAmount(cell: Cell, format: NumberFormat): AmountResult {
  if (typeof cell === 'number') return fromNumber(cell);
  if (typeof cell !== 'string') return refuse('amount_unreadable');
  const { group, decimal } = SEPARATORS[format];
  let s = cell.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  let sign = 1;
  if (/^[-+\u2212]/.test(s)) {
    sign = s[0] === '+' ? 1 : -1;
    s = s.slice(1).trim();
  }
  s = s.replace(/^(?:rp\.?|idr)\s*/i, '');
  if (!s || /\s/.test(s)) return refuse('amount_unreadable');
  const parts = s.split(decimal);
  if (parts.length > 2) return refuse('amount_unreadable');
  const [intPart = '', fraction] = parts;
  if (fraction !== undefined) {
    if (!/^\d+$/.test(fraction)) return refuse('amount_unreadable');
    if (fraction.length === 3 && (intPart === '' || /^\d+$/.test(intPart) || isGrouped(intPart, group)))
      return refuse('amount_ambiguous');
    if (fraction.length > 2) return refuse('amount_unreadable');
  }
  // ".00" (Mandiri MCM writes zero like this) is zero; an empty integer part needs a fraction.
  if (intPart === '' && fraction === undefined) return refuse('amount_unreadable');
  if (intPart !== '' && !/^\d+$/.test(intPart) && !isGrouped(intPart, group)) return refuse('amount_unreadable');
  const digits = intPart
    .split(group)
    .join('')
    .replace(/^0+(?=\d)/, '');
  if (digits.length > 13) return refuse('amount_too_large');
  if (fraction !== undefined && /[1-9]/.test(fraction)) return refuse('amount_has_cents');
  const value = Number(digits || '0');
  if (value > MAX_RUPIAH) return refuse('amount_too_large');
  return { ok: true, value: value === 0 ? 0 : sign * value };
}

const GROUPED: Record<string, RegExp> = { '.': /^\d{1,3}(?:\.\d{3})+$/, ',': /^\d{1,3}(?:,\d{3})+$/ };
const isGrouped = (intPart: string, group: string) => GROUPED[group]!.test(intPart);

/**
 * The number formats that read every sample without refusing it as unreadable or ambiguous: the mapping
 * screen preselects the only one, lets the user pick when both fit (then both read the same values) and
 * says so when none fits. Empty cells are ignored.
 */
export function numberFormatsReading(samples: readonly Cell[]): NumberFormat[] {
  const present = samples.filter((c) => c !== null && c !== '' && !(c instanceof Date));
  return (['id', 'en'] as const).filter((f) =>
    present.every((c) => {
      const r = parseAmount(c, f);
      return r.ok || r.code === 'amount_has_cents' || r.code === 'amount_too_large';
    }),
  );
}
