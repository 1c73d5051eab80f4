import { formatRupiah } from '../../src-shared/money';
import {
  formatIntegerInput,
  parseIntegerInput,
  parseRupiahInput,
  type NumberRules,
  type ParsedNumber,
} from '../../src-shared/strict-number';
import i18n from '../i18n';

/**
 * The glue between the strict parsers (src-shared/strict-number) and the forms: number fields keep
 * the text the user typed; a rule turns it into a field message, and `…Value` reads the number to
 * send once the rule passed. Nothing here ever guesses a number out of text the parser refused.
 */
export interface FieldRules extends NumberRules {
  /** Empty text is an error ("Wajib diisi") unless false; optional fields send nothing. Default true. */
  required?: boolean;
}

export type NumberKind = 'rupiah' | 'integer';

const parse = (kind: NumberKind, text: string, rules: NumberRules) =>
  kind === 'rupiah' ? parseRupiahInput(text, rules) : parseIntegerInput(text, rules);

/** What a field shows: `Rp 150.000` for money, `8728` (or `10.240` with `group`) for whole numbers. */
export function formatField(kind: NumberKind, value: number, group = false): string {
  return kind === 'rupiah' ? formatRupiah(value) : formatIntegerInput(value, group);
}

/** The field message for a parse result, in the current language; null when the number is fine. */
export function numberMessage(kind: NumberKind, r: ParsedNumber): string | null {
  if (r.ok) return null;
  // Bounds read like the field: "Minimal Rp 1", "Maksimal 28".
  const limit = r.limit === undefined ? '' : kind === 'rupiah' ? formatRupiah(r.limit) : String(r.limit);
  return i18n.t(`common:numberInput.${r.problem}`, { limit });
}

/** Message for `text` in a field of this kind, or null when it holds an acceptable number (or is optional and empty). */
export function fieldError(kind: NumberKind, text: string | number, rules: FieldRules = {}): string | null {
  const s = String(text);
  if (!s.trim() && rules.required === false) return null;
  return numberMessage(kind, parse(kind, s, rules));
}

/** The number in a field that passed its rule; undefined when empty (or refused: the rule said why). */
export function fieldValue(kind: NumberKind, text: string | number, rules: NumberRules = {}): number | undefined {
  const r = parse(kind, String(text), rules);
  return r.ok ? r.value : undefined;
}

/** @mantine/form rule for a money field: `validate: { price: rupiahRule() }`. */
export const rupiahRule =
  (rules: FieldRules = {}) =>
  (text: string | number) =>
    fieldError('rupiah', text, rules);

/** @mantine/form rule for a whole-number field: `validate: { port: integerRule({ min: 1, max: 65535 }) }`. */
export const integerRule =
  (rules: FieldRules = {}) =>
  (text: string | number) =>
    fieldError('integer', text, rules);

export const rupiahValue = (text: string | number, rules?: NumberRules) => fieldValue('rupiah', text, rules);
export const integerValue = (text: string | number, rules?: NumberRules) => fieldValue('integer', text, rules);

/** A number from the server as the text of a field ('' for none). */
export const rupiahText = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatRupiah(n));
export const integerText = (n: number | null | undefined, group = false) =>
  n === null || n === undefined ? '' : formatIntegerInput(n, group);
