import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, DB_FILE } from '../../../src-main/app';
import { restoreMarker } from '../../../src-main/core/backups/service';
import { startBackground } from '../../../src-main/host/background';
import { silentLogger } from '../../../src-main/logging/logger';
import { MIGRATIONS, testApp, testKeyStore } from '../../helpers/app';

const customers = (sqlite: { prepare(s: string): { get(): unknown } }) =>
  (sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;

describe('database swap safety', () => {
  it('if the new file cannot be opened, the previous database is put back and reopened', async () => {
    const t = await testApp();
    try {
      await t.ok('customers.create', { name: 'Tetap ada' });
      expect(() =>
        t.app.ctx.reopenDatabase((dbFile) => {
          fs.renameSync(dbFile, `${dbFile}.aside`);
          fs.writeFileSync(dbFile, 'this is not a database');
          return () => {
            fs.rmSync(dbFile);
            fs.renameSync(`${dbFile}.aside`, dbFile);
          };
        }),
      ).toThrow();
      expect(customers(t.app.ctx.sqlite)).toBe(1);
      await t.ok('customers.create', { name: 'Masih bisa menulis' });
      expect(customers(t.app.ctx.sqlite)).toBe(2);
    } finally {
      t.close();
    }
  });

  it('a power cut between the two renames of a restore: the verified new file is put in place at start', async () => {
    const t = await testApp();
    await t.ok('customers.create', { name: 'Dari backup' });
    const backup = await t.ok('backups.create', {});
    await t.ok('customers.create', { name: 'Sebelum restore' });
    const dataDir = t.dataDir;
    t.app.close();
    const live = path.join(dataDir, DB_FILE);
    // State on disk after the first rename, before the second: no live file.
    const staging = path.join(dataDir, 'restore-staging.sqlite');
    const aside = `${live}.before-restore`;
    fs.renameSync(live, aside);
    fs.copyFileSync(backup.file, staging);
    fs.writeFileSync(restoreMarker(dataDir), JSON.stringify({ staging, aside }));
    const app = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, ...testKeyStore(dataDir) });
    try {
      expect(customers(app.ctx.sqlite)).toBe(1);
      expect(fs.existsSync(restoreMarker(dataDir))).toBe(false);
      expect(fs.existsSync(aside)).toBe(false);
    } finally {
      app.close();
    }
    // Same cut, but the staging file was lost too: the previous database comes back.
    fs.renameSync(live, aside);
    fs.writeFileSync(restoreMarker(dataDir), JSON.stringify({ staging, aside }));
    const again = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, ...testKeyStore(dataDir) });
    try {
      expect(customers(again.ctx.sqlite)).toBe(1);
      expect(fs.existsSync(live)).toBe(true);
    } finally {
      again.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('background work stops before a restore swaps the database and starts again on the restored data', async () => {
    const t = await testApp();
    try {
      const log: string[] = [];
      const work = startBackground(t.app, [
        (app) => {
          log.push(`start ${customers(app.ctx.sqlite)}`);
          return () => log.push(`stop ${app.ctx.sqlite.open ? 'open' : 'closed'}`);
        },
      ]);
      const b = await t.ok('backups.create', {});
      await t.ok('customers.create', { name: 'Sesudah backup' });
      await t.ok('backups.restore', { file: b.file });
      // stopped while the old connection was still open; restarted on the restored data (0 customers)
      expect(log).toEqual(['start 0', 'stop open', 'start 0']);
      work.stop();
      expect(log.at(-1)).toBe('stop open');
      await t.ok('customers.create', { name: 'Lagi' });
      expect(log).toHaveLength(4); // no restart after the work was stopped for good
    } finally {
      t.close();
    }
  });
});
