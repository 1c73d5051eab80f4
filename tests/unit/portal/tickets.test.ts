import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateApiMessage } from '../../../src-renderer/components/apiError';
import i18n from '../../../src-renderer/i18n';
import { portalWorld, type PortalWorld } from './fixtures';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

let w: PortalWorld;
let cookie: string;
beforeAll(async () => {
  await i18n.changeLanguage('id');
  w = await portalWorld();
  cookie = await w.signIn(w.a.code, w.a.password);
});
afterAll(() => w.close());

const count = (sql: string) => (w.t.app.ctx.sqlite.prepare(sql).get() as { n: number }).n;
const audit = (action: string) =>
  w.t.app.ctx.sqlite
    .prepare('SELECT username, entity_id AS id FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as {
    username: string;
    id: string;
  }[];

describe('support tickets', () => {
  it('customer opens a ticket with a photo, staff assign, answer and close it, the customer sees the answer', async () => {
    const opened = await w.call(
      'portal.tickets.open',
      {
        category: 'gangguan',
        text: 'Internet mati sejak pagi\nLampu LOS merah',
        photo: { type: 'image/png', base64: PNG },
      },
      cookie,
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const id = opened.value.ticket.id;
    expect(opened.value.ticket).toMatchObject({
      status: 'open',
      category: 'gangguan',
      subject: 'Internet mati sejak pagi',
    });
    expect(await w.t.ok('tickets.counts', {})).toEqual({ open: 1, answered: 0, unassigned: 1 });

    const list = await w.t.ok('tickets.list', { status: 'open', assigned: 'none' });
    expect(list.items.map((t) => [t.id, t.customerCode])).toEqual([[id, w.a.code]]);
    const photo = await w.t.ok('tickets.photo', { messageId: opened.value.messages[0]!.id });
    expect(photo).toEqual({ mimeType: 'image/png', base64: PNG });

    const admin = await w.t.ok('auth.me', {});
    await w.t.ok('tickets.assign', { id, userId: admin.id });
    expect((await w.t.ok('tickets.list', { assigned: 'me' })).total).toBe(1);
    const answered = await w.t.ok('tickets.reply', { id, text: 'Teknisi kami datang jam 2 siang.' });
    expect(answered.ticket.status).toBe('answered');

    const seen = await w.call('portal.tickets.get', { id }, cookie);
    if (!seen.ok) throw new Error(JSON.stringify(seen));
    expect(seen.value.ticket.status).toBe('answered');
    expect(seen.value.messages.map((m) => [m.author, m.body])).toEqual([
      ['customer', 'Internet mati sejak pagi\nLampu LOS merah'],
      ['staff', 'Teknisi kami datang jam 2 siang.'],
    ]);

    await w.t.ok('tickets.close', { id });
    expect((await w.t.call('tickets.reply', { id, text: 'lagi' })).ok).toBe(false);
    // The customer's reply reopens it.
    const reopened = await w.call('portal.tickets.reply', { id, text: 'Masih mati' }, cookie);
    expect(reopened.ok && reopened.value.ticket.status).toBe('open');

    expect(audit('ticket.open')).toEqual([{ username: `customer:${w.a.code}`, id: String(id) }]);
    expect(audit('ticket.assign').map((r) => r.username)).toEqual(['admin']);
    expect(audit('ticket.reply').map((r) => r.username)).toEqual(['admin', `customer:${w.a.code}`]);
    expect(audit('ticket.close')).toHaveLength(1);
  });

  const bad: { what: string; input: Record<string, unknown>; field: string; indonesian: RegExp }[] = [
    { what: 'no category', input: { text: 'x' }, field: 'category', indonesian: /kategori/i },
    { what: 'empty text', input: { category: 'tagihan', text: '   ' }, field: 'text', indonesian: /Pesan wajib diisi/ },
    {
      what: 'text too long',
      input: { category: 'tagihan', text: 'x'.repeat(2001) },
      field: 'text',
      indonesian: /Pesan maksimal 2000/,
    },
    {
      what: 'a PDF called a photo',
      input: {
        category: 'lainnya',
        text: 'x',
        photo: { type: 'image/jpeg', base64: Buffer.from('%PDF-1.7 hello').toString('base64') },
      },
      field: 'photo',
      indonesian: /JPEG, PNG atau WebP/,
    },
    {
      what: 'a PNG declared as JPEG',
      input: { category: 'lainnya', text: 'x', photo: { type: 'image/jpeg', base64: PNG } },
      field: 'photo',
      indonesian: /JPEG, PNG atau WebP/,
    },
    {
      what: 'a photo over 1 MB',
      input: {
        category: 'lainnya',
        text: 'x',
        photo: { type: 'image/jpeg', base64: Buffer.concat([JPEG_HEAD, Buffer.alloc(1024 * 1024)]).toString('base64') },
      },
      field: 'photo',
      indonesian: /paling besar 1 MB/,
    },
  ];
  for (const b of bad) {
    it(`refuses ${b.what}, naming the field, writing nothing`, async () => {
      const before = [count('SELECT count(*) AS n FROM tickets'), count('SELECT count(*) AS n FROM ticket_messages')];
      const r = await w.post('portal.tickets.open', b.input, { cookie });
      expect(r.status).toBe(400);
      const error = JSON.parse(r.body).error as { issues: { path: string; message: string }[] };
      const issue = error.issues.find((i) => i.path === b.field || i.path.startsWith(`${b.field}.`));
      expect(issue, JSON.stringify(error)).toBeDefined();
      expect(translateApiMessage(issue!.message)).toMatch(b.indonesian);
      expect([count('SELECT count(*) AS n FROM tickets'), count('SELECT count(*) AS n FROM ticket_messages')]).toEqual(
        before,
      );
    });
  }

  it('a cashier (staff role) may read and answer tickets', async () => {
    await w.t.ok('users.create', {
      username: 'kasir1',
      fullName: 'Kasir Satu',
      role: 'staff',
      password: 'Kebun-Mangga-991',
      mustChangePassword: false,
    });
    const login = await w.t.app.call(
      'auth.login',
      { username: 'kasir1', password: 'Kebun-Mangga-991' },
      { transport: 'http' },
    );
    if (!login.ok) throw new Error(JSON.stringify(login));
    const token = (login.value as { token: string }).token;
    expect((await w.t.call('tickets.list', {}, token)).ok).toBe(true);
  });
});
