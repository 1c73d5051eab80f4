/**
 * A local Web Push service over HTTPS on 127.0.0.1: hands out subscriptions (its own P-256 key pair and
 * auth secret per "browser"), checks each request like a push service does — VAPID JWT (ES256, `aud`
 * = this origin, `exp` within 24 h, `sub` mailto:/https:), `TTL`, `Content-Encoding: aes128gcm` — then
 * decrypts the payload (RFC 8291, via `http_ece`) and records it. Unsubscribed → 410, unknown → 404.
 */
import { createECDH, createPublicKey, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { decrypt } from 'http_ece';
import type { PushSubscriptionJSON } from '../../../src-main/integrations/messaging/types';
import type { FakeReply, FakeRequest } from './http-fake';
import { HttpProviderFake } from './provider-fake';

export interface ReceivedPush {
  subscriptionId: string;
  payload: Record<string, unknown>;
  ttl: number;
  urgency?: string;
  topic?: string;
  vapidSubject: string;
  at: number;
}

interface Sub {
  id: string;
  ecdh: ECDH;
  auth: Buffer;
  active: boolean;
}

const b64u = (b: Buffer) => b.toString('base64url');

/** Verifies a VAPID `Authorization: vapid t=<jwt>, k=<key>` header; returns the claims or a reason. */
export function verifyVapid(
  header: string | undefined,
  audience: string,
  now = Date.now(),
): { sub: string; key: string } | { error: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) return { error: 'missing or malformed vapid authorization' };
  const [h, p, s] = m[1]!.split('.');
  if (!h || !p || !s) return { error: 'malformed jwt' };
  const point = Buffer.from(m[2]!, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return { error: 'vapid key is not an uncompressed P-256 point' };
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
    format: 'jwk',
  });
  const header_ = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (header_.alg !== 'ES256') return { error: 'jwt alg must be ES256' };
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url')))
    return { error: 'jwt signature invalid' };
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
  if (claims.aud !== audience) return { error: `jwt aud ${claims.aud} is not ${audience}` };
  const nowS = Math.floor(now / 1000);
  if (!claims.exp || claims.exp <= nowS || claims.exp > nowS + 24 * 3600)
    return { error: 'jwt exp must be within 24 hours' };
  if (!/^(mailto:|https:)/.test(claims.sub ?? '')) return { error: 'jwt sub must be a mailto: or https: URL' };
  return { sub: claims.sub!, key: m[2]! };
}

export class PushServiceFake extends HttpProviderFake {
  readonly received: ReceivedPush[] = [];
  private readonly subs = new Map<string, Sub>();
  /** When set, only this VAPID public key is accepted (the key the subscription was made with). */
  vapidPublicKey: string | null = null;
  /** Answers planned for one subscription's next requests (a 429 on one phone, not the other). */
  private readonly planned = new Map<string, Array<FakeReply | 'hang'>>();

  constructor(port = 0) {
    super({ tls: true, port });
  }

  /** The push service's origin (the `aud` its VAPID tokens must name). */
  get origin() {
    return this.url;
  }

  /** What `pushManager.subscribe()` would give the portal in a browser. */
  subscribe(): PushSubscriptionJSON & { id: string } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const sub: Sub = { id: randomUUID(), ecdh, auth: randomBytes(16), active: true };
    this.subs.set(sub.id, sub);
    return {
      id: sub.id,
      endpoint: `${this.origin}/push/${sub.id}`,
      keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(sub.auth) },
    };
  }

  /** The browser dropped the subscription: the service answers 410 from now on. */
  unsubscribe(id: string) {
    const s = this.subs.get(id);
    if (s) s.active = false;
  }

  /** The next requests to subscription `id` get these answers, in order ('hang': no answer at all). */
  failFor(id: string, ...replies: Array<FakeReply | 'hang'>) {
    this.planned.set(id, [...(this.planned.get(id) ?? []), ...replies]);
  }

  /** How many notices one subscription received. */
  countFor(id: string): number {
    return this.received.filter((p) => p.subscriptionId === id).length;
  }

  protected override route(r: FakeRequest): FakeReply | Promise<FakeReply> {
    const m = /^\/push\/([0-9a-f-]+)$/.exec(r.path);
    if (r.method !== 'POST' || !m) return { status: 404, body: 'not found' };
    const next = this.planned.get(m[1]!)?.shift();
    if (next === 'hang') return new Promise<FakeReply>(() => undefined);
    if (next) return next;
    const sub = this.subs.get(m[1]!);
    if (!sub) return { status: 404, body: 'subscription not found' };
    if (!sub.active) return { status: 410, body: 'push subscription has unsubscribed or expired' };
    const vapid = verifyVapid(r.headers.authorization, this.origin);
    if ('error' in vapid) return { status: 401, body: vapid.error };
    if (this.vapidPublicKey && vapid.key !== this.vapidPublicKey)
      return { status: 403, body: 'vapid key does not match the subscription' };
    const ttl = Number(r.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return { status: 400, body: 'TTL header required' };
    if (r.headers['content-encoding'] !== 'aes128gcm')
      return { status: 415, body: 'content-encoding must be aes128gcm' };
    if (r.bytes.length > 4096) return { status: 413, body: 'payload too large' };
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(
        decrypt(r.bytes, { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: b64u(sub.auth) }).toString('utf8'),
      );
    } catch (e) {
      return { status: 400, body: `cannot decrypt: ${(e as Error).message}` };
    }
    this.received.push({
      subscriptionId: sub.id,
      payload,
      ttl,
      urgency: r.headers.urgency as string | undefined,
      topic: r.headers.topic as string | undefined,
      vapidSubject: vapid.sub,
      at: Date.now(),
    });
    return { status: 201, headers: { Location: `${this.origin}/messages/${randomUUID()}` } };
  }
}
