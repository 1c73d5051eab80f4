/** What an erased value becomes, in the database and in old audit rows. */
export const ERASED = '[dihapus]';

/** Keys of audit snapshots that hold a customer's personal data (customer, PPPoE account). */
export const PERSONAL_SNAPSHOT_KEYS = new Set([
  'name',
  'address',
  'phone',
  'email',
  'idCard',
  'notes',
  'username',
  'callerId',
  'lastIp',
  'staticIp',
]);

/** Values shorter than this are not searched for inside other text: "Ani" would be, "Jo" would not. */
const MIN_SEARCHED = 3;

/**
 * The forms a value takes in stored text: as typed, and a phone also as its bare digits and with 62 /
 * 0 exchanged (`0812-3456-7890`, `081234567890`, `6281234567890`).
 */
export function valueForms(value: string): string[] {
  const forms = new Set([value.trim()]);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 6 && /^[+\d\s().-]+$/.test(value)) {
    forms.add(digits);
    if (digits.startsWith('0')) forms.add(`62${digits.slice(1)}`);
    if (digits.startsWith('62')) forms.add(`0${digits.slice(2)}`);
  }
  return [...forms].filter((f) => f.length >= MIN_SEARCHED);
}

/** Distinct forms of every value, longest first (so a full name goes before a part of it). */
export function searchForms(values: Iterable<string | null | undefined>): string[] {
  const all = new Set<string>();
  for (const v of values) if (v) for (const f of valueForms(v)) all.add(f);
  return [...all].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every occurrence of the forms (any letter case) by ERASED. */
export function scrubText(text: string, forms: readonly string[]): string {
  if (!forms.length) return text;
  return text.replace(new RegExp(forms.map(escape).join('|'), 'gi'), ERASED);
}

function scrubValue(v: unknown, forms: readonly string[], byKey: boolean, key?: string): unknown {
  if (typeof v === 'string')
    return byKey && key !== undefined && PERSONAL_SNAPSHOT_KEYS.has(key) ? ERASED : scrubText(v, forms);
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, forms, byKey));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubValue(x, forms, byKey, k)]));
  return v;
}

/**
 * Scrubs an audit snapshot (JSON text). `byKey`: the row is about this customer or their account, so
 * every personal key is blanked whatever its value (an old phone number the customer no longer has);
 * otherwise (a bulk row that mentions them) only their known values are replaced.
 */
export function scrubSnapshot(json: string | null, forms: readonly string[], byKey: boolean): string | null {
  if (json === null) return null;
  try {
    return JSON.stringify(scrubValue(JSON.parse(json), forms, byKey));
  } catch {
    return scrubText(json, forms);
  }
}

/** Personal values inside a snapshot (to learn old phones and names from the audit trail). */
export function snapshotValues(json: string | null): string[] {
  if (!json) return [];
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string' && key && PERSONAL_SNAPSHOT_KEYS.has(key) && key !== 'notes') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  try {
    walk(JSON.parse(json));
  } catch {
    // not JSON: nothing structured to learn from
  }
  return out;
}
