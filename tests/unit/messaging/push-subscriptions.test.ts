import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushSubscriptionInput } from '../../../src-shared/contract/portal/push';
import {
  deleteSubscriptionsOf,
  deliveredTo,
  findSubscriptionByEndpoint,
  recordDelivery,
  subscriptionsOf,
  upsertSubscription,
} from '../../../src-main/data/messaging/push.repository';
import { PushServiceFake } from '../../fakes/messaging/push-fake';
import { portalWorld, type PortalWorld } from '../portal/fixtures';

const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/dGVzdC1lbmRwb2ludA:APA91bH';
const P256DH = `B${'A'.repeat(86)}`;
const AUTH = `${'x'.repeat(21)}A`;
const valid = { endpoint: ENDPOINT, expirationTime: null, keys: { p256dh: P256DH, auth: AUTH } };

/** The first refusal of the schema: the field's path and the English message (translated by errors.json). */
function refusal(input: unknown) {
  const r = pushSubscriptionInput.safeParse(input);
  if (r.success) return null;
  const i = r.error.issues[0]!;
  return { path: i.path.join('.'), message: i.message };
}

describe('a browser subscription is checked before it is stored', () => {
  it('takes what a real browser gives (toJSON of a PushSubscription)', () => {
    const s = new PushServiceFake().subscribe();
    expect(refusal({ endpoint: s.endpoint, expirationTime: null, keys: s.keys })).toBeNull();
    expect(refusal(valid)).toBeNull();
    expect(refusal({ endpoint: ENDPOINT, keys: { p256dh: P256DH, auth: AUTH } })).toBeNull();
  });

  it('refuses a plain-http or malformed endpoint, naming the field', () => {
    expect(refusal({ ...valid, endpoint: 'http://fcm.googleapis.com/fcm/send/x' })).toEqual({
      path: 'endpoint',
      message: 'Push endpoint must be an https:// address',
    });
    expect(refusal({ ...valid, endpoint: 'https:///x' })?.path).toBe('endpoint');
    expect(refusal({ ...valid, endpoint: 'javascript:alert(1)' })?.path).toBe('endpoint');
    expect(refusal({ ...valid, endpoint: `https://a.b/${'x'.repeat(1000)}` })?.message).toBe(
      'Push endpoint must be at most 1000 characters',
    );
    expect(refusal({ keys: valid.keys })).toEqual({ path: 'endpoint', message: 'Push endpoint is required' });
  });

  it('refuses keys that are not base64url of the exact size (65-byte point, 16-byte secret)', () => {
    const p = (p256dh: unknown) => refusal({ ...valid, keys: { p256dh, auth: AUTH } });
    const a = (auth: unknown) => refusal({ ...valid, keys: { p256dh: P256DH, auth } });
    const pMsg = { path: 'keys.p256dh', message: 'Key p256dh must be a P-256 public key in base64url (87 characters)' };
    const aMsg = { path: 'keys.auth', message: 'Key auth must be 16 bytes in base64url (22 characters)' };
    expect(p(P256DH.slice(1))).toEqual(pMsg); // 86 characters
    expect(p(`${P256DH}A`)).toEqual(pMsg); // 88
    expect(p(`C${'A'.repeat(86)}`)).toEqual(pMsg); // not an uncompressed point (0x04)
    expect(p(`B${'A'.repeat(85)}=`)).toEqual(pMsg); // padding / standard base64
    expect(p(`B${'A'.repeat(85)}+`)).toEqual(pMsg);
    expect(p(undefined)).toEqual({ path: 'keys.p256dh', message: 'Key p256dh is required' });
    expect(a(AUTH.slice(1))).toEqual(aMsg);
    expect(a(`${AUTH}A`)).toEqual(aMsg);
    expect(a(`${'x'.repeat(21)}B`)).toEqual(aMsg); // trailing bits set: not 16 bytes exactly
    expect(a(`${'x'.repeat(20)}==`)).toEqual(aMsg);
    expect(a(undefined)).toEqual({ path: 'keys.auth', message: 'Key auth is required' });
    expect(refusal({ ...valid, keys: { ...valid.keys, extra: 'x' } })?.path).toBe('keys');
  });
});

