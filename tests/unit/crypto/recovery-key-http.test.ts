import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/app';
import { createFirstAdmin } from '../../../src-main/core/auth';
import { fileKeyStore } from '../../../src-main/core/crypto/key-file';
import { silentLogger } from '../../../src-main/logging/logger';
import { createHttpHost } from '../../../src-main/host/http/server';
import { MIGRATIONS, tempDir } from '../../helpers/app';

interface Reply {
  status: number;
  body: {
    ok: boolean;
    value?: Record<string, unknown>;
    error?: { code: string; message: string; issues?: { path: string }[] };
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** One PC running the browser host: its data folder, its own key folder, an Admin signed in over HTTP. */
async function pcOverHttp(name: string) {
  const root = tempDir(`pppoe-http-${name}-`);
  const dataDir = path.join(root, 'data');
  const app: App = createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    logger: silentLogger,
    keyStore: fileKeyStore({ dir: path.join(root, 'keys'), dataDir }),
  });
  await createFirstAdmin(
    { app: app.ctx, session: null, transport: 'internal' },
    { username: 'admin', fullName: 'Admin', password: 'Rahasia-Kantor-1' },
  );
  const host = createHttpHost({ app, port: 0 });
  const { port } = await host.listen();
  let closed = false;
  const stop = async () => {
    if (closed) return;
    closed = true;
    await host.close();
    app.close();
  };
  cleanups.push(
    () => stop(),
    () => fs.rmSync(root, { recursive: true, force: true }),
  );
  let token = '';
  const api = async (channel: string, input: unknown): Promise<Reply> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as Reply['body'] };
  };
  const login = await api('auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
  token = String(login.body.value!.token);
  return { root, app, api, stop };
}

const auditActions = (app: App) =>
  app.ctx.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'encryption' ORDER BY id").pluck().all();

describe('the recovery key through the HTTP host', () => {
  it('is shown until typed back, then never again; it restores a backup of a dead PC on a new one', async () => {
    const old = await pcOverHttp('old');
    expect((await old.api('backups.encryption', {})).body.value).toMatchObject({
      encrypted: true,
      recoveryKeyConfirmed: false,
      confirmedAt: null,
    });
    const shown = await old.api('backups.revealRecoveryKey', {});
    expect(shown.status).toBe(200);
    const recoveryKey = String(shown.body.value!.recoveryKey);
    expect(recoveryKey).toMatch(/^(\d{6}-){7}\d{6}$/);

    // A mistyped group is named; an empty field is refused by the contract; nothing is confirmed.
    const groups = recoveryKey.split('-');
    groups[3] = groups[3] === '111111' ? '222222' : '111111';
    const typo = await old.api('backups.confirmRecoveryKey', { recoveryKey: groups.join('-') });
    expect(typo.body.ok).toBe(false);
    expect(typo.body.error).toMatchObject({ code: 'BAD_INPUT' });
    expect(typo.body.error!.issues?.[0]?.path).toBe('recoveryKey');
    const empty = await old.api('backups.confirmRecoveryKey', { recoveryKey: ' ' });
    expect(empty.body.error).toMatchObject({ code: 'BAD_INPUT' });
    expect((await old.api('backups.encryption', {})).body.value).toMatchObject({ recoveryKeyConfirmed: false });

    const confirmed = await old.api('backups.confirmRecoveryKey', { recoveryKey });
    expect(confirmed.body.value).toMatchObject({ encrypted: true, recoveryKeyConfirmed: true });
    const again = await old.api('backups.revealRecoveryKey', {});
    expect(again.body.ok).toBe(false);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(again.body.error!.message).toMatch(/cannot be shown again/);
    // The app no longer holds the recovery key anywhere in its folder.
    const record = fs.readFileSync(path.join(old.app.ctx.dataDir, 'encryption.json'), 'utf8');
    expect(JSON.parse(record)).toMatchObject({ pendingRecoveryKey: null });
    expect(record).not.toContain(recoveryKey);
    expect(auditActions(old.app)).toEqual(['backups.recoveryKeyShown', 'backups.recoveryKeyConfirmed']);

    // A backup copied to a USB stick; the old PC dies with its key.
    await old.api('customers.create', { name: 'Rina Marlina' });
    const backup = await old.api('backups.create', {});
    const usb = path.join(tempDir('pppoe-usb-'), String(backup.body.value!.fileName));
    cleanups.push(() => fs.rmSync(path.dirname(usb), { recursive: true, force: true }));
    fs.copyFileSync(String(backup.body.value!.file), usb);
    await old.stop();
    fs.rmSync(old.root, { recursive: true, force: true });

    // The new PC restores it with the written-down recovery key.
    const fresh = await pcOverHttp('new');
    const refused = await fresh.api('backups.restore', { file: usb });
    expect(refused.body.error!.issues?.[0]?.path).toBe('recoveryKey');
    const checked = await fresh.api('backups.verify', { file: usb, recoveryKey });
    expect(checked.body.value).toMatchObject({ counts: { customers: 1 } });
    const restored = await fresh.api('backups.restore', { file: usb, recoveryKey });
    expect(restored.body.ok).toBe(true);
    expect(fresh.app.ctx.sqlite.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Rina Marlina']);
    // The restore is audited on the new PC.
    expect(
      fresh.app.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'backups.restore'").pluck().get(),
    ).toBe(1);
  });
});
