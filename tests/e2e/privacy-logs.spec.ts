import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { ADMIN, expect, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';
import { LoginPage } from './pages/LoginPage';

/**
 * Issue 19: a realistic session — sign-in (a wrong password first), a customer with phone and NIK typed
 * into the form, a router and a PPPoE account with passwords, a payment, the customer's data exported
 * and erased through their page, the diagnostics zip — then the log files of that run, the host's console
 * and the diagnostics zip are searched for every secret and personal number used.
 */
const PERSON = {
  name: 'Rina Kartika Sari',
  phone: '0812-7777-3333',
  nik: '3174012345678901',
  email: 'rina.sari@example.com',
};
const WRONG_PASSWORD = 'Salah-Sandi-999';
const ROUTER_PASSWORD = 'R0uter-Rahasia-77';
const PPPOE_PASSWORD = 'Ppp0eRahasia55';

function logFiles(dataDir: string): string {
  const dir = path.join(dataDir, 'logs');
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

async function zipText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? '' : f.async('string'))));
  return parts.join('\n');
}

test('a whole session leaves no password, token, full phone number or NIK in the logs', async ({ page, host, api }) => {
  test.setTimeout(180_000);
  const login = new LoginPage(page);
  await login.goto(host.url);
  await login.signIn(ADMIN.username, WRONG_PASSWORD);
  await expect(login.error).toBeVisible();
  await login.signIn(ADMIN.username, ADMIN.password);
  await expect(
    page.getByRole('button', { name: /^(Keluar|Sign out)$/ }).or(page.getByRole('navigation')),
  ).toBeVisible();
  const cookieToken = (await page.context().cookies()).map((c) => c.value).find((v) => v.length >= 20);
  expect(cookieToken, 'the session cookie').toBeTruthy();

  // The customer is typed into the form, as at the desk.
  const customers = new CustomersPage(page);
  await customers.goto(host.url);
  await customers.openNew();
  await customers.fill({ name: PERSON.name, phone: PERSON.phone, idCard: PERSON.nik, email: PERSON.email });
  await customers.save();
  // Saving opens the new customer's page.
  await expect(customers.detail).toContainText(PERSON.name);
  const customer = (await api.ok('customers.list', { search: PERSON.name })).items[0]!;

  // A router (unreachable: its connection errors are logged), an account with a password, a payment.
  const pkg = await api.ok('packages.create', {
    name: 'Paket Log 5 Mbps',
    bandwidthUp: 2048,
    bandwidthDown: 5120,
    price: 150_000,
    billingCycle: 'monthly',
  });
  const router = await api.ok('routers.create', {
    name: 'Router Log',
    host: '127.0.0.2',
    port: 1,
    username: 'admin',
    password: ROUTER_PASSWORD,
  });
  const created = await api.ok('pppoe.create', {
    customerId: customer.id,
    internetPackageId: pkg.id,
    routerId: router.id,
    username: 'rinasari',
    password: PPPOE_PASSWORD,
  });
  await api.ok('routers.test', { id: router.id });
  if (!(await api.ok('shifts.current', {}))) await api.ok('shifts.open', { openingCash: 0 });
  await api.ok('payments.create', { customerId: customer.id, amount: 150_000, method: 'cash', tendered: 150_000 });
  // Bad input carrying the phone and NIK is refused (and must not be logged either).
  await api.call('customers.create', { name: 'X', phone: PERSON.phone, idCard: `${PERSON.nik}9`, email: 'no' });

  // The customer's data as a file, from their page.
  await customers.detail.getByRole('button', { name: /Unduh data pelanggan|Download customer data/ }).click();
  const exportDialog = page.getByTestId('export-data-dialog');
  await exportDialog.getByLabel(/^(Alasan|Reason)/).fill('Permintaan pelanggan di loket');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-data-submit').click()]);
  expect(download.suggestedFilename()).toMatch(/^CUST\d+_data-pribadi_\d{4}-\d{2}-\d{2}\.zip$/);
  const exported = await zipText(fs.readFileSync(await download.path()).toString('base64'));
  expect(exported).toContain(PERSON.nik);

  // Erasure: refused while the account is live, the dialog says why.
  await customers.detail.getByRole('button', { name: /Hapus data pribadi|Erase personal data/ }).click();
  const eraseDialog = page.getByTestId('erase-data-dialog');
  await expect(eraseDialog.getByTestId('erase-blockers')).toContainText(/akun PPPoE aktif|PPPoE account/);
  await eraseDialog.getByRole('button', { name: /^(Tutup|Close)$/ }).click();
  await api.ok('pppoe.disable', { id: created.account.id });
  for (const sub of (await api.ok('subscriptions.list', { customerId: customer.id })).items)
    await api.ok('subscriptions.update', { id: sub.id, status: 'inactive' });
  for (const inv of (await api.ok('invoices.list', { customerId: customer.id })).items)
    if (inv.status !== 'void' && inv.paidAmount < inv.amount)
      await api.ok('payments.create', { customerId: customer.id, amount: inv.amount - inv.paidAmount, method: 'cash' });
  const deposit = (await api.ok('customers.get', { id: customer.id })).deposit;
  if (deposit > 0)
    await api.ok('refunds.create', { customerId: customer.id, amount: deposit, method: 'cash', reason: 'Berhenti' });

  await customers.detail.getByRole('button', { name: /Hapus data pribadi|Erase personal data/ }).click();
  await expect(eraseDialog.getByText(/Yang disimpan|What is kept/)).toBeVisible();
  await eraseDialog.getByLabel(/^(Diminta oleh|Requested by)/).fill('Pelanggan sendiri, KTP ditunjukkan');
  await eraseDialog.getByLabel(/^(Alasan|Reason)/).fill('Berhenti, minta data dihapus');
  await eraseDialog.getByLabel(/^(Ketik kode pelanggan|Type the customer code)/).fill(customer.customerCode);
  await page.getByTestId('erase-data-submit').click();
  await expect(customers.detail.getByTestId('customer-erased')).toBeVisible();
  expect((await api.ok('customers.get', { id: customer.id })).phone).toBeNull();

  // The diagnostics zip (what goes to support) logs a line: once it is in the file, so is all before it.
  const diagnostics = await api.ok('diagnostics.export', {});
  await expect.poll(() => logFiles(host.dataDir)).toContain('diagnostics exported');
  const logs = logFiles(host.dataDir);
  expect(logs).toContain('PPPoE Desk browser host ready');
  const places = { logs, console: host.output(), diagnostics: await zipText(diagnostics.base64!) };
  const secrets = [
    ADMIN.password,
    WRONG_PASSWORD,
    ROUTER_PASSWORD,
    PPPOE_PASSWORD,
    cookieToken!,
    PERSON.phone,
    PERSON.phone.replace(/\D/g, ''),
    PERSON.nik,
  ];
  for (const [where, text] of Object.entries(places))
    for (const secret of secrets) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
});
