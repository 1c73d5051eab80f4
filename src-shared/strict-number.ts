import { MAX_RUPIAH } from './money';

/**
 * Strict parsers for what people type into number fields. A field either gets exactly the number
 * the text says or a reason it cannot (shown on the field); nothing is ever "cleaned up" into a
 * different number ("5o.ooo" is not Rp 5, "-50000" is not 50.000, "50.00" is not 5.000).
 *
 * Accepted, rupiah (README "Typing numbers"):
 *   50000 · 50.000 · Rp 50.000 · Rp50.000 · rp. 50.000 · 50.000,- · 50.000,00
 *   50rb · 50 ribu · 1,5jt · 2 juta   (shorthand: exact multiples of 1.000 / 1.000.000 only)
 * Accepted, whole numbers (kbps, days, ports…): 10240 · 10.240
 * A minus sign is only accepted where the field allows negatives (`min` below zero).
 */
export type NumberProblem =
  | 'empty'
  /** Letters, symbols, exponents, two numbers… anything that is not a number at all. */
  | 'notNumber'
  /** Dots that are not thousands groups of three: "50.00", "5.0000", "1.5jt". */
  | 'grouping'
  /** Sen or decimals: "50.000,50", "50,5" for a whole number, "1,2345rb". */
  | 'fraction'
  | 'negative'
  | 'tooSmall'
  | 'tooLarge';

export type ParsedNumber =
  | { ok: true; value: number }
  /** `limit` is the bound that was crossed (tooSmall/tooLarge). */
  | { ok: false; problem: NumberProblem; limit?: number };

export interface NumberRules {
  /** Smallest accepted value; below zero allows a leading minus. Default 0. */
  min?: number;
  /** Largest accepted value. Default MAX_RUPIAH for rupiah, MAX_SAFE_INTEGER for whole numbers. */
  max?: number;
}

const refuse = (problem: NumberProblem, limit?: number): ParsedNumber =>
  limit === undefined ? { ok: false, problem } : { ok: false, problem, limit };

/** "10.240" or "10240" → 10240; anything else (bad groups, letters) → a problem. */
function digitsBody(body: string): ParsedNumber {
  if (/^\d+$/.test(body)) return { ok: true, value: Number(body) };
  // Thousands groups: the first group 1–3 digits without a leading zero ("0.500" reads as a half).
  if (/^[1-9]\d{0,2}(\.\d{3})+$/.test(body)) return { ok: true, value: Number(body.replace(/\./g, '')) };
  if (/^[\d.]+$/.test(body)) return refuse('grouping');
  return refuse('notNumber');
}

/** A leading minus (ASCII or the typographic U+2212) and the rest. */
function splitSign(text: string): { negative: boolean; rest: string } {
  const m = /^[-\u2212]\s*/.exec(text);
  return m ? { negative: true, rest: text.slice(m[0].length) } : { negative: false, rest: text };
}

function withinRules(value: number, negative: boolean, rules: NumberRules, defaultMax: number): ParsedNumber {
  const min = rules.min ?? 0;
  const max = rules.max ?? defaultMax;
  if (!Number.isSafeInteger(value)) return refuse('tooLarge', max);
  const signed = negative ? -value : value;
  if (negative && value !== 0 && min >= 0) return refuse('negative');
  if (signed < min) return refuse('tooSmall', min);
  if (signed > max) return refuse('tooLarge', max);
  // -0 is 0.
  return { ok: true, value: signed === 0 ? 0 : signed };
}

const SHORTHAND: Record<string, number> = { rb: 1_000, ribu: 1_000, jt: 1_000_000, juta: 1_000_000 };

/** "1,5" × 1.000.000 exactly, with integers only (no floating point): null when not whole rupiah. */
function scaled(whole: string, fraction: string, unit: number): number | null {
  const decimals = fraction.length;
  const scale = 10 ** decimals;
  if (unit % scale !== 0) return null;
  return Number(whole) * unit + Number(fraction || '0') * (unit / scale);
}

/** Whole rupiah as typed at a desk. See the module comment for the accepted forms. */
export function parseRupiahInput(text: string, rules: NumberRules = {}): ParsedNumber {
  let s = text.trim();
  if (!s) return refuse('empty');
  let { negative, rest } = splitSign(s);
  // "Rp", "Rp.", "IDR", then optionally the sign again ("Rp -50.000").
  const prefix = /^(rp\.?|idr)\s*/i.exec(rest);
  if (prefix) {
    rest = rest.slice(prefix[0].length);
    if (!negative) ({ negative, rest } = splitSign(rest));
  }
  s = rest;
  if (!s) return refuse('notNumber');

  const short = /^(\d+)(?:,(\d+))?\s*(rb|ribu|jt|juta)$/i.exec(s);
  if (short) {
    const value = scaled(short[1]!, short[2] ?? '', SHORTHAND[short[3]!.toLowerCase()]!);
    return value === null ? refuse('fraction') : withinRules(value, negative, rules, MAX_RUPIAH);
  }
  if (/^[\d.,]+\s*(rb|ribu|jt|juta)$/i.test(s)) return refuse('grouping');

  // "50.000,-" and "50.000,00" are how amounts are written on Indonesian paper: zero sen.
  const zeroSen = /^(.*?),(-|00)$/.exec(s);
  if (zeroSen) s = zeroSen[1]!;
  else if (/^[\d.]+,\d+$/.test(s)) return refuse('fraction');
  const body = digitsBody(s);
  if (!body.ok) return body;
  return withinRules(body.value, negative, rules, MAX_RUPIAH);
}

/** A whole number (kbps, days, minutes, a port): digits, optionally grouped by thousands with dots. */
export function parseIntegerInput(text: string, rules: NumberRules = {}): ParsedNumber {
  const s = text.trim();
  if (!s) return refuse('empty');
  const { negative, rest } = splitSign(s);
  if (/^[\d.]+,\d*$/.test(rest)) return refuse('fraction');
  const body = digitsBody(rest);
  if (!body.ok) return body;
  return withinRules(body.value, negative, rules, Number.MAX_SAFE_INTEGER);
}

const grouping = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0, useGrouping: true });

/** How a money field shows an amount: `150.000` (the field itself shows "Rp"). */
export function formatRupiahInput(value: number): string {
  return grouping.format(value);
}

/** How a whole-number field shows a value: `10.240` with `group`, else plain digits. */
export function formatIntegerInput(value: number, group = false): string {
  return group ? grouping.format(value) : String(value);
}
