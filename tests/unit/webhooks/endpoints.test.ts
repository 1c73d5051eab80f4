import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { startReceiver, type FakeReceiver } from '../../fakes/webhooks/receiver';

let t: TestApp;
let rx: FakeReceiver;
beforeEach(async () => {
  t = await testApp();
  rx = await startReceiver();
  rx.now = () => Math.floor(t.clock.now().getTime() / 1000);
});
afterEach(async () => {
  await rx.close();
  t.close();
});

const audit = () =>
  t.app.ctx.sqlite
    .prepare("SELECT action, username, before, after FROM audit_log WHERE entity = 'webhook_endpoint' ORDER BY id")
    .all() as { action: string; username: string; before: string | null; after: string | null }[];

describe('webhook endpoints (admin)', () => {
  it('shows the secret once, refuses a non-http URL on the url field, audits every change, and is admin-only', async () => {
    const bad = await t.call('webhooks.create', { url: 'ftp://example.test/x', events: ['payment.created'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_INPUT');
      expect(bad.error.issues).toEqual([{ path: 'url', message: 'URL must be an http:// or https:// address' }]);
    }
    const none = await t.call('webhooks.create', { url: rx.url, events: [] });
    expect(!none.ok && none.error.issues?.[0]?.path).toBe('events');

    const made = await t.ok('webhooks.create', { url: rx.url, description: 'Akuntansi', events: ['payment.created'] });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(made.endpoint.secretHint).toBe(made.secret.slice(0, 10));
    const listed = JSON.stringify(await t.ok('webhooks.list', {}));
    expect(listed).not.toContain(made.secret);
    expect(listed).not.toContain('secretEnc');

    const rotated = await t.ok('webhooks.rotateSecret', { id: made.endpoint.id });
    expect(rotated.secret).not.toBe(made.secret);
    await t.ok('webhooks.update', { id: made.endpoint.id, enabled: false });

    const rows = audit();
    expect(rows.map((r) => r.action)).toEqual(['webhook.create', 'webhook.rotate', 'webhook.update']);
    expect(rows.every((r) => r.username === 'admin')).toBe(true);
    expect(rows.map((r) => `${r.before}${r.after}`).join()).not.toContain(made.secret.slice(10));
    expect(JSON.parse(rows[2]!.after!)).toMatchObject({ enabled: false });

    await t.ok('users.create', {
      username: 'kasir1',
      fullName: 'Siti Kasir',
      role: 'staff',
      password: 'Kopi-Susu-Manis-9',
      mustChangePassword: false,
    });
    const { token } = (await t.ok('auth.login', { username: 'kasir1', password: 'Kopi-Susu-Manis-9' })) as {
      token: string;
    };
    const denied = await t.call('webhooks.list', {}, token);
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
  });

  it('"Kirim uji" sends a signed webhook.test at once and answers with the outcome', async () => {
    const made = await t.ok('webhooks.create', { url: rx.url, events: ['invoice.issued'] });
    rx.secret = made.secret;
    const ok = await t.ok('webhooks.test', { id: made.endpoint.id });
    expect(ok).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, eventType: 'webhook.test' });
    expect(rx.received[0]!.verified).toMatchObject({ ok: true });
    expect(rx.received[0]!.eventId).toBe(ok.eventId);

    rx.mode = 'fail';
    const failed = await t.ok('webhooks.test', { id: made.endpoint.id });
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(failed.nextAttemptAt).not.toBeNull();
    const log = await t.ok('webhooks.deliveries', { endpointId: made.endpoint.id });
    expect(log.items.map((d) => d.status)).toEqual(['pending', 'delivered']);
    expect(audit().filter((r) => r.action === 'webhook.test')).toHaveLength(2);
  });
});
