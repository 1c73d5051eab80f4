import { expect, test } from './fixtures';
import { InvoicesPage } from './pages/InvoicesPage';

test.describe('Tagihan (invoice run)', () => {
  // Full UI flows on a machine shared with other work: allow more than the default 30 s.
  test.setTimeout(90_000);

  test('the owner generates invoices twice and gets no duplicates', async ({ adminPage: page, host, api }) => {
    // The scheduled run (start-up catch-up a few seconds after the host starts) must not race the test's own runs.
    await api.ok('settings.update', { autoInvoiceRun: false });
    const pkg = await api.ok('packages.create', {
      name: 'Hemat 5M',
      bandwidthUp: 2048,
      bandwidthDown: 5120,
      price: 120_000,
      billingCycle: 'monthly',
    });
    for (const name of ['Agus', 'Bambang', 'Citra']) {
      const c = await api.ok('customers.create', { name });
      await api.ok('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, billingDay: 1 });
    }
    const inv = new InvoicesPage(page);
    await inv.goto(host.url);
    await expect(page.getByTestId('empty-state')).toBeVisible();

    // First run: preview shows three, nothing is written until "Issue".
    expect(await inv.preview()).toEqual({ created: 3, skipped: 0 });
    expect((await api.ok('invoices.list', {})).total).toBe(0);
    expect(await inv.issue()).toMatch(/^3 tagihan dibuat, 0 sudah ada\. Total Rp 360\.000\./);
    await inv.closeDialog();
    await inv.table.expectTotal(3);

    // Second run of the same period: nothing new.
    expect(await inv.preview()).toEqual({ created: 0, skipped: 3 });
    // Nothing to issue: the button says 0 and cannot be pressed; a run through the API creates nothing.
    await expect(page.getByRole('dialog').getByTestId('run-issue')).toBeDisabled();
    expect(await api.ok('billing.generateInvoices', {})).toMatchObject({ created: 0, skipped: 3 });
    await inv.closeDialog();
    await inv.table.expectTotal(3);
    const all = await api.ok('invoices.list', { pageSize: 100 });
    expect(all.total).toBe(3);
    expect(new Set(all.items.map((i) => i.subscriptionId)).size).toBe(3);
  });
});
