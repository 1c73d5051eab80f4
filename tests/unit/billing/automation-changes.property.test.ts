import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Repo from '../../../src-main/data/billing/automation.repository';
import { runAutomation } from '../../../src-main/core/billing/automation';
import { arrearsCutoff } from '../../../src-main/core/billing/restore';
import type { CallContext } from '../../../src-main/core/context';
import { customersToIsolate, customersToRestore } from '../../../src-main/data/billing/automation.repository';
import { addDays } from '../../../src-shared/dates';
import { openTestDb, testApp, type TestApp } from '../../helpers/app';
import { seedCustomer, seedPackage } from '../network/seed';
import { travelTo } from './fixtures';

/**
 * Issue 20: a tick after the first checks only the customers marked by the automation_dirty triggers (drizzle/0041)
 * and the invoices that crossed the cutoff since the last tick. Whatever happens between ticks, written by the app
 * or by plain SQL, a tick that checked only the changes must leave nothing that checking everyone would still do:
 * no customer to isolate, none to restore.
 */

// Runs just before the restore step reads its candidates (after the isolation step): another connection's write.
let beforeRestore: (() => void) | null = null;
vi.mock('../../../src-main/data/billing/automation.repository', async (orig) => {
  const real = await orig<typeof Repo>();
  return {
    ...real,
    customersToRestore: (...args: Parameters<typeof Repo.customersToRestore>) => {
      beforeRestore?.();
      return real.customersToRestore(...args);
    },
  };
});

const CUSTOMERS = 6;
const apps: TestApp[] = [];
afterEach(() => {
  beforeRestore = null;
  while (apps.length) apps.pop()!.close();
});

type Op =
  | { k: 'days'; n: number }
  | { k: 'pay'; c: number }
  | { k: 'reopen'; inv: number }
  | { k: 'invoice'; c: number; due: number }
  | { k: 'due'; inv: number; due: number }
  | { k: 'void'; inv: number }
  | { k: 'never'; c: number }
  | { k: 'status'; acc: number; status: 'active' | 'suspended' | 'inactive' }
  | { k: 'account'; c: number }
  | { k: 'move'; acc: number; c: number }
  | { k: 'grace'; days: number }
  | { k: 'tick' };

const customer = fc.integer({ min: 1, max: CUSTOMERS });
const pick = fc.integer({ min: 1, max: 40 }); // an invoice or account by position (modulo how many there are)
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constant('days' as const), n: fc.integer({ min: 0, max: 4 }) }) },
  fc.record({ k: fc.constant('pay' as const), c: customer }),
  fc.record({ k: fc.constant('reopen' as const), inv: pick }),
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('invoice' as const), c: customer, due: fc.integer({ min: -25, max: 15 }) }),
  },
  fc.record({ k: fc.constant('due' as const), inv: pick, due: fc.integer({ min: -25, max: 15 }) }),
  fc.record({ k: fc.constant('void' as const), inv: pick }),
  fc.record({ k: fc.constant('never' as const), c: customer }),
  fc.record({
    k: fc.constant('status' as const),
    acc: pick,
    status: fc.constantFrom('active' as const, 'suspended' as const, 'inactive' as const),
  }),
  fc.record({ k: fc.constant('account' as const), c: customer }),
  fc.record({ k: fc.constant('move' as const), acc: pick, c: customer }),
  fc.record({ k: fc.constant('grace' as const), days: fc.integer({ min: 0, max: 10 }) }),
  { weight: 4, arbitrary: fc.constant({ k: 'tick' as const }) },
);

async function seed(): Promise<TestApp> {
  const t = await testApp();
  apps.push(t);
  seedPackage(t.app.ctx, 'Home', 'home');
  for (let c = 1; c <= CUSTOMERS; c++) {
    seedCustomer(t.app.ctx, `C${c}`, `P ${c}`);
    addAccountSql(t, c);
    addInvoiceSql(t, c, c % 2 ? -20 : 2 * c); // odd customers are isolated at once, even ones later
  }
  return t;
}

let seq = 0;
const today = (t: TestApp) => t.clock.now().toISOString().slice(0, 10);

