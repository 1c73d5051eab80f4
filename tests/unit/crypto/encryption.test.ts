import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, DB_FILE, type App } from '../../../src-main/app';
import { createFirstAdmin } from '../../../src-main/core/auth';
import { fileKeyStore } from '../../../src-main/core/crypto/key-file';
import { readKeyring } from '../../../src-main/core/crypto/keyring';
import { confirmRecoveryKey, recoveryKeyStatus, revealRecoveryKey } from '../../../src-main/core/crypto/database-key';
import { redact, silentLogger } from '../../../src-main/logging/logger';
import { DatabaseKeyError, fileKind, openDatabaseFile } from '../../../src-main/db/encryption/cipher';
import { openSqlite } from '../../../src-main/db/open';
import { MIGRATIONS, tempDir } from '../../helpers/app';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) if (a.ctx.sqlite.open) a.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dirPair() {
  const root = tempDir('pppoe-enc-');
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  const keyDir = path.join(root, 'keys');
  return { dataDir, keyDir, store: fileKeyStore({ dir: keyDir, dataDir }) };
}

function open(dataDir: string, store?: ReturnType<typeof fileKeyStore>, recoveryKey?: string) {
  const app = createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    logger: silentLogger,
    ...(store ? { keyStore: store } : {}),
    recoveryKey,
  });
  apps.push(app);
  return app;
}

async function adminToken(app: App) {
  const r = await createFirstAdmin(
    { app: app.ctx, session: null, transport: 'internal' },
    { username: 'admin', fullName: 'Admin', password: 'Rahasia-Kantor-1' },
  );
  return r.token;
}

