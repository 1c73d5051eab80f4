import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOfDayUtc } from '../../../src-main/core/audit-query';
import { procedures } from '../../../src-shared/contract';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { PASSWORDS, signInAs } from './helpers';
import type { InputOf } from '../../../src-shared/contract';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe('audit trail', () => {
  it('is append-only in the database itself', () => {
    const { sqlite } = t.app.ctx;
    expect(() => sqlite.prepare(`UPDATE audit_log SET action = 'x'`).run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    // The source column came with a later migration (ADD COLUMN): the triggers still cover it.
    expect(() => sqlite.prepare(`UPDATE audit_log SET source = '10.0.0.1'`).run()).toThrow(/append-only/);
    expect((sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('no channel can edit or delete audit rows', () => {
    const auditChannels = Object.keys(procedures).filter((c) => c.startsWith('audit.'));
    expect(auditChannels.sort()).toEqual(['audit.export', 'audit.facets', 'audit.list']);
    for (const c of auditChannels) expect(procedures[c as keyof typeof procedures]).not.toHaveProperty('mutates');
  });

  it('lists newest first with filters by user, entity, action, text and ISP-zone dates', async () => {
    t.close();
    t = await testApp({ clock: new FakeClock(Date.parse('2026-11-24T16:00:00.000Z')) });
    await t.ok('settings.update', { sessionTimeoutMinutes: 24 * 60 });
    const staff = await signInAs(t, 'staff');
    // 2026-11-24 23:30 WIB = 16:30Z: still the 24th in Jakarta.
    t.clock.set('2026-11-24T16:30:00.000Z');
    await t.ok('customers.create', { name: 'Budi 50% Santoso' }, staff.token);
    t.clock.set('2026-11-24T17:30:00.000Z'); // 00:30 WIB on the 25th
    await t.ok('customers.create', { name: 'Ani' }, staff.token);

    const admin = (await t.ok('auth.login', { username: 'admin', password: PASSWORDS.admin }, '')).token;
    const list = (input: InputOf<'audit.list'>) => t.ok('audit.list', input, admin);
    const all = await list({ pageSize: 500 });
    expect(all.items.map((i) => i.id)).toEqual([...all.items.map((i) => i.id)].sort((a, b) => b - a));
    const byUser = await list({ userId: staff.id });
    expect(byUser.items.every((i) => i.userId === staff.id)).toBe(true);
    expect(byUser.items.map((i) => i.action)).toEqual(expect.arrayContaining(['auth.login']));
    const customers = await list({ entity: 'customer' });
    expect(customers.total).toBe(2);
    expect((await list({ action: 'auth' })).items.every((i) => i.action.startsWith('auth.'))).toBe(true);
    expect((await list({ action: 'auth.login' })).items.every((i) => i.action === 'auth.login')).toBe(true);
    expect((await list({ search: '50%' })).total).toBe(1);
    expect((await list({ search: '_' })).total).toBe(0);
    const found = await list({ search: 'customer', pageSize: 1 });
    expect(found.total).toBe(2);
    expect(found.items).toHaveLength(1);
    expect(await list({ search: 'customer', pageSize: 1, page: 5 })).toMatchObject({ items: [], total: 2 });
    const day24 = await list({ entity: 'customer', from: '2026-11-24', to: '2026-11-24' });
    expect(day24.items.map((i) => i.after)).toEqual([expect.stringContaining('Budi')]);
    const day25 = await list({ entity: 'customer', from: '2026-11-25' });
    expect(day25.items.map((i) => i.after)).toEqual([expect.stringContaining('Ani')]);
    const paged = await list({ page: 2, pageSize: 1 });
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(paged.items[0]!.id).toBe(all.items[1]!.id);
  });

  it('refuses an inverted date range on the field', async () => {
    expect(await t.call('audit.list', { from: '2026-11-25', to: '2026-11-24' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'to' }] },
    });
  });

  it('computes zone midnights', () => {
    expect(startOfDayUtc('2026-11-25', 'Asia/Jakarta')).toBe('2026-11-24T17:00:00.000Z');
    expect(startOfDayUtc('2026-11-25', 'Asia/Makassar')).toBe('2026-11-24T16:00:00.000Z');
    expect(startOfDayUtc('2026-11-25', 'Asia/Jayapura')).toBe('2026-11-24T15:00:00.000Z');
  });

  it('facets list the actions, entities and users for the filter pickers', async () => {
    await signInAs(t, 'staff');
    const f = await t.ok('audit.facets', {});
    expect(f.actions).toEqual(expect.arrayContaining(['auth.login', 'user.create']));
    expect(f.entities).toContain('user');
    expect(f.users.map((u) => u.username)).toEqual(['admin', 'staff1']);
  });

  it('exports CSV with local times and neutralised formulas', async () => {
    await t.ok('customers.create', { name: '=HYPERLINK("http://evil")' });
    const r = await t.ok('audit.export', { format: 'csv', entity: 'customer' });
    expect(r.filename).toBe('audit-log-2026-11-24.csv');
    const text = Buffer.from(r.base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeffID,Date,Time,User')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('2026-11-24,10:00,admin,,customer.create');
    expect(r.rows).toBe(1);
  });

  it('records where every sign-in and change came from, filterable, searchable and exported', async () => {
    const via = (source: string | undefined, transport: 'http' | 'ipc' = 'http') => ({ transport, source });
    const signIn = await t.app.call(
      'auth.login',
      { username: 'admin', password: PASSWORDS.admin },
      via('192.168.1.23'),
    );
    const token = (signIn as { value: { token: string } }).value.token;
    await t.app.call('customers.create', { name: 'Dari kasir LAN' }, { ...via('192.168.1.23'), token });
    await t.app.call('auth.login', { username: 'admin', password: 'salah-ketik' }, via('10.0.0.7'));
    const desk = await t.app.call(
      'auth.login',
      { username: 'admin', password: PASSWORDS.admin },
      via(undefined, 'ipc'),
    );
    const deskToken = (desk as { value: { token: string } }).value.token;
    await t.app.call('customers.create', { name: 'Dari meja kantor' }, { transport: 'ipc', token: deskToken });
    const rows = (await t.ok('audit.list', { pageSize: 100 })).items;
    const pick = (action: string) => rows.filter((r) => r.action === action).map((r) => r.source);
    expect(pick('auth.login')).toEqual(['desktop', '192.168.1.23']);
    expect(pick('auth.login_failed')).toEqual(['10.0.0.7']);
    expect(pick('customer.create')).toEqual(['desktop', '192.168.1.23']);
    // The app's own first Admin (testApp, an internal call) has no address.
    expect(pick('user.create')).toEqual([null]);

    const lan = await t.ok('audit.list', { source: '192.168.1.23' });
    expect(lan.items.map((r) => r.action).sort()).toEqual(['auth.login', 'customer.create']);
    expect((await t.ok('audit.list', { search: '10.0.0' })).items.map((r) => r.action)).toEqual(['auth.login_failed']);
    expect((await t.ok('audit.facets', {})).sources).toEqual(['10.0.0.7', '192.168.1.23', 'desktop']);

    const csv = await t.ok('audit.export', { format: 'csv', source: '192.168.1.23' });
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('ID,Date,Time,User,Source,Action,Entity,Entity ID,Before,After,Reason');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['192.168.1.23', '192.168.1.23']);
  });

  it('exports xlsx readable by exceljs', async () => {
    await signInAs(t, 'staff');
    const r = await t.ok('audit.export', { format: 'xlsx', from: '2026-11-01', to: '2026-11-30' });
    expect(r.filename).toBe('audit-log-2026-11-01_2026-11-30-2026-11-24.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as never);
    const ws = wb.getWorksheet('Audit log')!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['ID', 'Date', 'Time', 'User', 'Action']));
    expect(ws.rowCount).toBe(r.rows + 1);
    expect(r.rows).toBe((await t.ok('audit.list', {})).total);
    // Written row by row with inline strings (the streaming writer): the same sheet as before.
    expect(ws.getRow(1).font).toMatchObject({ bold: true });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:K1');
    expect(ws.getColumn(9).width).toBe(40);
    const newest = (await t.ok('audit.list', {})).items[0]!;
    const row = ws.getRow(r.rows + 1).values as unknown[];
    expect(row[1]).toBe(newest.id);
    expect(row[6]).toBe(newest.action);
  });

  it('only admin and manager may read the trail', async () => {
    const staff = await signInAs(t, 'staff');
    expect(await t.call('audit.list', {}, staff.token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('audit.export', { format: 'csv' }, staff.token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const manager = await signInAs(t, 'manager');
    expect((await t.call('audit.list', {}, manager.token)).ok).toBe(true);
  });
});
