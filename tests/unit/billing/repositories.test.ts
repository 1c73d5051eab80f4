import { afterEach, describe, expect, it } from 'vitest';
import { findCustomerDeposit, insertDepositMovement } from '../../../src-main/data/billing/deposits.repository';
import { countInvoicedSubscriptions, dueSubscriptions } from '../../../src-main/data/billing/invoice-run.repository';
import {
  displayStatus,
  findInvoiceRow,
  listInvoiceRows,
  openPayableInvoices,
  setInvoicePaid,
  toInvoice,
} from '../../../src-main/data/billing/invoices.repository';
import { drawerCash, openShiftIdOf } from '../../../src-main/data/billing/shifts.repository';
import { nextSequence, reserveSequence } from '../../../src-main/data/sequences';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from './fixtures';

/** The billing repositories on a real SQLite file (the app's own database, migrated). */
describe('billing repositories', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('reserves gapless blocks of a sequence, and a rollback gives the block back', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    expect(reserveSequence(db, 'test:block', 3)).toBe(1);
    expect(nextSequence(db, 'test:block')).toBe(4);
    expect(() =>
      db.transaction(() => {
        reserveSequence(db, 'test:block', 10);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(reserveSequence(db, 'test:block', 2)).toBe(5);
    expect(nextSequence(db, 'test:other')).toBe(1);
  });

  it('plans, lists and pays invoices through the invoice repository', async () => {
    t = await testApp();
    const { customers, subs } = await seedBilling(t, { customers: 2 });
    const db = t.app.ctx.sqlite;
    expect(dueSubscriptions(db, '2026-12-29', '2026-11').map(([id]) => id)).toEqual(subs.map((s) => s.id));
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(countInvoicedSubscriptions(db, '2026-11')).toBe(2);
    expect(dueSubscriptions(db, '2026-12-29', '2026-11')).toEqual([]);

    const [first] = openPayableInvoices(db, customers[0]!.id);
    expect(first).toMatchObject({ customerId: customers[0]!.id, paidAmount: 0, status: 'unpaid' });
    setInvoicePaid(db, first!.id, 100_000, 'partial', t.clock.now().toISOString());
    const row = findInvoiceRow(db, first!.id)!;
    expect(toInvoice(row, '2026-11-24')).toMatchObject({ status: 'partial', outstanding: row.amount - 100_000 });
    // Past its due date the stored `partial` shows as overdue.
    expect(toInvoice(row, '2099-01-01').status).toBe('overdue');

    const page = listInvoiceRows(db, { sortDir: 'asc', page: 1, pageSize: 10, status: 'partial' }, '2026-11-24');
    expect(page.rows.map((r) => r.id)).toEqual([first!.id]);
    expect(page).toMatchObject({ total: 1, totalOutstanding: row.amount - 100_000 });
    // The LIKE pattern is the caller's (escaped): a literal `%` matches nothing here.
    expect(listInvoiceRows(db, { sortDir: 'asc', page: 1, pageSize: 10, like: '%\\%%' }, '2026-11-24').total).toBe(0);
  });

  it('refuses a stored invoice status it does not know', () => {
    expect(displayStatus('paid', '2026-01-01', '2026-11-24')).toBe('paid');
    expect(() => displayStatus('lost', '2026-01-01', '2026-11-24')).toThrow('Unknown stored invoice status lost');
  });

  it('keeps the cached deposit in step with the ledger, and reads the open drawer', async () => {
    t = await testApp();
    const { customers } = await seedBilling(t, { customers: 1 });
    const db = t.app.ctx.sqlite;
    const customerId = customers[0]!.id;
    const at = t.clock.now().toISOString();
    const move = { paymentId: null, refundId: null, invoiceId: null, userId: null, note: null, at };
    insertDepositMovement(db, { ...move, customerId, amount: 75_000, kind: 'topup' });
    insertDepositMovement(db, { ...move, customerId, amount: -25_000, kind: 'applied' });
    expect(findCustomerDeposit(db, customerId)).toEqual({ id: customerId, deposit: 50_000 });
    const ledger = db.prepare('SELECT sum(amount) AS s FROM deposit_ledger WHERE customer_id = ?').get(customerId);
    expect(ledger).toEqual({ s: 50_000 });
    expect(findCustomerDeposit(db, 999_999)).toBeUndefined();

    const admin = db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number };
    const shiftId = openShiftIdOf(db, admin.id);
    expect(shiftId).not.toBeNull();
    expect(drawerCash(db, shiftId!)).toBe(100_000);
  });
});
