import crypto from 'node:crypto';
import { pairingProof } from '../../core/lan-share/pairing';
import { isCertificateChange, peekCertificate, pinnedAgent, postJson, type OfficePin } from './pinned-client';

/** What a paired seat keeps: the pin plus the office's name and when it was paired. */
export interface SeatConfig extends OfficePin {
  officeName: string;
  pairedAt: string;
}

/** Why pairing failed, as a kind the seat's screen translates (never an English sentence for a user). */
export type PairingFailure =
  | 'bad_address' // not an https address of a PC
  | 'unreachable' // nothing answered at that address
  | 'wrong_code' // the office refused the proof: wrong, used or expired code
  | 'rate_limited' // too many attempts from this PC
  | 'not_shared' // the office PC does not share on the network
  | 'office_proof' // the office could not prove it knows the code: another machine in the middle
  | 'certificate_changed'; // the certificate changed between reading it and pairing

export class PairingError extends Error {
  constructor(
    readonly kind: PairingFailure,
    readonly detail?: string,
  ) {
    super(`Pairing failed: ${kind}${detail ? ` (${detail})` : ''}`);
  }
}

/**
 * `192.168.1.10:8443`, `https://192.168.1.10:8443/#/customers` (the QR code's URL) → `https://192.168.1.10:8443`.
 * Plain http is refused: a seat only ever talks to the office over the pinned HTTPS connection.
 */
export function officeOrigin(address: string): string {
  const text = address.trim();
  if (!text) throw new PairingError('bad_address');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new PairingError('bad_address');
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) {
    throw new PairingError('bad_address');
  }
  return url.origin;
}

const hex = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

/**
 * Pairs with the office PC: reads its certificate, proves knowledge of the pairing code bound to that
 * certificate over a connection pinned to it, checks the office's proof in return, and gives the
 * configuration to store. The code itself never travels.
 */
export async function pairWithOffice(
  address: string,
  code: string,
  opts: { seatName?: string; timeoutMs?: number; now?: () => Date } = {},
): Promise<SeatConfig> {
  const url = officeOrigin(address);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let seen: { certPem: string; fingerprint: string };
  try {
    seen = await peekCertificate(url, timeoutMs);
  } catch (err) {
    throw new PairingError('unreachable', (err as Error).message);
  }
  const nonce = crypto.randomBytes(32).toString('hex');
  const agent = pinnedAgent(seen, { keepAlive: false });
  let answer;
  try {
    answer = await postJson(
      agent,
      `${url}/api/pairing.verify`,
      { nonce, proof: pairingProof(code, 'seat', nonce, seen.fingerprint), seatName: opts.seatName ?? null },
      {},
      timeoutMs,
    );
  } catch (err) {
    if (isCertificateChange(err)) throw new PairingError('certificate_changed');
    throw new PairingError('unreachable', (err as Error).message);
  } finally {
    agent.destroy();
  }
  const body = answer.body as
    | { ok: true; value: { proof: unknown; officeName: unknown; fingerprint: unknown } }
    | { ok: false; error: { code: string; message: string } }
    | undefined;
  if (!body || typeof body !== 'object' || !('ok' in body)) throw new PairingError('unreachable', 'not PPPoE Desk');
  if (!body.ok) {
    if (body.error.code === 'RATE_LIMITED') throw new PairingError('rate_limited', body.error.message);
    if (body.error.code === 'NOT_FOUND') throw new PairingError('not_shared');
    throw new PairingError('wrong_code');
  }
  const v = body.value;
  const expected = pairingProof(code, 'office', nonce, seen.fingerprint);
  if (!hex(v.proof) || v.fingerprint !== seen.fingerprint) throw new PairingError('office_proof');
  if (!crypto.timingSafeEqual(Buffer.from(v.proof, 'hex'), Buffer.from(expected, 'hex'))) {
    throw new PairingError('office_proof');
  }
  return {
    url,
    certPem: seen.certPem,
    fingerprint: seen.fingerprint,
    officeName: typeof v.officeName === 'string' ? v.officeName : '',
    pairedAt: (opts.now?.() ?? new Date()).toISOString(),
  };
}
