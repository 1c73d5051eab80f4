import net from 'node:net';
import crypto from 'node:crypto';
import { expect, signInPage, test } from './fixtures';
import { pairingProof } from '../../src-main/core/lan-share/pairing';
import { peekCertificate, pinnedAgent, postJson } from '../../src-main/host/seat/pinned-client';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

test.describe('Settings → Jaringan kantor', () => {
  test('an Admin shares the app on an address of this PC: HTTPS address, QR, fingerprint and a pairing code that works', async ({
    page,
    host,
  }) => {
    await signInPage(page, host, '#/settings');
    await page.getByRole('tab', { name: 'Jaringan kantor' }).click();
    await expect(page.getByText('Tidak dibagikan di jaringan kantor.')).toBeVisible();
    await page.getByRole('switch', { name: 'Bagikan di jaringan kantor' }).check({ force: true });
    await page.getByRole('checkbox', { name: /^127\.0\.0\.1 / }).check();
    const port = await freePort();
    await page.getByRole('textbox', { name: 'Port HTTPS' }).fill(String(port));
    await page.getByRole('button', { name: 'Simpan' }).click();

    const url = `https://127.0.0.1:${port}`;
    await expect(page.getByTestId('lan-url')).toHaveText(url);
    await expect(page.getByTestId('lan-qr')).toBeVisible();
    const shown = (await page.getByTestId('lan-fingerprint').textContent())!.trim();
    const seen = await peekCertificate(url);
    expect(seen.fingerprint).toBe(shown);

    await page.getByRole('button', { name: 'Buat kode pemasangan' }).click();
    const code = (await page.getByTestId('pairing-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(page.getByText(/berlaku sampai \d{2}[.:]\d{2}/)).toBeVisible();

    // A seat pairs over the shared address with that code.
    const nonce = crypto.randomBytes(32).toString('hex');
    const r = await postJson(pinnedAgent(seen), `${url}/api/pairing.verify`, {
      nonce,
      proof: pairingProof(code, 'seat', nonce, seen.fingerprint),
      seatName: 'Loket 2',
    });
    expect(r.status).toBe(200);
    expect((r.body as { value: { proof: string } }).value.proof).toBe(
      pairingProof(code, 'office', nonce, seen.fingerprint),
    );

    // Switched off: the address stops answering.
    await page.getByRole('switch', { name: 'Bagikan di jaringan kantor' }).uncheck({ force: true });
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByText('Tidak dibagikan di jaringan kantor.')).toBeVisible();
    await expect(peekCertificate(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
