import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { holdWalCheckpoints, startCheckpoints } from '../../../src-main/db/checkpoints';
import { AUTO_CHECKPOINT_PAGES } from '../../../src-main/db/open';
import { openTestDb, testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

/** The wal-index header in the -shm file (never encrypted): frames in the WAL, and how many are in the database. */
function wal(dbFile: string) {
  const fd = fs.openSync(`${dbFile}-shm`, 'r');
  try {
    const b = Buffer.alloc(100);
    fs.readSync(fd, b, 0, 100, 0);
    return { frames: b.readUInt32LE(16), copied: b.readUInt32LE(96) };
  } finally {
    fs.closeSync(fd);
  }
}

const threshold = (t: TestApp) => t.app.ctx.sqlite.pragma('wal_autocheckpoint', { simple: true });

describe('a backup snapshot pins the WAL: the worker copies it afterwards, not the next cashier commit', () => {
  it('the first commit after the snapshot copies nothing inline; release hands the WAL to the worker', async () => {
    t = await testApp();
    const { sqlite, dbFile } = t.app.ctx;
    expect(threshold(t)).toBe(AUTO_CHECKPOINT_PAGES);
    sqlite.exec('CREATE TABLE bulk(x)');
    // The snapshot: a read transaction on another connection.
    const reader = openTestDb(t.app, dbFile, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM customers').get();
    const release = holdWalCheckpoints(t.app.ctx);
    expect(threshold(t)).toBe(0);
    // The desk keeps writing meanwhile: more WAL than the safety net's threshold (~48 MB of pages).
    sqlite.prepare('INSERT INTO bulk VALUES (randomblob(?))').run((AUTO_CHECKPOINT_PAGES + 2_000) * 4096);
    reader.exec('COMMIT'); // the snapshot ends
    reader.close();
    const before = wal(dbFile);
    expect(before.frames).toBeGreaterThan(AUTO_CHECKPOINT_PAGES);
    // A cashier's commit: with the safety net on, this commit copied the whole WAL into the database.
    sqlite.prepare('INSERT INTO bulk VALUES (1)').run();
    const afterCommit = wal(dbFile);
    expect(afterCommit.copied).toBe(before.copied);
    expect(afterCommit.frames).toBeGreaterThan(before.frames);

    await release();
    const released = wal(dbFile);
    expect(released.copied).toBe(released.frames); // the worker copied all of it
    expect(threshold(t)).toBe(AUTO_CHECKPOINT_PAGES); // the safety net is back
    await release(); // twice is harmless
    expect(threshold(t)).toBe(AUTO_CHECKPOINT_PAGES);
  });

  it('catchUp runs its own checkpoint after one in flight (which may have begun inside the snapshot)', async () => {
    t = await testApp();
    const cp = startCheckpoints(t.app.ctx, 3_600_000);
    try {
      t.app.ctx.sqlite.prepare("INSERT INTO settings(key, value) VALUES ('hold.1', '1')").run();
      const first = cp.run();
      expect(await cp.run()).toBeNull(); // run alone gives up while one is in flight
      const second = cp.catchUp();
      expect(await first).toMatchObject({ via: 'worker' });
      expect(await second).toMatchObject({ via: 'worker' });
    } finally {
      cp.stop();
    }
  });

  it('during a restore (checkpoints paused) release only puts the threshold back', async () => {
    t = await testApp();
    await t.app.ctx.prepareDatabaseReplace();
    const release = holdWalCheckpoints(t.app.ctx);
    expect(threshold(t)).toBe(0);
    await release();
    expect(threshold(t)).toBe(AUTO_CHECKPOINT_PAGES);
    t.app.ctx.cancelDatabaseReplace();
  });

  it('backups.create leaves the safety net on after the copy', async () => {
    t = await testApp();
    await t.ok('backups.create', {});
    expect(threshold(t)).toBe(AUTO_CHECKPOINT_PAGES);
  });
});
