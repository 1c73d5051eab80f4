import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app';
import { hashPassword } from '../../../src-main/core/passwords';
import { silentLogger } from '../../../src-main/logging/logger';
import { roleCan } from '../../../src-shared/permissions';
import { APPLICATION_ID } from '../../../src-main/core/backups/verify';
import { FakeClock, MIGRATIONS, openTestDb, tempDir, testApp, testKeyStore, type TestApp } from '../../helpers/app';
import { journalLength, olderMigrations } from './helpers';

const apps: TestApp[] = [];
async function fresh(clock?: FakeClock) {
  const t = await testApp({ clock });
  apps.push(t);
  return t;
}
afterEach(() => {
  for (const t of apps.splice(0)) t.close();
});

const count = (t: TestApp, table: string) =>
  (t.app.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function addCustomers(t: TestApp, n: number, prefix = 'Pelanggan') {
  for (let i = 0; i < n; i++) await t.ok('customers.create', { name: `${prefix} ${i + 1}` });
}

/** Makes the database big enough that an online backup takes several event-loop turns. */
function pad(t: TestApp, rows: number) {
  const ins = t.app.ctx.sqlite.prepare(
    "INSERT INTO audit_log(at, username, action, entity, after) VALUES ('2026-01-01T00:00:00Z', 'test', 'pad', 'pad', ?)",
  );
  t.app.ctx.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run('x'.repeat(1000));
  })();
}

