/**
 * Collector commission per payment, integer rupiah. Flat: the rule's rupiah per payment. Percent: the
 * rule's basis points of the amount, rounded half up to the rupiah (Rp 12.345 at 2.5% = 308,625 → Rp 309).
 * Computed in BigInt so a large amount times basis points cannot lose precision.
 */
export function commissionFor(rule: { kind: 'flat' | 'percent'; value: number } | null, amount: number): number {
  if (!rule) return 0;
  if (rule.kind === 'flat') return rule.value;
  return Number((BigInt(amount) * BigInt(rule.value) + 5000n) / 10000n);
}
