/**
 * The customer portal's pay page for one bill, as reminders and the isolir page link to it
 * (`{link_bayar}`): `<portal address>/bayar/<token>`. The token (core/portal/pay.ts, payLinkFor) is random
 * and stable per invoice, so the link opens that bill's pay page without a password and names nothing.
 */
export function payPageUrl(portalBase: string, token: string): string {
  return `${portalBase.replace(/\/+$/, '')}/bayar/${encodeURIComponent(token)}`;
}
