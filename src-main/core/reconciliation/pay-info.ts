/**
 * What a bill message says about paying: the kode unik transfer sentence with the ISP's accounts
 * (`{cara_bayar}`), and the portal's pay page for the bill (`{link_bayar}`).
 */
import { payPageUrl } from '../../../src-shared/pay-link';
import type { AppContext } from '../context';
import { payLinkFor } from '../portal/pay';
import { portalStatus } from '../portal/status';
import { getSettings } from '../settings';
import { bankAccountLines, transferAmountFor, transferSentence } from './transfer-codes';

export interface PayInfo {
  /** Replaces the default payment instructions when there is a kode unik amount. */
  instructions: string | null;
  link: string | null;
}

export type PayInfoFor = (invoice: { id: number; number: string }) => PayInfo;

/** The portal's address as customers reach it: the one in Settings, else where the portal listens now. */
export function portalBaseUrl(app: AppContext): string | null {
  return getSettings(app).portalPublicUrl || portalStatus(app).url || null;
}

export function payInfoFor(app: AppContext): PayInfoFor {
  return (invoice) => {
    const s = getSettings(app);
    const t = transferAmountFor(app, invoice.id);
    const base = portalBaseUrl(app);
    const banks = bankAccountLines(s, s.language);
    return {
      instructions: t ? [transferSentence(t, s.language), ...banks].join('\n') : null,
      link: base ? payPageUrl(base, payLinkFor(app, invoice.id)) : null,
    };
  };
}
