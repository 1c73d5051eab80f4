import { fingerprintOf } from '../http/tls-identity';
import type { OfficePin } from './pinned-client';

/** Chromium's verdicts for `session.setCertificateVerifyProc`: 0 accept, -2 refuse, -3 Chromium's own result. */
export const ACCEPT = 0;
export const REFUSE = -2;
export const USE_CHROMIUM = -3;

/** The part of Electron's verify request this needs (kept structural so it is tested without Electron). */
export interface VerifyRequest {
  hostname: string;
  certificate: { data: string };
}

/**
 * The seat window's certificate check: for the office's host only the pinned certificate is accepted
 * (whatever a CA says, and a self-made certificate is fine because it is the one paired with); any other
 * host keeps Chromium's normal verification. A certificate that cannot be read is refused.
 */
export function pinnedVerifyProc(pin: Pick<OfficePin, 'url' | 'fingerprint'>) {
  const officeHost = new URL(pin.url).hostname.replace(/^\[(.*)\]$/, '$1');
  return (request: VerifyRequest, callback: (verdict: number) => void): void => {
    const host = request.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host !== officeHost) return callback(USE_CHROMIUM);
    let seen: string | null;
    try {
      seen = fingerprintOf(request.certificate.data);
    } catch {
      seen = null;
    }
    callback(seen === pin.fingerprint ? ACCEPT : REFUSE);
  };
}
