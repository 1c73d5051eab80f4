import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * The desktop app's "Hubungkan ke PC kantor" screens, in Chromium through the HTTP host. The Electron
 * main process behind `window.pppoeSeat` (pairing, the pinned office link) is tested under Node with
 * electron mocked (tests/unit/electron/seat-mode.test.ts); here a double of the bridge stands in for it
 * and records every call, so what is tested is the screens: what they show, what they send.
 */
type Calls = { op: string; args: unknown[] }[];
const NO_PRINTERS = { printers: [], choice: { receipt: null, a4: null, silent: true } };

async function seatDouble(page: Page, status: unknown, printers: unknown = NO_PRINTERS) {
  await page.addInitScript(
    ([initial, list]: unknown[]) => {
      const w = window as unknown as Record<string, unknown>;
      const calls: Calls = [];
      let listener: ((s: unknown) => void) | null = null;
      w.__seatCalls = calls;
      w.__seatPush = (s: unknown) => listener?.(s);
      w.pppoeSeat = {
        pair: async (address: string, code: string) => {
          calls.push({ op: 'pair', args: [address, code] });
          if (address.startsWith('http://')) return { ok: false, reason: 'bad_address' };
          if (code !== 'ABCD-EFGH') return { ok: false, reason: 'wrong_code' };
          return { ok: true, officeName: 'Net Desa' };
        },
        status: async () => initial,
        retry: async () => void calls.push({ op: 'retry', args: [] }),
        open: async () => void calls.push({ op: 'open', args: [] }),
        forget: async () => void calls.push({ op: 'forget', args: [] }),
        onStatus: (cb: (s: unknown) => void) => {
          listener = cb;
          return () => (listener = null);
        },
        printers: async () => list,
        choosePrinters: async (choice: unknown) => {
          calls.push({ op: 'choosePrinters', args: [choice] });
          const l = list as { printers: unknown[] };
          return { ok: true, list: { printers: l.printers, choice } };
        },
        testPrint: async (kind: string, language: string) => {
          calls.push({ op: 'testPrint', args: [kind, language] });
          return (w.__testAnswer as unknown) ?? { ok: true, printer: 'TM-T82' };
        },
      };
    },
    [status, printers],
  );
}
const calls = (page: Page) => page.evaluate(() => (window as unknown as { __seatCalls: Calls }).__seatCalls);

