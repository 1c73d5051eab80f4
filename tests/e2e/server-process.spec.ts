import { expect, test } from '@playwright/test';
import { removeDataDir, signedIn, startServer, tempDataDir } from './helpers/server-process';

/**
 * `npm run server`: the headless service over HTTPS with its own certificate. SIGTERM while payments are
 * in flight: every payment the server confirmed is in the database after a restart, none it did not
 * confirm is, and the process exits 0 (requests finished, database closed).
 */
test.describe('headless server', () => {
  test.setTimeout(120_000);

  test('SIGTERM while payments are in flight: exit 0, nothing half-written, everything confirmed is there', async () => {
    const dataDir = tempDataDir('server');
    try {
      const first = await startServer(dataDir);
      const admin = await signedIn(first);
      await admin.ok('settings.update', { autoInvoiceRun: false });
      await admin.ok('shifts.open', { openingCash: 0 });
      const c = await admin.ok('customers.create', { name: 'Budi Santoso' });
      const pay = () =>
        first.call('payments.create', { customerId: c.id, amount: 10_000, method: 'cash' }, admin.token);
      expect((await pay()).status).toBe(200);

      // 40 payments on their own connections; SIGTERM as soon as the first of them is answered.
      const answers = Array.from({ length: 40 }, () =>
        pay().then(
          (r) => r.status,
          () => 0,
        ),
      );
      await Promise.race(answers);
      first.child.kill('SIGTERM');
      const statuses = await Promise.all(answers);
      expect(await first.exited, first.output()).toBe(0);
      // Each was either confirmed (200), refused before it began (503) or never reached a started server.
      for (const s of statuses) expect([200, 503, 0]).toContain(s);
      const confirmed = 1 + statuses.filter((s) => s === 200).length;
      expect(first.output()).not.toMatch(/Shutdown failed/);

      // The same data folder, a new process: exactly the confirmed payments, each fully written.
      const second = await startServer(dataDir);
      try {
        const again = await signedIn(second);
        const list = await again.ok('payments.list', { customerId: c.id, pageSize: 100 });
        expect(list.total).toBe(confirmed);
        expect(list.totalAmount).toBe(confirmed * 10_000);
        // No invoice to pay: all of it sits in the deposit, in step with the payments.
        const customer = await again.ok('customers.get', { id: c.id });
        expect(customer.deposit).toBe(confirmed * 10_000);
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      }
    } finally {
      removeDataDir(dataDir);
    }
  });
});