describe('backups: create, verify, list', () => {
  it('takes a verified online backup while writes keep happening, and restores it', async () => {
    const t = await fresh();
    await addCustomers(t, 3);
    pad(t, 6000);
    const before = count(t, 'customers');
    // Writes interleave with the backup steps (better-sqlite3 yields to the event loop between steps).
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await t.ok('customers.create', { name: `Selama backup ${++written}` });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const progress: number[] = [];
    const unsub = t.app.ctx.events.subscribe((e) => {
      if (e.name === 'backup.progress') progress.push(e.payload.percent as number);
    });
    const entry = await t.ok('backups.create', {});
    const writtenDuring = written;
    writing = false;
    await writer;
    unsub();
    expect(writtenDuring).toBeGreaterThan(0); // the app kept answering during the backup
    expect(progress.length).toBeGreaterThan(1);
    expect(entry).toMatchObject({ kind: 'manual', location: 'default', verified: true });
    expect(entry.size).toBeGreaterThan(6_000_000);
    expect(entry.counts!.customers).toBeGreaterThanOrEqual(before);
    expect(fs.existsSync(entry.file)).toBe(true);
    // A self-contained file: rollback journal mode, no -wal beside it, our application id.
    const b = openTestDb(t.app, entry.file, { readonly: true });
    expect(b.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(b.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const names = (b.prepare('SELECT name FROM customers ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    b.close();
    // Consistent snapshot: the first customers plus a gap-free prefix of those written during the backup.
    const during = names.filter((n) => n.startsWith('Selama backup'));
    expect(during).toEqual(during.map((_, i) => `Selama backup ${i + 1}`));
    expect(names.length).toBe(entry.counts!.customers);

    await addCustomers(t, 2, 'Setelah');
    const liveBefore = count(t, 'customers');
    const summary = await t.ok('backups.restore', { file: entry.file });
    expect(summary.counts.customers).toBe(names.length);
    expect(count(t, 'customers')).toBe(names.length);
    expect(summary.sessionKept).toBe(true); // the backup was taken during this session
    expect(t.app.ctx.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The data as it was just before the restore is itself a listed, verified backup.
    const list = await t.ok('backups.list', {});
    const pre = list.items.find((i) => i.kind === 'pre-restore')!;
    expect(pre.file).toBe(summary.preRestoreBackup);
    expect(pre.counts!.customers).toBe(liveBefore);
    // The app keeps working on the restored data.
    await t.ok('customers.create', { name: 'Sesudah restore' });
    expect(count(t, 'customers')).toBe(names.length + 1);
    // And it can go back: restoring the pre-restore backup brings the later customers back.
    await t.ok('backups.restore', { file: pre.file });
    expect(count(t, 'customers')).toBe(liveBefore);
  }, 60_000);

  it('lists backups newest first with size, date, kind and verified state', async () => {
    const clock = new FakeClock(Date.parse('2026-11-24T03:00:00.000Z'));
    const t = await fresh(clock);
    const a = await t.ok('backups.create', {});
    clock.advance(60_000);
    const b = await t.ok('backups.create', {});
    const list = await t.ok('backups.list', {});
    expect(list.items.map((i) => i.file)).toEqual([b.file, a.file]);
    expect(list.items[0]).toMatchObject({ kind: 'manual', verified: true, createdAt: '2026-11-24T03:01:00.000Z' });
    expect(list.items[0]!.size).toBe(fs.statSync(b.file).size);
    expect(list.defaultFolder).toBe(path.join(t.dataDir, 'backups'));
    // A backup copied in by hand (no check record yet) lists as "not checked".
    fs.copyFileSync(a.file, path.join(list.defaultFolder, 'pppoe-desk-2026-10-01T00-00-00-000Z-manual.sqlite'));
    const again = await t.ok('backups.list', {});
    expect(again.items.at(-1)).toMatchObject({ verified: null, createdAt: '2026-10-01T00:00:00.000Z' });
    const checked = await t.ok('backups.verify', { file: again.items.at(-1)!.file });
    expect(checked.schemaVersion).toBe(journalLength());
    expect((await t.ok('backups.list', {})).items.at(-1)!.verified).toBe(true);
  });

  it('writes a manual backup into a chosen folder; a missing or read-only folder is a clear error', async () => {
    const t = await fresh();
    const usb = tempDir('usb-');
    await t.ok('settings.update', { backupAllowedFolders: [usb] });
    const e = await t.ok('backups.create', { folder: usb });
    expect(path.dirname(e.file)).toBe(usb);
    expect(e.location).toBe('custom');

    const missing = await t.call('backups.create', { folder: path.join(usb, 'not-there') });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('BAD_INPUT');
      expect(missing.error.message).toMatch(/does not exist/);
      expect(missing.error.issues?.[0]?.path).toBe('folder');
    }
    const ro = path.join(usb, 'ro');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    try {
      const r = await t.call('backups.create', { folder: ro });
      // root ignores directory permissions; the check is meaningful for a normal user only.
      if (process.getuid?.() !== 0) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message).toMatch(/cannot write/);
      }
    } finally {
      fs.chmodSync(ro, 0o700);
    }
    const file = path.join(usb, 'a-file');
    fs.writeFileSync(file, 'x');
    const notDir = await t.call('backups.create', { folder: file });
    expect(notDir.ok).toBe(false);
  });

  it('deletes a listed backup, never the live database or other files', async () => {
    const t = await fresh();
    const e = await t.ok('backups.create', {});
    const live = await t.call('backups.delete', { file: path.join(t.dataDir, 'pppoe-desk.sqlite') });
    expect(live.ok).toBe(false);
    expect(fs.existsSync(path.join(t.dataDir, 'pppoe-desk.sqlite'))).toBe(true);
    const other = await t.call('backups.delete', { file: '/etc/hostname' });
    expect(other.ok).toBe(false);
    await t.ok('backups.delete', { file: e.file });
    expect(fs.existsSync(e.file)).toBe(false);
    expect(fs.existsSync(`${e.file}.json`)).toBe(false);
    expect((await t.ok('backups.list', {})).items).toHaveLength(0);
  });

  it('backups need the backups.manage permission (Admin)', async () => {
    const t = await fresh();
    expect(roleCan('manager', 'backups.manage')).toBe(false);
    expect(roleCan('staff', 'backups.manage')).toBe(false);
    const r = await t.call('backups.list', {}, 'not-a-token');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('restore refuses what it must not restore, leaving current data untouched', () => {
  async function setup() {
    const t = await fresh();
    await addCustomers(t, 2);
    const good = await t.ok('backups.create', {});
    await addCustomers(t, 1, 'Baru');
    return { t, good, dir: tempDir('bad-') };
  }
  async function refused(t: TestApp, file: string, message: RegExp) {
    const n = count(t, 'customers');
    const r = await t.call('backups.restore', { file });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(message);
    }
    expect(count(t, 'customers')).toBe(n);
    expect((await t.ok('backups.list', {})).items.filter((i) => i.kind === 'pre-restore')).toHaveLength(0);
    expect(fs.existsSync(path.join(t.dataDir, 'restore-staging.sqlite'))).toBe(false);
  }

  it('a truncated file', async () => {
    const { t, good, dir } = await setup();
    const f = path.join(dir, 'truncated.sqlite');
    const buf = fs.readFileSync(good.file);
    fs.writeFileSync(f, buf.subarray(0, Math.floor(buf.length / 2)));
    await refused(t, f, /incomplete|damaged/);
  });

  it('a file with corrupted pages', async () => {
    const { t, good, dir } = await setup();
    const f = path.join(dir, 'corrupt.sqlite');
    const buf = Buffer.from(fs.readFileSync(good.file));
    // An encrypted file has no readable header: SQLCipher 4 pages are 4096 bytes.
    const pageSize = t.app.ctx.encryption ? 4096 : buf.readUInt16BE(16);
    // Scribble over every page after the first (schema page kept, so it opens and then fails the check).
    for (let p = 1; p * pageSize < buf.length; p++) buf.fill(0xa5, p * pageSize + 8, p * pageSize + 200);
    fs.writeFileSync(f, buf);
    await refused(t, f, /damaged|cannot be (opened|read)|malformed/);
  });

  it('a file that is not a database at all', async () => {
    const { t, dir } = await setup();
    const f = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(f, 'Catatan kas: Rp 150.000\n'.repeat(50));
    await refused(t, f, /not a PPPoE Desk backup/);
  });

  it("another application's SQLite database", async () => {
    const { t, dir } = await setup();
    const f = path.join(dir, 'other.sqlite');
    const o = new Database(f);
    o.exec("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('x')");
    o.close();
    await refused(t, f, /not a PPPoE Desk database/);
  });

  it('a backup from a newer version of the app', async () => {
    const { t, good, dir } = await setup();
    const f = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(good.file, f);
    const o = openTestDb(t.app, f);
    o.prepare('INSERT INTO __drizzle_migrations(hash, created_at) VALUES (?, ?)').run('future', Date.now() + 1e9);
    o.close();
    await refused(t, f, /newer version of PPPoE Desk/);
  });

  it('the live database itself, or a missing file', async () => {
    const { t } = await setup();
    const live = await t.call('backups.restore', { file: t.app.ctx.dbFile });
    expect(live.ok).toBe(false);
    const missing = await t.call('backups.restore', { file: path.join(t.dataDir, 'nope.sqlite') });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });
});

describe('migrations and restore across schema versions', () => {
  it('lists the pre-migration backup and restores an older-schema backup by migrating it forward', async () => {
    const n = journalLength();
    expect(n).toBeGreaterThan(1);
    const dataDir = tempDir();
    const clock = new FakeClock(Date.parse('2026-11-24T03:00:00.000Z'));
    // An "older app" with one migration less writes data (in plain SQL: this version's code writes
    // columns the older schema may not have)...
    const old = createApp({
      dataDir,
      migrationsFolder: olderMigrations(n - 1),
      clock,
      logger: silentLogger,
      ...testKeyStore(dataDir),
    });
    const now = clock.now().toISOString();
    old.ctx.sqlite
      .prepare(
        `INSERT INTO users(username, full_name, role, password_hash, created_at, updated_at) VALUES ('admin', 'Admin', 'admin', ?, ?, ?)`,
      )
      .run(await hashPassword('Rahasia-Kantor-1'), now, now);
    old.ctx.sqlite
      .prepare(`INSERT INTO customers(customer_code, name, join_date) VALUES ('CUST0001', 'Lama', '2026-11-24')`)
      .run();
    old.close();
    // ...then this app opens it: a pre-migration backup is taken first and listed.
    clock.advance(60_000);
    const app = createApp({
      dataDir,
      migrationsFolder: MIGRATIONS,
      clock,
      logger: silentLogger,
      ...testKeyStore(dataDir),
    });
    try {
      const signIn = await app.call(
        'auth.login',
        { username: 'admin', password: 'Rahasia-Kantor-1' },
        { transport: 'http' },
      );
      const token = (signIn as { ok: true; value: { token: string } }).value.token;
      const call = (c: string, i: unknown) => app.call(c, i, { transport: 'http', token });
      const list = (await call('backups.list', {})) as {
        ok: true;
        value: { items: { kind: string; file: string; schemaVersion: number; verified: boolean }[] };
      };
      expect(list.ok).toBe(true);
      const pre = list.value.items.find((i) => i.kind === 'pre-migration')!;
      expect(pre).toBeDefined();
      expect(pre.schemaVersion).toBe(n - 1);
      expect(pre.verified).toBe(true);
      await call('customers.create', { name: 'Baru' });
      // Restoring the older-schema backup migrates it to this app's schema.
      const r = (await call('backups.restore', { file: pre.file })) as {
        ok: boolean;
        value: { schemaVersion: number; counts: { customers: number } };
      };
      expect(r).toMatchObject({ ok: true });
      expect(r.value.schemaVersion).toBe(n - 1);
      expect(r.value.counts.customers).toBe(1);
      const applied = (app.ctx.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number })
        .n;
      expect(applied).toBe(n);
    } finally {
      app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
