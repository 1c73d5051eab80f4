/**
 * The customer portal's pay page for one bill, as reminders link to it (`{link_bayar}`): the portal's
 * address with `?bayar=<invoice number>`. The portal app reads the same parameter to open that bill.
 */
export const PAY_PARAM = 'bayar';

export function payPageUrl(portalBase: string, invoiceNumber: string): string {
  const base = portalBase.endsWith('/') ? portalBase : `${portalBase}/`;
  return `${base}?${PAY_PARAM}=${encodeURIComponent(invoiceNumber)}`;
}

/** The invoice number a pay link names, or null (read by the portal app from `location.search`). */
export function invoiceOfPayLink(search: string): string | null {
  const v = new URLSearchParams(search).get(PAY_PARAM);
  return v && v.trim() ? v.trim() : null;
}
