import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from './fixtures';

let t: TestApp;
afterEach(() => t?.close());

type Run = (...args: unknown[]) => unknown;

/** The SQL of every statement the app's connection executes while `fn` runs. */
async function executed(fn: () => Promise<unknown>): Promise<string[]> {
  const proto = Object.getPrototypeOf(t.app.ctx.sqlite.prepare('SELECT 1')) as Record<string, Run>;
  const seen: string[] = [];
  const originals = new Map<string, Run>();
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const orig = proto[m]!;
    originals.set(m, orig);
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      seen.push(this.source.replace(/\s+/g, ' '));
      return orig.apply(this, a);
    };
  }
  try {
    await fn();
  } finally {
    for (const [m, orig] of originals) proto[m] = orig;
  }
  return seen;
}

/** billedCustomers: every customer who is not inactive, with the brand that numbers their invoices. */
const READS_BILLED_CUSTOMERS = /FROM customers WHERE status != 'inactive'/;

describe('invoice run of a period already invoiced', () => {
  it('creates nothing and does not read every customer to find that out (issue 13: the re-run figure)', async () => {
    t = await testApp();
    await seedBilling(t, { customers: 3 });
    const first = await executed(() => t.ok('billing.generateInvoices', { period: '2026-11' }));
    // The first run needs the billed customers: the recorder sees that statement when it runs.
    expect(first.some((sql) => READS_BILLED_CUSTOMERS.test(sql))).toBe(true);

    let result: unknown;
    const again = await executed(async () => (result = await t.ok('billing.generateInvoices', { period: '2026-11' })));
    expect(result).toMatchObject({ created: 0, skipped: 3, totalAmount: 0, invoices: [] });
    expect(again.filter((sql) => READS_BILLED_CUSTOMERS.test(sql))).toEqual([]);
    const preview = await executed(async () => {
      result = await t.ok('billing.generateInvoices', { period: '2026-11', dryRun: true });
    });
    expect(result).toMatchObject({ dryRun: true, created: 0, skipped: 3 });
    expect(preview.filter((sql) => READS_BILLED_CUSTOMERS.test(sql))).toEqual([]);
  });
});
