import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureSelfSignedIdentity } from '../../src-main/host/http/tls-identity';
import { createOfficeLink } from '../../src-main/host/seat/office-link';
import { pairWithOffice } from '../../src-main/host/seat/pairing-client';
import { isCertificateChange, pinnedAgent, postJson } from '../../src-main/host/seat/pinned-client';
import { loadSeatConfig, saveSeatConfig } from '../../src-main/host/seat/seat-config';
import type { ApiResult } from '../../src-shared/result';
import { ADMIN, removeDataDir, signedIn, startServer, tempDataDir } from './helpers/server-process';

/**
 * Issue 17, two processes: the office is a real `npm run server` process (built entry, temp data folder,
 * 127.0.0.1, its own TLS certificate); this test process is the seat, speaking only through the seat client
 * (pairing, the pinned agent, the office link). Pairing; a payment from the seat is at the office; a pin of
 * another certificate is refused; the office restarts and the seat reconnects by itself, nothing lost or doubled.
 */
test('a seat pairs with a server process, pays, is refused with a wrong pin, and reconnects after a restart', async () => {
  test.setTimeout(120_000);
  const dataDir = tempDataDir('seat-office');
  const seatDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pppoe-seat-'));
  let office = await startServer(dataDir);
  const links: Array<{ stop(): void }> = [];
  try {
    const admin = await signedIn(office);
    await admin.ok('settings.update', { autoInvoiceRun: false });
    const customer = await admin.ok('customers.create', { name: 'Siti Aminah' });

    // Wrong code: refused, nothing stored.
    await admin.ok('lanShare.newPairingCode', {});
    await expect(pairWithOffice(office.url, 'ABCD-EFGH')).rejects.toMatchObject({ kind: 'wrong_code' });
    const { code } = await admin.ok('lanShare.newPairingCode', {});
    saveSeatConfig(seatDir, await pairWithOffice(office.url, code, { seatName: 'Loket 2' }));
    const seat = loadSeatConfig(seatDir)!;
    expect(seat.fingerprint).toBe(office.fingerprint);

    // The seat signs in and takes a payment through the pinned connection only.
    const agent = pinnedAgent(seat);
    const call = async (channel: string, input: unknown, token?: string) =>
      (await postJson(agent, `${seat.url}/api/${channel}`, input, token ? { Authorization: `Bearer ${token}` } : {}))
        .body as ApiResult<unknown>;
    const login = await call('auth.login', ADMIN);
    if (!login.ok) throw new Error(login.error.message);
    const token = (login.value as { token: string }).token;
    expect((await call('shifts.open', { openingCash: 0 }, token)).ok).toBe(true);
    const paid = await call('payments.create', { customerId: customer.id, amount: 50_000, method: 'cash' }, token);
    expect(paid.ok).toBe(true);
    const atOffice = await admin.ok('payments.list', { customerId: customer.id });
    expect(atOffice.items.map((p) => p.amount)).toEqual([50_000]);
    // The office's sessions list shows the seat's session.
    const sessions = await admin.ok('staffSessions.list', {});
    expect(sessions.items.length).toBeGreaterThanOrEqual(2);

    // A pin of another certificate: the handshake is refused before anything is sent.
    const impostor = await ensureSelfSignedIdentity(path.join(seatDir, 'other'));
    const wrongPin = { url: seat.url, certPem: impostor.cert, fingerprint: impostor.fingerprint };
    const wrongAgent = pinnedAgent(wrongPin);
    const refused = await postJson(wrongAgent, `${seat.url}/api/system.info`, {}).then(
      () => null,
      (err: unknown) => err,
    );
    wrongAgent.destroy();
    expect(isCertificateChange(refused)).toBe(true);
    const wrongLink = createOfficeLink(wrongPin);
    links.push(wrongLink);
    await wrongLink.start();
    expect(wrongLink.state).toEqual({ kind: 'certificate_changed', seen: office.fingerprint });

    // The office restarts on the same folder and port; the seat's link notices and comes back by itself.
    const link = createOfficeLink(seat, { firstRetryMs: 100, maxRetryMs: 400, checkEveryMs: 200 });
    links.push(link);
    await link.start();
    expect(link.state.kind).toBe('online');
    const port = Number(new URL(seat.url).port);
    office.child.kill('SIGTERM');
    expect(await office.exited).toBe(0);
    await link.when((s) => s.kind === 'unreachable');
    office = await startServer(dataDir, { port });
    await link.when((s) => s.kind === 'online');
    // Same certificate after the restart: the pin still holds, the session too (it lives in the database).
    const again = await call('payments.create', { customerId: customer.id, amount: 25_000, method: 'cash' }, token);
    expect(again.ok).toBe(true);
    agent.destroy();
    const admin2 = await signedIn(office);
    const all = await admin2.ok('payments.list', { customerId: customer.id });
    expect(all.items.map((p) => p.amount).sort()).toEqual([25_000, 50_000]);
  } finally {
    for (const l of links) l.stop();
    office.child.kill('SIGTERM');
    await office.exited;
    removeDataDir(dataDir);
    fs.rmSync(seatDir, { recursive: true, force: true });
  }
});
