import { z } from 'zod';

/** Rupiah has no minor unit in practice: money is always a safe integer number of rupiah. */
export const MAX_RUPIAH = 1_000_000_000_000; // one trillion: far above anything a small ISP handles

export const rupiah = z
  .number({ error: 'Must be a number' })
  .int('Must be a whole number of rupiah')
  .min(0, 'Must not be negative')
  .max(MAX_RUPIAH, 'Amount is too large');

export const positiveRupiah = rupiah.min(1, 'Must be more than zero');

const grouping = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** `Rp 150.000` (id-ID grouping). Negative amounts show a leading minus. */
export function formatRupiah(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}Rp ${grouping.format(Math.abs(Math.trunc(amount)))}`;
}
