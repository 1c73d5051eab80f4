import { afterEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../../src-main/data/audit.queries';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

/** Rows with the given actions, one minute apart from 2026-06-01 00:00 UTC, repeated `times`. */
function seed(actions: string[], times: number) {
  const db = t!.app.ctx.sqlite;
  const ins = db.prepare(
    "INSERT INTO audit_log(at, user_id, username, action, entity, entity_id) VALUES (?, NULL, 'x', ?, 'e', '1')",
  );
  let i = 0;
  db.transaction(() => {
    for (let r = 0; r < times; r++)
      for (const a of actions) ins.run(new Date(Date.UTC(2026, 5, 1) + i++ * 60_000).toISOString(), a);
  })();
}

const ACTIONS = [
  'payment.create',
  'payment.void',
  'payment-x.odd',
  'paymentfoo.bar',
  'gateway.payment.create',
  'user.login',
];

describe('audit trail: the action filter, by index or by walking newest first', () => {
  // 'payment' is dense (a third of the rows: walked newest first), 'gateway.payment' rare (index range);
  // a family only matches dotted names ('payment' is not 'payment-x.odd' nor 'paymentfoo.bar').
  it('gives the same rows and totals as a plain filter on every page, with and without dates', async () => {
    t = await testApp();
    const before = (t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    seed(ACTIONS, 300);
    seed(['backup.create'], 3);
    const db = t.app.ctx.sqlite;
    const all = db.prepare('SELECT id, action, at FROM audit_log WHERE id > ? ORDER BY id DESC').all(before) as {
      id: number;
      action: string;
      at: string;
    }[];
    const family = (a: string, x: string) => x === a || x.startsWith(`${a}.`);
    for (const action of ['payment', 'payment.void', 'gateway.payment', 'gateway', 'payment-x', 'paymen', 'backup']) {
      for (const dates of [{}, { fromAt: '2026-06-01T05:00:00.000Z', toAt: '2026-06-01T09:00:00.000Z' }] as {
        fromAt?: string;
        toAt?: string;
      }[]) {
        const want = all.filter(
          (r) =>
            family(action, r.action) && (!dates.fromAt || !dates.toAt || (r.at >= dates.fromAt && r.at < dates.toAt)),
        );
        for (const offset of [0, 25, 500]) {
          const got = auditPage(db, { action, ...dates }, 25, offset);
          expect(got.total, `${action} ${JSON.stringify(dates)}`).toBe(want.length);
          expect(got.items.map((e) => e.id)).toEqual(want.slice(offset, offset + 25).map((r) => r.id));
        }
      }
    }
  });
});

describe('audit trail: totals counted up to a cap', () => {
  // Counting every match of a large trail cost more than the page (a user's 400,000 rows); past the cap the
  // total is a lower bound while a next page exists, and the page that ends the matches gives it exactly.
  it('gives the rows of a plain filter on every page, and a total that is exact or a true lower bound', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    seed(ACTIONS, 120);
    const all = db.prepare('SELECT id, action, at FROM audit_log ORDER BY id DESC').all() as {
      id: number;
      action: string;
      at: string;
    }[];
    const family = (a: string, x: string) => x === a || x.startsWith(`${a}.`);
    const filters: { action?: string; fromAt?: string; toAt?: string }[] = [
      {},
      { action: 'payment' },
      { action: 'gateway.payment' },
      { fromAt: '2026-06-01T02:00:00.000Z', toAt: '2026-06-01T09:00:00.000Z' },
      { action: 'payment', fromAt: '2026-06-01T02:00:00.000Z', toAt: '2026-06-01T09:00:00.000Z' },
    ];
    const cap = 50;
    let lowerBounds = 0;
    for (const f of filters) {
      const want = all.filter(
        (r) =>
          (!f.action || family(f.action, r.action)) && (!f.fromAt || !f.toAt || (r.at >= f.fromAt && r.at < f.toAt)),
      );
      const matching = want.length;
      for (const offset of [0, 25, 50, 100, 200, 700, 5000]) {
        const got = auditPage(db, f, 25, offset, cap);
        const label = `${JSON.stringify(f)} offset ${offset}`;
        if (offset < want.length)
          expect(
            got.items.map((e) => e.id),
            label,
          ).toEqual(want.slice(offset, offset + 25).map((r) => r.id));
        if (matching <= cap || !got.totalIsLowerBound) expect(got.total, label).toBe(matching);
        if (got.totalIsLowerBound) {
          lowerBounds++;
          expect(matching, label).toBeGreaterThan(cap);
          expect(offset + 25, label).toBeLessThan(matching);
          expect(got.total, label).toBeGreaterThan(offset + 25);
          expect(got.total, label).toBeLessThanOrEqual(matching);
          expect(got.total, label).toBeGreaterThanOrEqual(cap);
        }
      }
    }
    // The cap was reached (not every total exact by chance).
    expect(lowerBounds).toBeGreaterThan(5);
  });
});