test('sign-in page: "Hubungkan ke PC kantor" pairs with the office, the refusals in Indonesian on their field', async ({
  page,
  host,
}) => {
  // A plain browser has no bridge: no such button.
  await page.goto(host.url);
  await expect(page.getByRole('button', { name: 'Masuk' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hubungkan ke PC kantor' })).toHaveCount(0);

  await seatDouble(page, null);
  await page.reload();
  await page.getByRole('button', { name: 'Hubungkan ke PC kantor' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Hubungkan' }).click();
  await expect(dialog.getByText('Isi alamat PC kantor')).toBeVisible();
  await expect(dialog.getByText('Isi kode pemasangan')).toBeVisible();
  expect(await calls(page)).toEqual([]);

  await dialog.getByLabel('Alamat PC kantor').fill('http://192.168.1.10:8443');
  await dialog.getByLabel('Kode pemasangan').fill('ABCD-EFGH');
  await dialog.getByRole('button', { name: 'Hubungkan' }).click();
  await expect(dialog.getByText('Alamat tidak bisa dibaca')).toBeVisible();

  await dialog.getByLabel('Alamat PC kantor').fill('192.168.1.10:8443');
  await dialog.getByLabel('Kode pemasangan').fill('WXYZ-2345');
  await dialog.getByRole('button', { name: 'Hubungkan' }).click();
  await expect(dialog.getByText('Kode salah, sudah dipakai, atau kedaluwarsa')).toBeVisible();

  await dialog.getByLabel('Kode pemasangan').fill('ABCD-EFGH');
  await dialog.getByRole('button', { name: 'Hubungkan' }).click();
  await expect(page.getByTestId('pair-done')).toContainText('Terhubung dengan Net Desa');
  // Sent exactly as typed: the main process reads the code case- and dash-insensitively.
  expect(await calls(page)).toEqual([
    { op: 'pair', args: ['http://192.168.1.10:8443', 'ABCD-EFGH'] },
    { op: 'pair', args: ['192.168.1.10:8443', 'WXYZ-2345'] },
    { op: 'pair', args: ['192.168.1.10:8443', 'ABCD-EFGH'] },
  ]);
});

test.describe('the seat page', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('office not answering: when it tries again and "Coba sekarang"; then a changed certificate stops it', async ({
    page,
    host,
  }) => {
    const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(
      ':',
    );
    await seatDouble(page, {
      url: 'https://192.168.1.10:8443',
      officeName: 'Net Desa',
      fingerprint,
      link: {
        kind: 'unreachable',
        attempt: 3,
        error: 'connect ECONNREFUSED 192.168.1.10:8443',
        retryAt: Date.now() + 4000,
      },
    });
    await page.goto(`${host.url}/#/seat`);
    const screen = page.getByTestId('seat-screen');
    await expect(page.getByText('Memakai data Net Desa')).toBeVisible();
    await expect(page.getByText('https://192.168.1.10:8443')).toBeVisible();
    const down = page.getByTestId('seat-unreachable');
    await expect(down).toContainText('PC kantor tidak bisa dihubungi');
    await expect(down).toContainText(/Percobaan ke-3 gagal; dicoba lagi otomatis pukul \d{2}[.:]\d{2}[.:]\d{2}/);
    await expect(down).toContainText('connect ECONNREFUSED');
    await expect(screen).toContainText(fingerprint);
    // Nothing of the staff app started: no sign-in form on the seat page.
    await expect(page.getByLabel('Nama pengguna')).toHaveCount(0);
    await page.getByRole('button', { name: 'Coba sekarang' }).click();
    await expect.poll(() => calls(page)).toEqual([{ op: 'retry', args: [] }]);
    await page.screenshot({ path: test.info().outputPath('seat-unreachable.png'), fullPage: true });

    // The main process pushes the next state: another certificate at the office's address.
    await page.evaluate(
      (fp) =>
        (window as unknown as { __seatPush(s: unknown): void }).__seatPush({
          url: 'https://192.168.1.10:8443',
          officeName: 'Net Desa',
          fingerprint: fp,
          link: { kind: 'certificate_changed', seen: 'AA:BB:CC' },
        }),
      fingerprint,
    );
    const cert = page.getByTestId('seat-certificate');
    await expect(cert).toContainText('Sertifikat PC kantor berubah');
    await expect(cert).toContainText('AA:BB:CC');
    await expect(page.getByTestId('seat-unreachable')).toHaveCount(0);
    await cert.getByRole('button', { name: 'Lupakan dan pasangkan ulang' }).click();
    await expect
      .poll(() => calls(page))
      .toEqual([
        { op: 'retry', args: [] },
        { op: 'forget', args: [] },
      ]);
  });

  test('a damaged pairing file offers only "Lupakan PC kantor"', async ({ page, host }) => {
    await seatDouble(page, { url: '', officeName: '', fingerprint: '', link: { kind: 'damaged' } });
    await page.goto(`${host.url}/#/seat`);
    const damaged = page.getByTestId('seat-damaged');
    await expect(damaged).toContainText('Berkas pemasangan rusak');
    await expect(page.getByRole('button', { name: 'Coba sekarang' })).toHaveCount(0);
    await damaged.getByRole('button', { name: 'Lupakan PC kantor' }).click();
    await expect.poll(() => calls(page)).toEqual([{ op: 'forget', args: [] }]);
  });

  test("this PC's printers: choose the receipt printer, save, print a test page; a failure is said", async ({
    page,
    host,
  }) => {
    await seatDouble(
      page,
      {
        url: 'https://192.168.1.10:8443',
        officeName: 'Net Desa',
        fingerprint: 'AA:BB',
        link: { kind: 'online', officeName: 'Net Desa' },
        held: true,
      },
      {
        printers: [
          { name: 'TM-T82', displayName: 'Epson TM-T82', isDefault: true },
          { name: 'HP-A4', displayName: 'HP LaserJet', isDefault: false },
        ],
        choice: { receipt: null, a4: null, silent: true },
      },
    );
    await page.goto(`${host.url}/#/seat`);
    // Opened from the office's app: it says so and waits for "Buka" instead of going back by itself.
    await expect(page.getByText('PC kantor terhubung.')).toBeVisible();
    const card = page.getByTestId('seat-printers');
    await expect(card).toContainText('Printer PC ini');
    // Nothing chosen yet: no test page to print.
    await expect(card.getByTestId('seat-test-receipt')).toBeDisabled();
    await card.getByLabel('Printer struk').click();
    await page.getByRole('option', { name: 'Epson TM-T82 ★' }).click();
    await card.getByRole('button', { name: 'Simpan printer' }).click();
    await expect(card.getByTestId('seat-printers-note')).toHaveText('Printer disimpan.');
    await card.getByTestId('seat-test-receipt').click();
    await expect(card.getByTestId('seat-printers-note')).toHaveText('Halaman uji dikirim ke TM-T82.');

    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).__testAnswer = {
        ok: false,
        reason: 'failed',
        detail: 'Printer out of paper',
        savedTo: null,
      };
    });
    await card.getByTestId('seat-test-receipt').click();
    await expect(card.getByTestId('seat-printers-note')).toHaveText('Printer gagal mencetak: Printer out of paper');
    expect(await calls(page)).toEqual([
      { op: 'choosePrinters', args: [{ receipt: 'TM-T82', a4: null, silent: true }] },
      { op: 'testPrint', args: ['receipt', 'id'] },
      { op: 'testPrint', args: ['receipt', 'id'] },
    ]);
    await page.screenshot({ path: test.info().outputPath('seat-printers.png'), fullPage: true });
  });
});
