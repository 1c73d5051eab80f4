import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateApiMessage } from '../../../src-renderer/components/apiError';
import i18n from '../../../src-renderer/i18n';
import { portalWorld, type PortalWorld } from './fixtures';

/*
 * Bad input on every portal form: refused with the field named and an Indonesian message, and
 * nothing written (the customer row, the portal password and the audit trail stay as they were).
 */
let w: PortalWorld;
let cookie: string;
beforeAll(async () => {
  await i18n.changeLanguage('id');
  w = await portalWorld();
  cookie = await w.signIn(w.a.code, w.a.password);
});
afterAll(() => w.close());

const snapshot = () => ({
  customer: w.t.app.ctx.sqlite.prepare('SELECT phone, email, updated_at FROM customers WHERE id = ?').get(w.a.id),
  password: w.t.app.ctx.sqlite
    .prepare('SELECT password_hash, set_at FROM portal_credentials WHERE customer_id = ?')
    .get(w.a.id),
  audit: w.t.app.ctx.sqlite
    .prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'portal.%' AND action NOT LIKE 'portal.login%'")
    .get(),
});

const cases: { form: string; channel: string; input: Record<string, unknown>; field: string; indonesian: RegExp }[] = [
  {
    form: 'sign-in',
    channel: 'portal.login',
    input: { login: '  ', password: 'x' },
    field: 'login',
    indonesian: /Kode pelanggan atau username PPPoE wajib diisi/,
  },
  {
    form: 'sign-in',
    channel: 'portal.login',
    input: { login: 'CUST0001', password: '' },
    field: 'password',
    indonesian: /Kata sandi wajib diisi/,
  },
  {
    form: 'password',
    channel: 'portal.changePassword',
    input: { currentPassword: '', newPassword: 'Kebun-Mangga-77' },
    field: 'currentPassword',
    indonesian: /Kata sandi saat ini wajib diisi/,
  },
  {
    form: 'password',
    channel: 'portal.changePassword',
    input: { currentPassword: 'salah', newPassword: 'Kebun-Mangga-77' },
    field: 'currentPassword',
    indonesian: /salah/,
  },
  {
    form: 'password',
    channel: 'portal.changePassword',
    input: { currentPassword: '@A', newPassword: 'pendek' },
    field: 'newPassword',
    indonesian: /minimal 8 karakter/,
  },
  {
    form: 'password',
    channel: 'portal.changePassword',
    input: { currentPassword: '@A', newPassword: 'password123' },
    field: 'newPassword',
    indonesian: /terlalu umum/,
  },
  {
    form: 'contact',
    channel: 'portal.updateContact',
    input: { phone: '0812-abc' },
    field: 'phone',
    indonesian: /Telepon harus 6–15 digit/,
  },
  {
    form: 'contact',
    channel: 'portal.updateContact',
    input: { email: 'budi@' },
    field: 'email',
    indonesian: /e-mail tidak valid/,
  },
];

describe('bad input on the portal forms', () => {
  for (const c of cases) {
    it(`${c.form}: ${c.field} ${JSON.stringify(c.input)}`, async () => {
      const before = snapshot();
      const input = { ...c.input };
      if (input.currentPassword === '@A') input.currentPassword = w.a.password;
      const r = await w.post(c.channel, input, { cookie });
      expect(r.status).toBe(400);
      const error = JSON.parse(r.body).error as { message: string; issues: { path: string; message: string }[] };
      expect(error.issues.map((i) => i.path)).toContain(c.field);
      const issue = error.issues.find((i) => i.path === c.field)!;
      expect(translateApiMessage(issue.message)).toMatch(c.indonesian);
      expect(snapshot()).toEqual(before);
    });
  }

  it('a good contact change is written, audited with before/after, and visible to the desk', async () => {
    const r = await w.call('portal.updateContact', { phone: '0813 2222 3333', email: 'budi@example.id' }, cookie);
    expect(r.ok).toBe(true);
    const desk = await w.t.ok('customers.get', { id: w.a.id });
    expect(desk).toMatchObject({ phone: '0813 2222 3333', email: 'budi@example.id' });
    const row = w.t.app.ctx.sqlite
      .prepare("SELECT username, before, after FROM audit_log WHERE action = 'portal.update_contact'")
      .get() as { username: string; before: string; after: string };
    expect(row.username).toBe(`customer:${w.a.code}`);
    expect(JSON.parse(row.after)).toEqual({ phone: '0813 2222 3333', email: 'budi@example.id' });
  });

  it('a good password change works, ends other sessions and keeps this one', async () => {
    const other = await w.signIn(w.a.username, w.a.password, '127.0.0.9');
    const r = await w.call(
      'portal.changePassword',
      { currentPassword: w.a.password, newPassword: 'Kebun-Mangga-77' },
      cookie,
    );
    expect(r.ok).toBe(true);
    expect((await w.post('portal.me', {}, { cookie: other })).status).toBe(401);
    expect((await w.post('portal.me', {}, { cookie })).status).toBe(200);
    await w.signIn(w.a.code, 'Kebun-Mangga-77');
  });
});