async function call<T>(app: App, token: string, channel: string, input: unknown): Promise<T> {
  const r = await app.call(channel, input, { transport: 'http', token });
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

/** Known personal data: none of it may appear in the bytes of an encrypted file. */
const PEOPLE = [
  { name: 'Suryani Wulandari', phone: '081234567801', address: 'Jl. Kenanga Tujuh No. 17' },
  { name: 'Bambang Hartono', phone: '085711223344', address: 'Gang Melati Ujung 5' },
  { name: 'Ni Komang Ayu', phone: '087766554433', address: 'Br. Dinas Sukawati' },
];
const NEEDLES = PEOPLE.flatMap((p) => [p.name, p.phone, p.address, p.phone.slice(1)]);
const found = (file: string) => {
  const raw = fs.readFileSync(file);
  return NEEDLES.filter((n) => raw.includes(Buffer.from(n, 'utf8')) || raw.includes(Buffer.from(n, 'utf16le')));
};
const sha = (f: string) =>
  fs.existsSync(f) ? crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') : '-';

async function withPeople(app: App) {
  const token = await adminToken(app);
  for (const p of PEOPLE) await call(app, token, 'customers.create', p);
  return token;
}

describe('database encryption at rest', () => {
  it('the database, its WAL and a backup hold none of the known names, phones and addresses', async () => {
    const { dataDir, store } = dirPair();
    const app = open(dataDir, store);
    const token = await withPeople(app);
    const dbFile = path.join(dataDir, DB_FILE);
    // The last commits are still in the WAL (checkpoints run on an idle timer).
    expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);
    const backup = await call<{ file: string }>(app, token, 'backups.create', {});
    for (const f of [dbFile, `${dbFile}-wal`, backup.file]) expect(found(f), f).toEqual([]);
    app.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(found(dbFile)).toEqual([]);
    expect(fileKind(dbFile)).toBe('encrypted');
    expect(fileKind(backup.file)).toBe('encrypted');

    // The same scan finds them in a plain database: it is a real check.
    const plain = dirPair();
    const p = open(plain.dataDir);
    await withPeople(p);
    const plainFile = path.join(plain.dataDir, DB_FILE);
    expect(found(plainFile).length + found(`${plainFile}-wal`).length).toBeGreaterThan(0);
  });

  it('a wrong key fails with a clear error and writes nothing', async () => {
    const { dataDir, keyDir, store } = dirPair();
    const app = open(dataDir, store);
    await withPeople(app);
    const keyId = app.ctx.encryption!.keyring.keyId;
    app.ctx.sqlite.pragma('wal_checkpoint(PASSIVE)');
    // Killed, not closed: the WAL still holds pages, as after a power cut.
    const dbFile = path.join(dataDir, DB_FILE);
    const files = [dbFile, `${dbFile}-wal`, path.join(dataDir, 'encryption.json')];
    app.ctx.sqlite.close();
    app.close(); // only lets go of the data folder's lock: the connection is already closed, nothing is checkpointed
    const before = files.map(sha);

    // Another key in the key file: refused by the key record before the database is opened.
    const keyFile = path.join(keyDir, `${keyId}.key`);
    const right = fs.readFileSync(keyFile, 'utf8');
    fs.writeFileSync(keyFile, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    expect(() => open(dataDir, store)).toThrow(/does not belong to the data in/);
    // And by the database itself when it is opened with a wrong key directly.
    try {
      openSqlite(dbFile, { key: crypto.randomBytes(32) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DatabaseKeyError);
      expect((err as DatabaseKeyError).reason).toBe('wrong-key');
      expect((err as Error).message).toMatch(/cannot be opened with this key.*Nothing was changed/);
    }
    // No key at all.
    expect(() => openSqlite(dbFile)).toThrow(/is encrypted and no key was given/);
    expect(files.map(sha)).toEqual(before);

    fs.writeFileSync(keyFile, right, { mode: 0o600 });
    const again = open(dataDir, store);
    expect(again.ctx.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(PEOPLE.length);
  });

  it('key files: 0600 outside the data folder, logged where; a readable or misplaced one is refused', async () => {
    const { dataDir, keyDir, store } = dirPair();
    const lines: string[] = [];
    const logger = {
      ...silentLogger,
      info: (msg: string, data?: Record<string, unknown>) => lines.push(`${msg} ${JSON.stringify(redact(data))}`),
    };
    const app = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger, keyStore: store });
    apps.push(app);
    const keyFile = path.join(keyDir, `${app.ctx.encryption!.keyring.keyId}.key`);
    // Logged where it is (and the path survives the log's secret redaction).
    expect(lines.some((l) => l.startsWith('new database key created') && l.includes(keyFile))).toBe(true);
    expect(app.ctx.encryption!.keyLocation).toBe(keyFile);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // Nothing in the data folder holds the key (a copy of the folder cannot open the database).
    const hex = app.ctx.encryption!.key.toString('hex');
    for (const f of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const p = path.join(dataDir, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(hex), f).toBe(false);
    }
    app.close();
    fs.chmodSync(keyFile, 0o644);
    expect(() => open(dataDir, store)).toThrow(/can be read by other users.*chmod 600/);
    fs.chmodSync(keyFile, 0o600);
    const inside = fileKeyStore({ file: path.join(dataDir, 'db.key'), dataDir });
    expect(() => open(dataDir, inside)).toThrow(/inside the data folder/);
  });

  it('a lost key file: the recovery key opens the data and stores the key again', async () => {
    const { dataDir, keyDir, store } = dirPair();
    const app = open(dataDir, store);
    await withPeople(app);
    const recovery = revealRecoveryKey(app.ctx.encryption!)!;
    app.close();
    fs.rmSync(keyDir, { recursive: true });
    expect(() => open(dataDir, store)).toThrow(/its key is not at .*recovery key/);
    expect(() => open(dataDir, store, '000000-000000-000000-000000-000000-000000-000000-000000')).toThrow(
      /does not belong to this data/,
    );
    const back = open(dataDir, store, recovery);
    expect(back.ctx.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(PEOPLE.length);
    back.close();
    expect(open(dataDir, store).ctx.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3);
  });

  it('the recovery key is shown until the owner types it back, then never again', () => {
    const { dataDir, store } = dirPair();
    const app = open(dataDir, store);
    const enc = app.ctx.encryption!;
    expect(recoveryKeyStatus(enc)).toMatchObject({ encrypted: true, recoveryKeyConfirmed: false });
    const shown = revealRecoveryKey(enc)!;
    expect(revealRecoveryKey(enc)).toBe(shown);
    const typo = shown.replace(/^(\d)/, (d) => String((Number(d) + 1) % 10));
    expect(() => confirmRecoveryKey(enc, typo, new Date())).toThrow(/Group 1 .* mistyped/);
    confirmRecoveryKey(enc, shown.replace(/-/g, ' '), new Date('2026-11-24T03:00:00Z'));
    expect(revealRecoveryKey(enc)).toBeNull();
    expect(recoveryKeyStatus(enc)).toMatchObject({
      recoveryKeyConfirmed: true,
      confirmedAt: '2026-11-24T03:00:00.000Z',
    });
    expect(readKeyring(dataDir)).toMatchObject({
      pendingRecoveryKey: null,
      recoveryConfirmedAt: '2026-11-24T03:00:00.000Z',
    });
    expect(fs.readFileSync(path.join(dataDir, 'encryption.json'), 'utf8')).not.toContain(shown.slice(0, 13));
  });

  it('first start with a key on a plain database encrypts it in place, with progress', async () => {
    const { dataDir, store } = dirPair();
    const plain = open(dataDir);
    await withPeople(plain);
    plain.close();
    const dbFile = path.join(dataDir, DB_FILE);
    expect(fileKind(dbFile)).toBe('plain');
    const phases: string[] = [];
    const events = {
      emit: (e: { name: string; payload: Record<string, unknown> }) => phases.push(String(e.payload.phase)),
      subscribe: () => () => undefined,
    };
    const app = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store, events });
    apps.push(app);
    expect(phases).toEqual(['prepare', 'copy', 'encrypt', 'verify', 'swap', 'done']);
    expect(fileKind(dbFile)).toBe('encrypted');
    expect(found(dbFile)).toEqual([]);
    expect(fs.existsSync(`${dbFile}.encrypting`)).toBe(false);
    expect(app.ctx.sqlite.prepare('SELECT name FROM customers ORDER BY id').pluck().all()).toEqual(
      PEOPLE.map((p) => p.name),
    );
    expect(app.ctx.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const key = app.ctx.encryption!.key;
    app.close();
    const raw = openDatabaseFile(dbFile, { key, readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
