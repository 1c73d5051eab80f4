/*
 * Every figure an owner or cashier sees, read through the API (and a few counts straight from the
 * tables). The brands migration test compares these, read by this code after the migration, with the
 * same figures read by the code before brands existed (tests/fixtures/brands-migration/figures.json,
 * written by make-fixture.ts in a checkout of that code). Only plain API calls: it must run on both.
 */
export type Ok = (channel: string, input: unknown) => Promise<unknown>;
export type Rows = (sql: string) => unknown[];

/** The fixed "now" of the fixture (fake clock): the reports are read as of this instant. */
export const FIXTURE_NOW = '2026-11-24T03:00:00.000Z';

export async function readFigures(ok: Ok, rows: Rows): Promise<Record<string, unknown>> {
  const range = { from: '2025-11-24', to: '2026-11-24' };
  const all = { page: 1, pageSize: 200 };
  return {
    counts: rows(
      `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM internet_packages) AS packages,
        (SELECT count(*) FROM routers) AS routers, (SELECT count(*) FROM pppoe_accounts) AS accounts,
        (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM payments) AS payments,
        (SELECT coalesce(sum(amount), 0) FROM invoices WHERE status != 'void') AS invoiced,
        (SELECT coalesce(sum(paid_amount), 0) FROM invoices) AS paid,
        (SELECT coalesce(sum(amount), 0) FROM payments WHERE status = 'live') AS collected,
        (SELECT coalesce(sum(deposit), 0) FROM customers) AS deposits`,
    ),
    reportTables: rows(
      `SELECT 'inv' AS t, day, invoices AS n, invoiced AS a, outstanding AS b FROM report_daily_invoices
       UNION ALL SELECT 'pay', day, sum(payments), sum(amount), 0 FROM report_daily_payments GROUP BY day
       ORDER BY 1, 2`,
    ),
    sequences: rows(`SELECT name, value FROM sequences ORDER BY name`),
    customers: await ok('customers.list', all),
    packages: await ok('packages.list', {}),
    routers: await ok('routers.list', {}),
    invoices: await ok('invoices.list', { ...all, sortDir: 'asc' }),
    payments: await ok('payments.list', all),
    dashboard: await ok('billing.dashboard', {}),
    financialMonth: await ok('reports.financial', { ...range, groupBy: 'month' }),
    financialDay: await ok('reports.financial', { ...range, groupBy: 'day' }),
    aging: await ok('reports.aging', {}),
    customersReport: await ok('reports.customers', range),
    forecast: await ok('reports.forecast', { months: 3 }),
  };
}

/** What the next business numbers are: issued on the migrated database, compared with the old code's. */
export async function nextNumbers(ok: Ok): Promise<Record<string, string>> {
  const customer = (await ok('customers.create', { name: 'Pelanggan Berikutnya' })) as {
    id: number;
    customerCode: string;
  };
  const invoice = (await ok('invoices.create', {
    customerId: customer.id,
    amount: 150_000,
    description: 'Biaya pasang',
  })) as { invoiceNumber: string };
  return { customerCode: customer.customerCode, invoiceNumber: invoice.invoiceNumber };
}
