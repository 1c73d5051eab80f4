import { z } from 'zod';

/**
 * Kode unik: each open bill gets a payable amount of its own (the bill plus or minus a small code in the
 * last digits), so a bank transfer of exactly that amount names the bill without any reference text.
 * The customer is told "transfer exactly Rp 150.123" (bill Rp 150.000 + code 123); in discount mode
 * "transfer exactly Rp 149.877" (bill Rp 150.000 − code 123). Pure functions: the caller stores the
 * code with the bill and passes it back, which is what keeps a code stable while the bill is open.
 */

export interface KodeUnikSettings {
  /** `surcharge`: payable = bill + code; `discount`: payable = bill − code (the ISP gives the code away). */
  mode: 'surcharge' | 'discount';
  /** Smallest and largest code, inclusive (default 1–999: the last three digits). */
  min: number;
  max: number;
}

export const DEFAULT_KODE_UNIK: KodeUnikSettings = { mode: 'surcharge', min: 1, max: 999 };

/** What the settings screen may save. Up to four digits: beyond that the "code" is no longer small change. */
export const kodeUnikSettingsSchema = z
  .object({
    mode: z.enum(['surcharge', 'discount']),
    min: z.number().int().min(1).max(9_999),
    max: z.number().int().min(1).max(9_999),
  })
  .refine((s) => s.min <= s.max, { path: ['max'] });

export interface BillForCode {
  /** The bill's id (unique). */
  id: number;
  /** What the bill asks for before the code, integer rupiah > 0. */
  baseAmount: number;
  /** The code the bill already has (stored with it), if any. */
  code?: number | null;
}

export type CodeAssignment =
  /** `kept`: its stored code; `new`: it had none; `moved`: its stored code was out of range or taken. */
  | { id: number; status: 'kept' | 'new' | 'moved'; code: number; payable: number }
  /** Every payable amount in this bill's window is taken: the bill goes out without a code (never a shared one). */
  | { id: number; status: 'exhausted' };

export function payableAmount(baseAmount: number, code: number, mode: KodeUnikSettings['mode']): number {
  return mode === 'surcharge' ? baseAmount + code : baseAmount - code;
}

/** How many bills of the same amount can hold distinct codes at once. */
export function kodeUnikCapacity(settings: KodeUnikSettings): number {
  return settings.max - settings.min + 1;
}

/** FNV-1a: a fixed, well-spread starting code per bill, so codes do not run in issue order. */
function startOffset(id: number, span: number): number {
  let h = 0x811c9dc5;
  for (const ch of String(id)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % span;
}

/**
 * Codes for every open bill such that no two open bills share a payable amount. Deterministic: the
 * result depends only on the bills (in any order), their stored codes, the settings and `reserved`.
 *
 * 1. Stored codes are kept (lowest id first) unless out of range, not payable (discount to ≤ 0) or
 *    already taken by a lower id — those bills are `moved`.
 * 2. Bills without a valid code take, in id order, the first free payable amount found by walking the
 *    code range from a start derived from the bill id. The code and the amount are used together: two
 *    bills of different amounts may share a code; two payable amounts never coincide, whichever bills
 *    they come from (Rp 150.000 + 123 and Rp 150.100 + 23 cannot both be given out).
 * 3. `reserved` payable amounts (e.g. those of bills closed in the last days, whose late transfers may
 *    still arrive) are not given to new codes.
 * A bill whose whole window is taken is `exhausted`: at most `kodeUnikCapacity` bills of one amount
 * can hold codes at the same time (999 with the default range; choose 1–9,999 beyond that).
 */
export function allocateKodeUnik(
  bills: readonly BillForCode[],
  settings: KodeUnikSettings = DEFAULT_KODE_UNIK,
  reserved: Iterable<number> = [],
): CodeAssignment[] {
  const s = kodeUnikSettingsSchema.parse(settings);
  const sorted = [...bills].sort((a, b) => a.id - b.id);
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i]!;
    if (!Number.isSafeInteger(b.id)) throw new RangeError(`bill id ${b.id} is not an integer`);
    if (i > 0 && sorted[i - 1]!.id === b.id) throw new RangeError(`bill id ${b.id} appears twice`);
    if (!Number.isSafeInteger(b.baseAmount) || b.baseAmount <= 0)
      throw new RangeError(`bill ${b.id}: base amount must be a positive whole rupiah`);
  }
  const taken = new Set<number>();
  const result = new Map<number, CodeAssignment>();
  const valid = (base: number, code: number) =>
    Number.isSafeInteger(code) && code >= s.min && code <= s.max && payableAmount(base, code, s.mode) > 0;

  for (const b of sorted) {
    if (b.code === undefined || b.code === null || !valid(b.baseAmount, b.code)) continue;
    const payable = payableAmount(b.baseAmount, b.code, s.mode);
    if (taken.has(payable)) continue;
    taken.add(payable);
    result.set(b.id, { id: b.id, status: 'kept', code: b.code, payable });
  }

  for (const r of reserved) taken.add(r);
  const span = kodeUnikCapacity(s);
  // Within one run amounts are only ever taken, never freed: a window found full stays full.
  const fullWindows = new Set<number>();
  for (const b of sorted) {
    if (result.has(b.id)) continue;
    const status = b.code === undefined || b.code === null ? 'new' : 'moved';
    let assigned: CodeAssignment | undefined;
    if (!fullWindows.has(b.baseAmount)) {
      const start = startOffset(b.id, span);
      for (let k = 0; k < span && !assigned; k++) {
        const code = s.min + ((start + k) % span);
        const payable = payableAmount(b.baseAmount, code, s.mode);
        if (payable <= 0 || taken.has(payable)) continue;
        taken.add(payable);
        assigned = { id: b.id, status, code, payable };
      }
      if (!assigned) fullWindows.add(b.baseAmount);
    }
    result.set(b.id, assigned ?? { id: b.id, status: 'exhausted' });
  }
  return sorted.map((b) => result.get(b.id)!);
}
