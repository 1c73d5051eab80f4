import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanShareStatus } from '../../../src-main/core/lan-share/status';
import { createHttpHost } from '../../../src-main/host/http/server';
import { ensureSelfSignedIdentity, type TlsIdentity } from '../../../src-main/host/http/tls-identity';
import { ACCEPT, pinnedVerifyProc, REFUSE, USE_CHROMIUM } from '../../../src-main/host/seat/certificate-verify';
import { createOfficeLink, type LinkState } from '../../../src-main/host/seat/office-link';
import { officeOrigin, pairWithOffice, PairingError } from '../../../src-main/host/seat/pairing-client';
import { forgetSeatConfig, loadSeatConfig, saveSeatConfig, SEAT_FILE } from '../../../src-main/host/seat/seat-config';
import type { Timers } from '../../../src-main/timers';
import { tempDir, testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 17, the seat ("Hubungkan ke PC kantor") in plain Node: pairing against a real office host over
 * TLS, the stored configuration, the window's certificate check and the office link's retry states.
 */
let t: TestApp;
let office: TlsIdentity;
let other: TlsIdentity;
let host: ReturnType<typeof createHttpHost>;
let url: string;
const dirs: string[] = [];
const dir = (tag: string) => {
  const d = tempDir(`pppoe-seat-${tag}-`);
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  t = await testApp();
  office = await ensureSelfSignedIdentity(dir('office'));
  other = await ensureSelfSignedIdentity(dir('other'));
  host = createHttpHost({ app: t.app, tls: office });
  url = (await host.listen()).url;
  setLanShareStatus(t.app.ctx, { urls: [url], fingerprint: office.fingerprint, error: null });
});
afterAll(async () => {
  await host.close();
  t.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const newCode = async () => (await t.ok('lanShare.newPairingCode', {})).code;

describe('the office address', () => {
  it('takes an address, host:port or the QR URL and keeps only the https origin', () => {
    expect(officeOrigin('192.168.88.10:8443')).toBe('https://192.168.88.10:8443');
    expect(officeOrigin(' https://192.168.88.10:8443/#/customers ')).toBe('https://192.168.88.10:8443');
    expect(officeOrigin('https://[fe80::1]:8443')).toBe('https://[fe80::1]:8443');
  });
  it('refuses plain http, credentials and nonsense', () => {
    for (const bad of ['http://192.168.88.10:5174', 'https://u:p@10.0.0.1', '', 'https://', 'ftp://x']) {
      expect(() => officeOrigin(bad), bad).toThrow(PairingError);
    }
  });
});

describe('pairing', () => {
  it('pins the office certificate when both proofs match; the code is then used up', async () => {
    const code = await newCode();
    const seat = await pairWithOffice(url, code.toLowerCase(), { seatName: 'Loket 2' });
    expect(seat).toMatchObject({ url, fingerprint: office.fingerprint, officeName: expect.any(String) });
    expect(seat.certPem).toContain('BEGIN CERTIFICATE');
    await expect(pairWithOffice(url, code)).rejects.toMatchObject({ kind: 'wrong_code' });
    const audit = await t.ok('audit.list', { action: 'lanShare.paired' });
    expect(audit.items[0]?.after).toContain('Loket 2');
  });

  it('a wrong code is refused and nothing is pinned', async () => {
    await newCode();
    await expect(pairWithOffice(url, 'ABCD-EFGH')).rejects.toMatchObject({ kind: 'wrong_code' });
  });

  it('nothing listening: unreachable', async () => {
    const closed = createHttpHost({ app: t.app, tls: office });
    const gone = (await closed.listen()).url;
    await closed.close();
    await expect(pairWithOffice(gone, 'ABCD-EFGH', { timeoutMs: 2000 })).rejects.toMatchObject({
      kind: 'unreachable',
    });
  });
});

describe('the stored seat configuration', () => {
  it('is saved, read back, refused when edited, and forgotten', async () => {
    const d = dir('config');
    expect(loadSeatConfig(d)).toBeNull();
    const seat = await pairWithOffice(url, await newCode());
    saveSeatConfig(d, seat);
    expect(loadSeatConfig(d)).toEqual(seat);
    const file = path.join(d, SEAT_FILE);
    // Another certificate under the pinned fingerprint: refused, never trusted half-way.
    fs.writeFileSync(file, JSON.stringify({ ...seat, certPem: other.cert }));
    expect(() => loadSeatConfig(d)).toThrow(/damaged/);
    forgetSeatConfig(d);
    expect(loadSeatConfig(d)).toBeNull();
  });
});

describe('the seat window’s certificate check', () => {
  const verdict = (proc: ReturnType<typeof pinnedVerifyProc>, hostname: string, data: string) => {
    let v: number | undefined;
    proc({ hostname, certificate: { data } }, (n) => (v = n));
    return v;
  };
  it('accepts only the pinned certificate for the office host and leaves other hosts to Chromium', () => {
    const proc = pinnedVerifyProc({ url: 'https://192.168.88.10:8443', fingerprint: office.fingerprint });
    expect(verdict(proc, '192.168.88.10', office.cert)).toBe(ACCEPT);
    expect(verdict(proc, '192.168.88.10', other.cert)).toBe(REFUSE);
    expect(verdict(proc, '192.168.88.10', 'not a certificate')).toBe(REFUSE);
    expect(verdict(proc, 'example.com', other.cert)).toBe(USE_CHROMIUM);
  });
});

/** Timers that run only when the test says so, recording each delay asked for. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => void pending.delete(h as number),
    now: () => now,
  };
  return {
    timers,
    delays: () => [...pending.values()].map((p) => p.at - now),
    /** Runs the next timer (moving the clock to it). */
    fire() {
      const [id, p] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]!;
      pending.delete(id);
      now = p.at;
      p.fn();
    },
  };
}

