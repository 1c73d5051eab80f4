import https from 'node:https';
import tls from 'node:tls';

/** What a seat keeps about its office: where it is and the one certificate it accepts. */
export interface OfficePin {
  /** `https://host:port` */
  url: string;
  /** The office certificate (PEM) seen at pairing: the only "CA" this seat trusts for the office. */
  certPem: string;
  /** Its SHA-256 fingerprint (`AB:CD:…`). */
  fingerprint: string;
}

/** The office answered with another certificate than the one pinned at pairing. */
export class CertificateChanged extends Error {
  constructor(readonly seen: string | null) {
    super('The office certificate changed');
  }
}

/** Codes Node gives when a certificate does not chain to the pinned one. */
const NOT_PINNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export const isCertificateChange = (err: unknown) =>
  err instanceof CertificateChanged || NOT_PINNED.has((err as { code?: string } | null)?.code ?? '');

/**
 * An HTTPS agent that trusts exactly the pinned certificate: it is the only CA (so any other
 * certificate fails the handshake before a byte of the request is sent), and the identity check
 * compares the SHA-256 fingerprint instead of the host name (the office is reached by its LAN address,
 * which a self-made certificate cannot list in advance).
 */
export function pinnedAgent(pin: Pick<OfficePin, 'certPem' | 'fingerprint'>, opts: https.AgentOptions = {}) {
  return new https.Agent({
    keepAlive: true,
    ...opts,
    ca: pin.certPem,
    checkServerIdentity: (_host, cert) =>
      cert.fingerprint256 === pin.fingerprint ? undefined : new CertificateChanged(cert.fingerprint256 ?? null),
  });
}

/**
 * The certificate an address presents, read without sending anything (the first step of pairing:
 * the seat then proves the office knows the pairing code over a connection pinned to it).
 */
export function peekCertificate(url: string, timeoutMs = 5000): Promise<{ certPem: string; fingerprint: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(u.port || 443),
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true);
      socket.destroy();
      if (!cert?.raw) return reject(new Error('The office sent no certificate'));
      const b64 = cert.raw.toString('base64').replace(/(.{64})/g, '$1\n');
      resolve({
        certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
        fingerprint: cert.fingerprint256,
      });
    });
    socket.once('timeout', () => socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('error', reject);
  });
}

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** POST JSON through the pinned agent; rejects on network errors and after `timeoutMs` without an answer. */
export function postJson(
  agent: https.Agent,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<JsonAnswer> {
  const data = JSON.stringify(body ?? {});
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON (a proxy's page): the caller sees the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('The office did not answer in time'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(data);
  });
}
