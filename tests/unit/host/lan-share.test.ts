import crypto from 'node:crypto';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PAIRING_ATTEMPTS_PER_SOURCE,
  PAIRING_CODE_MS,
  PAIRING_WRONG_LIMIT,
  pairingProof,
} from '../../../src-main/core/lan-share/pairing';
import { lanShareStatus } from '../../../src-main/core/lan-share/status';
import { startLanShareRunner } from '../../../src-main/host/lan-share-runner';
import { peekCertificate, pinnedAgent, postJson } from '../../../src-main/host/seat/pinned-client';
import type { OutputOf } from '../../../src-shared/contract';
import type { ApiResult } from '../../../src-shared/result';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Waits for the runner to apply a settings change (it starts and stops listeners asynchronously). */
const until = (cond: () => boolean) => vi.waitFor(() => expect(cond()).toBe(true), { timeout: 10_000, interval: 10 });

let t: TestApp;
let clock: FakeClock;
let runner: ReturnType<typeof startLanShareRunner>;

beforeEach(async () => {
  clock = new FakeClock();
  t = await testApp({ clock });
  runner = startLanShareRunner(t.app);
  await runner.ready;
});
afterEach(async () => {
  await runner.stop();
  t.close();
});

describe('Bagikan di jaringan kantor', () => {
  it('is off by default; saving the settings starts HTTPS on the chosen address and switching off stops it', async () => {
    expect((await t.ok('settings.get', {})).lanShareEnabled).toBe(false);
    expect(lanShareStatus(t.app.ctx).urls).toEqual([]);
    const port = await freePort();
    await t.ok('settings.update', { lanShareEnabled: true, lanShareHosts: ['127.0.0.1'], lanSharePort: port });
    await until(() => lanShareStatus(t.app.ctx).urls.length === 1);
    const status = await t.ok('lanShare.status', {});
    expect(status.urls).toEqual([`https://127.0.0.1:${port}`]);
    expect(status.interfaces.some((i) => i.address === '127.0.0.1')).toBe(true);
    const seen = await peekCertificate(status.urls[0]!);
    expect(seen.fingerprint).toBe(status.fingerprint);
    const r = await postJson(pinnedAgent(seen), `${status.urls[0]}/api/auth.me`, {});
    expect(r.status).toBe(401);

    await t.ok('settings.update', { lanShareEnabled: false });
    await until(() => lanShareStatus(t.app.ctx).urls.length === 0);
    await expect(peekCertificate(status.urls[0]!)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('pairing a seat', () => {
  const fingerprint = () => lanShareStatus(t.app.ctx).fingerprint!;
  const nonce = () => crypto.randomBytes(32).toString('hex');
  const verify = (code: string, n = nonce(), source = '127.0.0.9') =>
    t.app.call(
      'pairing.verify',
      { nonce: n, proof: pairingProof(code, 'seat', n, fingerprint()), seatName: 'Loket 2' },
      { transport: 'http', source },
    ) as Promise<ApiResult<OutputOf<'pairing.verify'>>>;

  beforeEach(async () => {
    await t.ok('settings.update', {
      lanShareEnabled: true,
      lanShareHosts: ['127.0.0.1'],
      lanSharePort: await freePort(),
    });
    await until(() => lanShareStatus(t.app.ctx).fingerprint !== null && lanShareStatus(t.app.ctx).urls.length > 0);
  });

  it('a right code proves both sides for this certificate, once; the office proof is checkable by the seat', async () => {
    const { code } = await t.ok('lanShare.newPairingCode', {});
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const n = nonce();
    const r = await verify(code.toLowerCase(), n);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fingerprint).toBe(fingerprint());
    expect(r.value.proof).toBe(pairingProof(code, 'office', n, fingerprint()));
    // One code, one seat.
    expect(await verify(code)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = await t.ok('audit.list', { entity: 'lan_share' });
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(['lanShare.pairingCode', 'lanShare.paired']),
    );
  });

  it('a proof made for another certificate (a machine in the middle) is refused', async () => {
    const { code } = await t.ok('lanShare.newPairingCode', {});
    const n = nonce();
    const other = '00' + fingerprint().slice(2);
    const r = await t.app.call(
      'pairing.verify',
      { nonce: n, proof: pairingProof(code, 'seat', n, other) },
      { transport: 'http', source: '127.0.0.9' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it(`a code expires after ${PAIRING_CODE_MS / 60_000} minutes`, async () => {
    const { code } = await t.ok('lanShare.newPairingCode', {});
    clock.advance(PAIRING_CODE_MS);
    expect(await verify(code)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it(`${PAIRING_WRONG_LIMIT} wrong codes void the code, from whatever addresses`, async () => {
    const { code } = await t.ok('lanShare.newPairingCode', {});
    for (let i = 0; i < PAIRING_WRONG_LIMIT; i++)
      expect((await verify('ZZZZ-ZZZZ', nonce(), `127.0.1.${i}`)).ok).toBe(false);
    expect(await verify(code, nonce(), '127.0.2.1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('attempts from one address are limited, whatever the code', async () => {
    const { code } = await t.ok('lanShare.newPairingCode', {});
    for (let i = 0; i < PAIRING_ATTEMPTS_PER_SOURCE; i++)
      await t.ok('lanShare.newPairingCode', {}).then(() => verify('ZZZZ-ZZZZ'));
    const r = await verify(code);
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!r.ok) expect(r.error.message).toMatch(/Too many pairing attempts from this computer: wait \d+ seconds/);
  });
});
