import net from 'node:net';
import tls from 'node:tls';
import type { RouterTarget } from './client';

/**
 * The API-SSL socket: verified against a pinned certificate/CA when the router has one, otherwise
 * encrypted but unauthenticated (a trusted LAN).
 */
export function tlsSocket(t: RouterTarget, port: number): tls.TLSSocket {
  const base: tls.ConnectionOptions = { host: t.host, port, servername: net.isIP(t.host) ? undefined : t.host };
  if (t.tlsCa) {
    // Verify against the router's own certificate/CA; routers are usually addressed by IP, so the
    // pinned CA (not the host name) is what we trust.
    return tls.connect({ ...base, ca: t.tlsCa, checkServerIdentity: () => undefined });
  }
  // Trusted-LAN mode: encrypted but unauthenticated. Also offer anonymous-DH suites, which is what
  // API-SSL negotiates when the router has no certificate (OpenSSL builds only; fall back otherwise).
  try {
    return tls.connect({
      ...base,
      rejectUnauthorized: false,
      ciphers: `${tls.DEFAULT_CIPHERS}:ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:ADH-AES256-SHA256:ADH-AES128-SHA256:@SECLEVEL=0`,
    });
  } catch {
    return tls.connect({ ...base, rejectUnauthorized: false });
  }
}
