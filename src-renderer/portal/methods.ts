/** How a gateway's method code is shown to a customer: QRIS, a bank's virtual account, an e-wallet, other. */
export type MethodKind = 'qris' | 'va' | 'ewallet' | 'other';

export const METHOD_KINDS: MethodKind[] = ['qris', 'va', 'ewallet', 'other'];

const BANKS = /^(bri|bni|bca|mandiri|permata|bsi|cimb|bjb|danamon|maybank|muamalat|sampoerna|ocbc|bnc)/i;

/**
 * Gateways name their methods differently (Tripay `BRIVA`, Midtrans `bri_va`, Xendit `BRI`): QRIS by name,
 * a virtual account by a `VA` suffix or a bank's name, an e-wallet by its brand.
 */
export function methodKind(code: string): MethodKind {
  if (/qris/i.test(code)) return 'qris';
  if (/ovo|dana|shopee|gopay|linkaja|astrapay|jenius|sakuku/i.test(code)) return 'ewallet';
  if (/va$|_va\b|^va_/i.test(code) || BANKS.test(code)) return 'va';
  return 'other';
}

/** `BRIVA` → `BRI`, `bri_va` → `BRI`, `QRIS` → `QRIS`, `SHOPEEPAY` → `SHOPEEPAY`. */
export function methodName(code: string): string {
  const kind = methodKind(code);
  const bare = kind === 'va' ? code.replace(/_?va$|^va_/i, '') : code;
  return bare.replace(/_/g, ' ').toUpperCase();
}