function addAccountSql(t: TestApp, c: number) {
  t.app.ctx.sqlite
    .prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status, created_at, updated_at)
       VALUES (?, 1, ?, 'x', 'home', 'active', 'x', 'x')`,
    )
    .run(c, `pel-${++seq}`);
}

function addInvoiceSql(t: TestApp, c: number, dueInDays: number) {
  t.app.ctx.sqlite
    .prepare(
      `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status, description)
       VALUES (?, ?, '2026-11', '2026-11-01', ?, 100000, 0, 'unpaid', 'Internet')`,
    )
    .run(`INV-${++seq}`, c, addDays(today(t), dueInDays));
}

/** The id at position `n` (1-based, wrapping) of a table's rows, or null when it has none. */
function nth(t: TestApp, table: 'invoices' | 'pppoe_accounts', n: number): number | null {
  const ids = (t.app.ctx.sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map(
    (r) => r.id,
  );
  return ids.length ? ids[(n - 1) % ids.length]! : null;
}

async function apply(t: TestApp, o: Op, call: CallContext) {
  const db = t.app.ctx.sqlite;
  switch (o.k) {
    case 'days':
      return travelTo(t, new Date(t.clock.now().getTime() + o.n * 86_400_000).toISOString());
    case 'pay':
      return db
        .prepare(
          `UPDATE invoices SET paid_amount = amount, status = 'paid' WHERE customer_id = ? AND status IN ('unpaid','partial')`,
        )
        .run(o.c);
    case 'reopen':
      return db
        .prepare(`UPDATE invoices SET paid_amount = 0, status = 'unpaid' WHERE id = ?`)
        .run(nth(t, 'invoices', o.inv));
    case 'invoice':
      return addInvoiceSql(t, o.c, o.due);
    case 'due':
      return db
        .prepare('UPDATE invoices SET due_date = ? WHERE id = ?')
        .run(addDays(today(t), o.due), nth(t, 'invoices', o.inv));
    case 'void':
      return db.prepare(`UPDATE invoices SET status = 'void' WHERE id = ?`).run(nth(t, 'invoices', o.inv));
    case 'never':
      return db.prepare('UPDATE customers SET never_isolate = 1 - never_isolate WHERE id = ?').run(o.c);
    case 'status':
      return db
        .prepare('UPDATE pppoe_accounts SET status = ? WHERE id = ?')
        .run(o.status, nth(t, 'pppoe_accounts', o.acc));
    case 'account':
      return addAccountSql(t, o.c);
    case 'move':
      return db
        .prepare('UPDATE pppoe_accounts SET customer_id = ? WHERE id = ?')
        .run(o.c, nth(t, 'pppoe_accounts', o.acc));
    case 'grace':
      return t.ok('settings.update', { graceDays: o.days });
    case 'tick': {
      const r = runAutomation(call);
      expect(r.errors).toEqual([]);
      const cutoff = arrearsCutoff(t.app.ctx);
      // What a tick checking everyone would still do: nothing.
      expect(customersToIsolate(db, cutoff)).toEqual([]);
      expect(customersToRestore(db, cutoff)).toEqual([]);
      return r.checked;
    }
  }
}

describe('billing automation checking only the changes', () => {
  it('leaves nothing a check of every customer would still do, whatever changed between ticks', async () => {
    let changes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const t = await seed();
        const call: CallContext = { app: t.app.ctx, session: null, transport: 'internal' };
        try {
          expect(runAutomation(call).checked).toBe('everyone');
          for (const o of ops) if ((await apply(t, o, call)) === 'changes') changes++;
        } finally {
          apps.splice(apps.indexOf(t), 1);
          t.close();
        }
      }),
      { numRuns: 40 },
    );
    // The property held on ticks that really checked only the changes.
    expect(changes).toBeGreaterThan(40);
  }, 120_000);

  it('finds a back-dated bill, a reactivated account and a lifted exemption on the next tick', async () => {
    const t = await seed();
    const call: CallContext = { app: t.app.ctx, session: null, transport: 'internal' };
    const db = t.app.ctx.sqlite;
    await t.ok('customers.update', { id: 2, neverIsolate: true });
    expect(runAutomation(call)).toMatchObject({ checked: 'everyone', isolated: 3 }); // 1, 3, 5
    addInvoiceSql(t, 4, -30); // due long before the last tick's cutoff: no window finds it
    db.prepare("UPDATE pppoe_accounts SET status = 'active' WHERE customer_id = 1").run(); // a technician, by hand
    db.prepare("UPDATE invoices SET due_date = '2026-10-01' WHERE customer_id = 2").run();
    expect(runAutomation(call)).toMatchObject({ checked: 'changes', isolated: 2 }); // 4 and 1 again; 2 is exempt
    await t.ok('customers.update', { id: 2, neverIsolate: false });
    expect(runAutomation(call)).toMatchObject({ checked: 'changes', isolated: 1 });
    const suspended = db
      .prepare("SELECT customer_id AS c FROM pppoe_accounts WHERE status = 'suspended' ORDER BY 1")
      .all();
    expect(suspended).toEqual([1, 2, 3, 4, 5].map((c) => ({ c })));
  });

  it('checks everyone again when the cutoff moves back (more grace days), and restores', async () => {
    const t = await seed();
    const call: CallContext = { app: t.app.ctx, session: null, transport: 'internal' };
    const db = t.app.ctx.sqlite;
    const first = runAutomation(call); // customers 1, 3, 5 are 20 days overdue
    expect(first).toMatchObject({ checked: 'everyone', isolated: 3 });
    // A quiet tick writes nothing (no commit, no fsync).
    const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    expect(runAutomation(call)).toMatchObject({ checked: 'changes', isolated: 0, restored: 0 });
    expect(changes()).toBe(before);
    await t.ok('settings.update', { graceDays: 30 });
    expect(runAutomation(call)).toMatchObject({ checked: 'everyone', restored: 3 });
    expect(runAutomation(call).checked).toBe('changes');
    expect(db.prepare('SELECT count(*) AS n FROM automation_dirty').get()).toEqual({ n: 0 });
  });

  it('keeps the marks when another connection wrote during the tick, and acts on them next tick', async () => {
    const t = await seed();
    const call: CallContext = { app: t.app.ctx, session: null, transport: 'internal' };
    const db = t.app.ctx.sqlite;
    runAutomation(call);
    // Customer 2's bill is due in 5 days. Another connection makes it 30 days overdue while the tick runs, after the
    // isolation step read its candidates: only the next tick can see it.
    const other = openTestDb(t.app);
    try {
      beforeRestore = () => {
        beforeRestore = null;
        other.prepare("UPDATE invoices SET due_date = '2026-10-01' WHERE customer_id = 2").run();
      };
      const during = runAutomation(call);
      expect(beforeRestore).toBeNull();
      expect(during).toMatchObject({ checked: 'changes', isolated: 0 });
      expect(db.prepare('SELECT customer_id AS c FROM automation_dirty').all()).toEqual([{ c: 2 }]);
      expect(runAutomation(call)).toMatchObject({ checked: 'changes', isolated: 1 });
      expect(db.prepare('SELECT status FROM pppoe_accounts WHERE customer_id = 2').get()).toEqual({
        status: 'suspended',
      });
    } finally {
      other.close();
    }
  });
});
