import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const audit = (action: string) =>
  t.app.ctx.sqlite.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as Record<
    string,
    unknown
  >[];

describe('customers', () => {
  it('assigns CUST0001, CUST0002… and never reuses a deleted code', async () => {
    const a = await t.ok('customers.create', { name: 'Budi Santoso' });
    const b = await t.ok('customers.create', { name: 'Siti Nurhaliza' });
    expect([a.customerCode, b.customerCode]).toEqual(['CUST0001', 'CUST0002']);
    await t.ok('customers.delete', { id: b.id });
    const c = await t.ok('customers.create', { name: 'Ahmad Wijaya' });
    expect(c.customerCode).toBe('CUST0003');
  });

  it('gives unique codes to racing creates', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.ok('customers.create', { name: `Racer ${i}` })),
    );
    const codes = results.map((r) => r.customerCode);
    expect(new Set(codes).size).toBe(40);
    expect(codes.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `CUST${String(i + 1).padStart(4, '0')}`));
  });

  it('enforces code uniqueness in the database', async () => {
    await t.ok('customers.create', { name: 'Budi' });
    expect(() =>
      t.app.ctx.sqlite
        .prepare("INSERT INTO customers(customer_code, name, join_date) VALUES ('CUST0001', 'X', '2026-01-01')")
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('skips codes taken by imported customers', async () => {
    t.app.ctx.sqlite
      .prepare("INSERT INTO customers(customer_code, name, join_date) VALUES ('CUST0001', 'Imported', '2026-01-01')")
      .run();
    expect((await t.ok('customers.create', { name: 'New' })).customerCode).toBe('CUST0002');
  });

  it('stores all fields, defaults the join date to today in the ISP zone, normalises input', async () => {
    t.clock.set('2026-11-30T17:30:00.000Z'); // 00:30 WIB on 1 December
    const { token } = await t.ok('auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    const c = await t.ok(
      'customers.create',
      {
        name: '  Budi Santoso ',
        address: 'Jl. Merdeka 1',
        phone: '0812-3456-7890',
        email: 'Budi@Mail.ID',
        idCard: '3201 0101 0101 0001',
        notes: '',
      },
      token,
    );
    expect(c).toMatchObject({
      name: 'Budi Santoso',
      phone: '0812-3456-7890',
      email: 'budi@mail.id',
      idCard: '3201010101010001',
      notes: null,
      status: 'active',
      joinDate: '2026-12-01',
      deposit: 0,
      createdByName: 'Admin',
    });
  });

  it('searches code, name, phone (with or without dashes), email and id card, case-insensitively', async () => {
    await t.ok('customers.create', {
      name: 'Budi Santoso',
      phone: '0812-3456-7890',
      email: 'budi@mail.id',
      idCard: '3201010101010001',
    });
    await t.ok('customers.create', { name: 'Siti Nurhaliza', phone: '0813 1111 2222' });
    const names = async (search: string) => (await t.ok('customers.list', { search })).items.map((c) => c.name);
    expect(await names('BUDI')).toEqual(['Budi Santoso']);
    expect(await names('cust0002')).toEqual(['Siti Nurhaliza']);
    expect(await names('081234567890')).toEqual(['Budi Santoso']);
    expect(await names('1111 2222')).toEqual(['Siti Nurhaliza']);
    expect(await names('MAIL.ID')).toEqual(['Budi Santoso']);
    expect(await names('01010001')).toEqual(['Budi Santoso']);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
  });

  it('filters by status, sorts and pages in the database', async () => {
    for (const [name, status] of [
      ['Cici', 'active'],
      ['Ani', 'suspended'],
      ['Bambang', 'active'],
      ['Dodi', 'inactive'],
    ] as const) {
      await t.ok('customers.create', { name, status });
    }
    const active = await t.ok('customers.list', { status: 'active' });
    expect(active.items.map((c) => c.name)).toEqual(['Bambang', 'Cici']);
    expect(active.total).toBe(2);
    const desc = await t.ok('customers.list', { sort: { field: 'name', dir: 'desc' }, pageSize: 2, page: 1 });
    expect(desc.items.map((c) => c.name)).toEqual(['Dodi', 'Cici']);
    expect(desc.total).toBe(4);
    const page2 = await t.ok('customers.list', { sort: { field: 'name', dir: 'desc' }, pageSize: 2, page: 2 });
    expect(page2.items.map((c) => c.name)).toEqual(['Bambang', 'Ani']);
    const beyond = await t.ok('customers.list', { search: 'i', page: 9, pageSize: 2 });
    expect(beyond).toMatchObject({ items: [], total: 3 }); // Cici, Ani, Dodi
  });

  it('updates fields, records status history and an audit diff', async () => {
    const c = await t.ok('customers.create', { name: 'Budi' });
    const u = await t.ok('customers.update', { id: c.id, status: 'suspended', phone: '081299990000' });
    expect(u).toMatchObject({ status: 'suspended', phone: '081299990000', name: 'Budi' });
    const history = t.app.ctx.sqlite
      .prepare('SELECT from_status AS f, to_status AS s FROM customer_status_history WHERE customer_id = ? ORDER BY id')
      .all(c.id);
    expect(history).toEqual([
      { f: null, s: 'active' },
      { f: 'active', s: 'suspended' },
    ]);
    const [row] = audit('customer.update');
    expect(JSON.parse(row!.before as string)).toEqual({ status: 'active', phone: null });
    expect(JSON.parse(row!.after as string)).toEqual({ status: 'suspended', phone: '081299990000' });
  });

  it('refuses to delete a customer with an account, invoice or payment, and writes nothing', async () => {
    const c = await t.ok('customers.create', { name: 'Budi' });
    t.app.ctx.sqlite
      .prepare(
        "INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount) VALUES ('INV-1', ?, '2026-11', '2026-11-01', '2026-11-10', 150000)",
      )
      .run(c.id);
    const r = await t.call('customers.delete', { id: c.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!r.ok)
      expect(r.error.message).toBe(
        'Budi has records (PPPoE accounts: 0, subscriptions: 0, invoices: 1, payments: 0, deposit entries: 0): set the status to inactive instead of deleting',
      );
    expect((await t.ok('customers.get', { id: c.id })).invoices).toBe(1);
    expect(audit('customer.delete')).toHaveLength(0);
  });

  it('answers NOT_FOUND for a missing customer', async () => {
    expect(await t.call('customers.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('customers.update', { id: 999, name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('rejects bad dates and over-long values per field', async () => {
    const r = await t.call('customers.create', { name: 'x'.repeat(121), joinDate: '2026-02-30' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['joinDate', 'name']);
  });

  it('does not let the deposit be set through the API', async () => {
    const c = await t.ok('customers.create', { name: 'Budi' });
    const r = await t.call('customers.update', { id: c.id, deposit: 1000 } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('phone search', () => {
  it('finds a number however it is typed or stored', async () => {
    await t.ok('customers.create', { name: 'Budi', phone: '081234567801' });
    await t.ok('customers.create', { name: 'Siti', phone: '+62 812-9999-0001' });
    const names = async (search: string) => (await t.ok('customers.list', { search })).items.map((c) => c.name);
    expect(await names('0812-3456-7801')).toEqual(['Budi']);
    expect(await names('0812 3456 7801')).toEqual(['Budi']);
    expect(await names('+62 812 3456 7801')).toEqual(['Budi']);
    expect(await names('081299990001')).toEqual(['Siti']);
    // Under six digits a fragment is matched as typed.
    expect(await names('0812')).toEqual(['Budi']);
  });
});
