import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  generateVapidKeys,
  topicFor,
  WebPushChannel,
} from '../../../src-main/integrations/messaging/channels/web-push';
import type { OutgoingMessage, PushSubscriptionJSON } from '../../../src-main/integrations/messaging/types';
import { closedPort, FAKE_CA } from '../../fakes/messaging/http-fake';
import { PushServiceFake } from '../../fakes/messaging/push-fake';

const vapid = { ...generateVapidKeys(), subject: 'mailto:admin@maju.net.id' };

describe('Web Push adapter against a local push service', () => {
  let push: PushServiceFake;
  let ch: WebPushChannel;
  let sub: PushSubscriptionJSON & { id: string };
  const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    reference: 'pay-311:payment_receipt',
    to: { kind: 'push', subscription: { endpoint: sub.endpoint, keys: sub.keys } },
    text: 'Rp 150.000 untuk tagihan Juli 2026. Terima kasih.',
    push: { title: 'Pembayaran diterima', url: 'https://portal.maju.net.id/tagihan' },
    ...over,
  });

  beforeEach(async () => {
    push = await new PushServiceFake().start();
    push.vapidPublicKey = vapid.publicKey;
    sub = push.subscribe();
    ch = new WebPushChannel({ vapid, ca: FAKE_CA, timeoutMs: 10_000 });
  });
  afterEach(async () => {
    await ch.close();
    await push.stop();
  });

  it('delivers an encrypted payload the browser can decrypt, with VAPID, TTL and a Topic', async () => {
    const r = await ch.send(msg());
    expect(r).toMatchObject({ ok: true, providerStatus: '201' });
    expect(r.ok && r.providerMessageId).toMatch(/\/messages\//);
    expect(push.received).toEqual([
      {
        subscriptionId: sub.id,
        payload: {
          title: 'Pembayaran diterima',
          body: 'Rp 150.000 untuk tagihan Juli 2026. Terima kasih.',
          url: 'https://portal.maju.net.id/tagihan',
          tag: 'pay-311:payment_receipt',
          reference: 'pay-311:payment_receipt',
        },
        ttl: 86_400,
        urgency: 'normal',
        topic: topicFor('pay-311:payment_receipt'),
        vapidSubject: 'mailto:admin@maju.net.id',
        at: expect.any(Number),
      },
    ]);
    // The encrypted body on the wire is not the text.
    expect(push.http.requests[0]!.bytes.includes(Buffer.from('Terima kasih'))).toBe(false);
    expect(topicFor('pay-311:payment_receipt')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await ch.lookup()).toEqual({ kind: 'unsupported' });
  });

  it('410 and 404: the subscription is gone, never retried', async () => {
    push.unsubscribe(sub.id);
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'recipient_gone', httpStatus: 410, retryable: false, scope: 'message' },
    });
    const missing = msg({
      to: {
        kind: 'push',
        subscription: { endpoint: `${push.origin}/push/00000000-0000-0000-0000-000000000000`, keys: sub.keys },
      },
    });
    expect(await ch.send(missing)).toMatchObject({ ok: false, failure: { reason: 'recipient_gone', httpStatus: 404 } });
  });

  it('a VAPID key the service does not accept is an auth problem for the channel', async () => {
    const other = new WebPushChannel({ vapid: { ...generateVapidKeys(), subject: 'mailto:x@y.id' }, ca: FAKE_CA });
    expect(await other.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'auth', httpStatus: 403, scope: 'channel' },
    });
    await other.close();
    const badSubject = new WebPushChannel({ vapid: { ...vapid, subject: 'admin' }, ca: FAKE_CA });
    expect(await badSubject.send(msg())).toMatchObject({ ok: false, failure: { reason: 'config', retryable: false } });
    await badSubject.close();
  });

  it('429 with Retry-After, 5xx and no answer are retryable', async () => {
    push.http.fail({ kind: 'status', status: 429, body: 'slow down', headers: { 'Retry-After': '120' } });
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'rate_limited', retryAfterMs: 120_000, retryable: true },
    });
    push.http.fail({ kind: 'status', status: 503, body: 'unavailable' });
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'server_error', retryable: true } });
    push.http.fail({ kind: 'hang' });
    const quick = new WebPushChannel({ vapid, ca: FAKE_CA, timeoutMs: 300 });
    expect(await quick.send(msg())).toMatchObject({ ok: false, failure: { reason: 'timeout', maybeAccepted: true } });
    await quick.close();
    const down = msg({
      to: {
        kind: 'push',
        subscription: { endpoint: `https://127.0.0.1:${await closedPort()}/push/x`, keys: sub.keys },
      },
    });
    expect(await ch.send(down)).toMatchObject({ ok: false, failure: { reason: 'network', maybeAccepted: false } });
    expect(await ch.send(msg())).toMatchObject({ ok: true });
  });

  it('an untrusted push service certificate is refused', async () => {
    const noCa = new WebPushChannel({ vapid });
    expect(await noCa.send(msg())).toMatchObject({ ok: false, failure: { reason: 'config' } });
    await noCa.close();
    expect(push.received).toHaveLength(0);
  });

  it('the VAPID private key never appears in a failure or log', async () => {
    const logs: unknown[] = [];
    const logged = new WebPushChannel({ vapid, ca: FAKE_CA, log: (e) => logs.push(e) });
    push.http.fail({ kind: 'status', status: 500, body: `oops ${vapid.privateKey}` });
    const r = await logged.send(msg());
    await logged.close();
    expect(JSON.stringify([r, logs])).not.toContain(vapid.privateKey);
  });
});
