import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/app';
import { createFirstAdmin } from '../../../src-main/core/auth';
import { fileKeyStore } from '../../../src-main/core/crypto/key-file';
import { revealRecoveryKey } from '../../../src-main/core/crypto/database-key';
import { silentLogger } from '../../../src-main/logging/logger';
import { fileKind } from '../../../src-main/db/encryption/cipher';
import { MIGRATIONS, tempDir } from '../../helpers/app';

const roots: string[] = [];
const apps: App[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) if (a.ctx.sqlite.open) a.close();
  for (const d of roots.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A PC: its data folder and its own key folder. */
async function pc(name: string, encrypted = true) {
  const root = tempDir(`pppoe-${name}-`);
  roots.push(root);
  const dataDir = path.join(root, 'data');
  const store = fileKeyStore({ dir: path.join(root, 'keys'), dataDir });
  const start = () => {
    const app = createApp({
      dataDir,
      migrationsFolder: MIGRATIONS,
      logger: silentLogger,
      ...(encrypted ? { keyStore: store } : {}),
    });
    apps.push(app);
    return app;
  };
  const app = start();
  const { token } = await createFirstAdmin(
    { app: app.ctx, session: null, transport: 'internal' },
    { username: 'admin', fullName: 'Admin', password: 'Rahasia-Kantor-1' },
  );
  const call = (channel: string, input: unknown) => app.call(channel, input, { transport: 'http', token });
  const ok = async <T>(channel: string, input: unknown) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  return { root, dataDir, app, call, ok, start };
}

const names = (app: App) => app.ctx.sqlite.prepare('SELECT name FROM customers ORDER BY id').pluck().all();

describe('restore on a new PC with the recovery key', () => {
  it('a backup file alone (no sidecar, no key record of this PC) and the recovery key restore the data', async () => {
    // The old PC: data, a backup on the "USB stick", the recovery key written down.
    const old = await pc('old');
    for (const name of ['Dewi Lestari', 'Agus Salim']) await old.ok('customers.create', { name });
    const backup = await old.ok<{ file: string }>('backups.create', {});
    const recovery = revealRecoveryKey(old.app.ctx.encryption!)!;
    const usb = path.join(tempDir('pppoe-usb-'), path.basename(backup.file));
    roots.push(path.dirname(usb));
    fs.copyFileSync(backup.file, usb); // the .sqlite only: its .json sidecar stays behind
    old.app.close();
    fs.rmSync(old.root, { recursive: true }); // the old PC died

    // The new PC: a fresh installation with its own key.
    const fresh = await pc('new');
    await fresh.ok('customers.create', { name: 'Data uji di PC baru' });
    const without = await fresh.call('backups.restore', { file: usb });
    expect(without.ok).toBe(false);
    if (!without.ok) {
      expect(without.error.code).toBe('BAD_INPUT');
      expect(without.error.message).toMatch(/key of another installation.*recovery key/);
      expect(without.error.issues?.[0]?.path).toBe('recoveryKey');
    }
    const wrong = await fresh.call('backups.restore', {
      file: usb,
      recoveryKey: '000000-000000-000000-000000-000000-000000-000000-000000',
    });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toBe('This recovery key does not belong to this backup.');
    expect(names(fresh.app)).toEqual(['Data uji di PC baru']);

    const checked = await fresh.ok<{ counts: { customers: number } }>('backups.verify', {
      file: usb,
      recoveryKey: recovery,
    });
    expect(checked.counts.customers).toBe(2);
    await fresh.ok('backups.restore', { file: usb, recoveryKey: recovery });
    expect(names(fresh.app)).toEqual(['Dewi Lestari', 'Agus Salim']);
    // The restored data now lives under this PC's key: it reopens normally, and its backups are its own.
    fresh.app.close();
    const again = fresh.start();
    expect(names(again)).toEqual(['Dewi Lestari', 'Agus Salim']);
    expect(fileKind(again.ctx.dbFile)).toBe('encrypted');
    expect(again.ctx.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a plain backup from before encryption restores into an encrypted installation, which stays encrypted', async () => {
    const before = await pc('plain', false);
    await before.ok('customers.create', { name: 'Pelanggan lama' });
    const plainBackup = await before.ok<{ file: string }>('backups.create', {});
    expect(fileKind(plainBackup.file)).toBe('plain');
    const now = await pc('enc');
    await now.ok('backups.restore', { file: plainBackup.file });
    expect(names(now.app)).toEqual(['Pelanggan lama']);
    expect(fileKind(now.app.ctx.dbFile)).toBe('encrypted');
    // The restored data has its own users: sign in again.
    const login = await now.app.call(
      'auth.login',
      { username: 'admin', password: 'Rahasia-Kantor-1' },
      { transport: 'http' },
    );
    if (!login.ok) throw new Error(login.error.message);
    const r = await now.app.call(
      'backups.create',
      {},
      { transport: 'http', token: (login.value as { token: string }).token },
    );
    if (!r.ok) throw new Error(r.error.message);
    const next = r.value as { file: string };
    expect(fileKind(next.file)).toBe('encrypted');
  });
});
