import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as selfsigned from 'selfsigned';
import { lazyRequire } from '../../lazy-require';

/** Loaded on first use (lazy-require.ts): only a first start over HTTPS makes a certificate. */
const certificates = lazyRequire<typeof selfsigned>('selfsigned');

/** The key and certificate the staff host serves HTTPS with, and the certificate's SHA-256 fingerprint. */
export interface TlsIdentity {
  key: string;
  cert: string;
  /** `AB:CD:…` (32 bytes), what a seat pins and what the screen shows to compare by eye. */
  fingerprint: string;
}

export const tlsDir = (dataDir: string) => path.join(dataDir, 'tls');
const CERT_FILE = 'cert.pem';
const KEY_FILE = 'key.pem';
/** Ten years: a seat pins this exact certificate, so renewing it means pairing every seat again. */
const VALID_DAYS = 3650;

export const fingerprintOf = (certPem: string) => new crypto.X509Certificate(certPem).fingerprint256;

/** An identity from PEM files the operator supplied (--tls-cert / --tls-key). */
export function loadTlsIdentity(certFile: string, keyFile: string): TlsIdentity {
  const cert = fs.readFileSync(certFile, 'utf8');
  const key = fs.readFileSync(keyFile, 'utf8');
  const x509 = new crypto.X509Certificate(cert);
  if (!x509.checkPrivateKey(crypto.createPrivateKey(key)))
    throw new Error(`${keyFile} is not the private key of ${certFile}`);
  return { cert, key, fingerprint: x509.fingerprint256 };
}

/** Writes through a temporary file and a rename: a crash never leaves half a key behind. */
function writeAtomic(file: string, text: string, mode: number) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}

/**
 * The app's own certificate in `<dataDir>/tls`: made on first use (an EC P-256 key, SHA-256 signature,
 * self-signed), read back afterwards so the fingerprint seats pinned stays the same across restarts.
 */
export async function ensureSelfSignedIdentity(
  dataDir: string,
  opts: { commonName?: string; now?: Date } = {},
): Promise<TlsIdentity> {
  const dir = tlsDir(dataDir);
  const certFile = path.join(dir, CERT_FILE);
  const keyFile = path.join(dir, KEY_FILE);
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) return loadTlsIdentity(certFile, keyFile);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notBeforeDate = opts.now ?? new Date();
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000);
  const cn = opts.commonName ?? 'PPPoE Desk';
  const pems = await certificates().generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  // The key first: a certificate without its key is never left behind to be read back.
  writeAtomic(keyFile, pems.private, 0o600);
  writeAtomic(certFile, pems.cert, 0o644);
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}