describe('subscriptions in the portal', () => {
  let w: PortalWorld;
  let ca: string;
  let cb: string;
  beforeAll(async () => {
    w = await portalWorld();
    ca = await w.signIn(w.a.code, w.a.password);
    cb = await w.signIn(w.b.code, w.b.password);
  });
  afterAll(() => w.close());
  const db = () => w.t.app.ctx.sqlite;
  const audit = (action: string) =>
    db().prepare('SELECT username, entity_id AS e FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
      username: string;
      e: string;
    }[];

  it('offers nothing while push is off, then the public key once staff turn it on', async () => {
    expect(await w.call('portal.push.config', {}, ca)).toEqual({
      ok: true,
      value: { publicKey: null, subscribed: false, devices: 0 },
    });
    const refused = await w.call('portal.push.subscribe', { subscription: valid }, ca);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const first = await w.t.ok('messages.push.settings', {});
    expect(first.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    // Made once: a second look shows the same key, and the private key is sealed, not stored readable.
    expect((await w.t.ok('messages.push.settings', {})).publicKey).toBe(first.publicKey);
    const row = db().prepare(`SELECT secret, config FROM message_channels WHERE channel = 'push'`).get() as {
      secret: string;
      config: string;
    };
    expect(row.secret).not.toContain('privateKey');
    expect(audit('messages.push.keys')).toHaveLength(1);
    // Quiet hours start as WhatsApp's and SMS's do: nothing lights up a phone between 21:00 and 07:00.
    expect(first).toMatchObject({ quietStart: '21:00', quietEnd: '07:00' });
    const off = await w.t.call('messages.push.save', {
      enabled: true,
      subject: '',
      quietStart: '21:00',
      quietEnd: '07:00',
    });
    expect(off).toMatchObject({ ok: false, error: { issues: [{ path: 'subject' }] } });
    const bad = await w.t.call('messages.push.save', {
      enabled: true,
      subject: 'admin@isp.id',
      quietStart: '21:00',
      quietEnd: '07:00',
    });
    expect(bad).toMatchObject({ ok: false, error: { issues: [{ path: 'subject' }] } });
    const half = await w.t.call('messages.push.save', {
      enabled: true,
      subject: 'mailto:noc@isp.id',
      quietStart: '22:00',
      quietEnd: null,
    });
    expect(half).toMatchObject({ ok: false, error: { issues: [{ path: 'quietEnd' }] } });
    const late = await w.t.call('messages.push.save', {
      enabled: true,
      subject: 'mailto:noc@isp.id',
      quietStart: '24:00',
      quietEnd: '06:00',
    });
    expect(late).toMatchObject({ ok: false, error: { issues: [{ path: 'quietStart' }] } });
    // Refused input wrote nothing: still off, still the default hours.
    expect(await w.t.ok('messages.push.settings', {})).toMatchObject({ enabled: false, quietStart: '21:00' });
    const saved = await w.t.ok('messages.push.save', {
      enabled: true,
      subject: 'mailto:noc@isp.id',
      quietStart: '22:00',
      quietEnd: '06:00',
    });
    expect(saved).toMatchObject({ enabled: true, quietStart: '22:00', quietEnd: '06:00' });
    const saveAudit = db()
      .prepare(`SELECT before AS b, after AS a FROM audit_log WHERE action = 'messages.push.save'`)
      .get() as { b: string; a: string };
    expect(JSON.parse(saveAudit.b)).toMatchObject({ enabled: false, quietStart: '21:00', quietEnd: '07:00' });
    expect(JSON.parse(saveAudit.a)).toMatchObject({ enabled: true, quietStart: '22:00', quietEnd: '06:00' });
    expect(await w.call('portal.push.config', {}, ca)).toMatchObject({
      ok: true,
      value: { publicKey: first.publicKey },
    });
  });

  it('stores several devices per customer, one row per endpoint, audited as the customer', async () => {
    const second = { ...valid, endpoint: `${ENDPOINT}-2` };
    expect(await w.call('portal.push.subscribe', { subscription: valid, device: 'Chrome · Android' }, ca)).toEqual({
      ok: true,
      value: { ok: true, devices: 1 },
    });
    // The same browser again: still one row, no second audit row.
    await w.call('portal.push.subscribe', { subscription: valid, device: 'Chrome · Android' }, ca);
    await w.call('portal.push.subscribe', { subscription: second }, ca);
    expect(subscriptionsOf(db(), w.a.id).map((s) => s.endpoint)).toEqual([ENDPOINT, `${ENDPOINT}-2`]);
    expect(audit('portal.push.subscribe')).toEqual([
      { username: `customer:${w.a.code}`, e: String(w.a.id) },
      { username: `customer:${w.a.code}`, e: String(w.a.id) },
    ]);
    expect(await w.call('portal.push.config', { endpoint: ENDPOINT }, ca)).toMatchObject({
      value: { subscribed: true, devices: 2 },
    });
    expect(await w.call('portal.push.config', { endpoint: ENDPOINT }, cb)).toMatchObject({
      value: { subscribed: false, devices: 0 },
    });
    const devices = await w.t.ok('messages.push.devices', { customerId: w.a.id });
    expect(devices.map((d) => [d.device, d.service])).toEqual([
      ['Chrome · Android', 'fcm.googleapis.com'],
      [null, 'fcm.googleapis.com'],
    ]);
  });

  it('refuses a bad subscription with the field named, writing nothing', async () => {
    const r = await w.call(
      'portal.push.subscribe',
      { subscription: { ...valid, endpoint: 'http://evil.example/x' } },
      cb,
    );
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        issues: [{ path: 'subscription.endpoint', message: 'Push endpoint must be an https:// address' }],
      },
    });
    expect(subscriptionsOf(db(), w.b.id)).toEqual([]);
  });

  it('"Matikan" removes only the customer\'s own device', async () => {
    // B cannot remove A's device by naming its endpoint.
    expect(await w.call('portal.push.unsubscribe', { endpoint: ENDPOINT }, cb)).toEqual({
      ok: true,
      value: { ok: true, devices: 0 },
    });
    expect(findSubscriptionByEndpoint(db(), ENDPOINT)?.customerId).toBe(w.a.id);
    expect(await w.call('portal.push.unsubscribe', { endpoint: ENDPOINT }, ca)).toEqual({
      ok: true,
      value: { ok: true, devices: 1 },
    });
    expect(findSubscriptionByEndpoint(db(), ENDPOINT)).toBeUndefined();
    expect(audit('portal.push.unsubscribe')).toEqual([{ username: `customer:${w.a.code}`, e: String(w.a.id) }]);
    // Without a session: refused.
    expect((await w.post('portal.push.unsubscribe', { endpoint: `${ENDPOINT}-2` })).status).toBe(401);
  });

  it('the repository: an endpoint moves to whoever subscribed it last; deliveries are recorded once', () => {
    const now = '2026-11-24T03:00:00.000Z';
    const base = { endpoint: `${ENDPOINT}-shared`, p256dh: P256DH, auth: AUTH, device: null, now };
    const id1 = upsertSubscription(db(), { ...base, customerId: w.a.id });
    const id2 = upsertSubscription(db(), { ...base, customerId: w.b.id, device: 'Firefox · Android' });
    expect(id2).toBe(id1);
    expect(findSubscriptionByEndpoint(db(), base.endpoint)).toMatchObject({
      customerId: w.b.id,
      device: 'Firefox · Android',
    });
    recordDelivery(db(), 999, id1, now);
    recordDelivery(db(), 999, id1, now);
    expect([...deliveredTo(db(), 999)]).toEqual([id1]);
    expect(deleteSubscriptionsOf(db(), w.b.id)).toBe(1);
    expect(subscriptionsOf(db(), w.b.id)).toEqual([]);
  });
});