describe('the office link', () => {
  it('online, then unreachable with growing backoff, "Coba sekarang" at once, online again', async () => {
    const m = manualTimers();
    const flaky = createHttpHost({ app: t.app, tls: office });
    const port = (await flaky.listen()).port;
    const pin = { url: `https://127.0.0.1:${port}`, certPem: office.cert, fingerprint: office.fingerprint };
    const link = createOfficeLink(pin, {
      timers: m.timers,
      firstRetryMs: 1000,
      maxRetryMs: 4000,
      checkEveryMs: 15_000,
    });
    const seen: LinkState['kind'][] = [];
    link.onChange((s) => seen.push(s.kind));
    try {
      await link.start();
      expect(link.state.kind).toBe('online');
      expect(m.delays()).toEqual([15_000]);

      await flaky.close();
      const failures: number[] = [];
      for (let i = 0; i < 4; i++) {
        const done = link.when((s) => s.kind === 'unreachable' && s.attempt === i + 1);
        m.fire();
        await done;
        failures.push(m.delays()[0]!);
      }
      expect(failures).toEqual([1000, 2000, 4000, 4000]);
      expect(link.state).toMatchObject({ kind: 'unreachable', attempt: 4 });

      const back = createHttpHost({ app: t.app, tls: office, port });
      await back.listen();
      try {
        await link.retryNow();
        expect(link.state.kind).toBe('online');
        expect(m.delays()).toEqual([15_000]);
      } finally {
        await back.close();
      }
      expect(seen[0]).toBe('online');
    } finally {
      link.stop();
    }
  });

  it('another certificate at the office address: refused, explained, never retried', async () => {
    const m = manualTimers();
    const impostor = createHttpHost({ app: t.app, tls: other });
    const port = (await impostor.listen()).port;
    const link = createOfficeLink(
      { url: `https://127.0.0.1:${port}`, certPem: office.cert, fingerprint: office.fingerprint },
      { timers: m.timers },
    );
    try {
      await link.start();
      expect(link.state).toEqual({ kind: 'certificate_changed', seen: other.fingerprint });
      expect(m.delays()).toEqual([]);
      await link.retryNow();
      expect(link.state.kind).toBe('certificate_changed');
    } finally {
      link.stop();
      await impostor.close();
    }
  });
});
