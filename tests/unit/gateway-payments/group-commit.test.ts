import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit, QueueFull } from '../../../src-main/core/gateway-payments/group-commit';
import { tempDir } from '../../helpers/app';

let dbs: Database.Database[] = [];
let dirs: string[] = [];
afterEach(() => {
  dbs.forEach((d) => d.close());
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  dbs = [];
  dirs = [];
});

/** A WAL file database with a unique key (like gateway_credits), and a second connection to read it. */
function world() {
  const dir = tempDir('group-commit-');
  dirs.push(dir);
  const file = path.join(dir, 'g.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE credits(ref TEXT NOT NULL UNIQUE, amount INTEGER NOT NULL)');
  const reader = new Database(file, { readonly: true });
  dbs.push(db, reader);
  const insert = db.prepare('INSERT INTO credits(ref, amount) VALUES (?, ?) ON CONFLICT(ref) DO NOTHING');
  const credit =
    (ref: string, amount = 1) =>
    () =>
      insert.run(ref, amount).changes;
  const committed = () => (reader.prepare('SELECT COUNT(*) AS n FROM credits').get() as { n: number }).n;
  return { db, credit, committed };
}

describe('group commit', () => {
  it('credits submitted together share one transaction, and each promise settles only after the commit', async () => {
    const w = world();
    const queue = new GroupCommit(() => w.db, { maxBatch: 40 });
    const seenAtSettle: number[] = [];
    const all = Array.from({ length: 100 }, (_, i) =>
      queue.submit(w.credit(`R${i}`)).then((changes) => {
        // Read by another connection: only committed rows are visible there.
        seenAtSettle.push(w.committed());
        return changes;
      }),
    );
    expect(await Promise.all(all)).toEqual(Array(100).fill(1));
    expect(Math.min(...seenAtSettle)).toBeGreaterThanOrEqual(40);
    expect(queue.stats).toMatchObject({ batches: 3, jobs: 100, largest: 40 });
    expect(w.committed()).toBe(100);
  });

  it('a job that throws is rolled back alone; the rest of its batch commits', async () => {
    const w = world();
    const queue = new GroupCommit(() => w.db);
    const bad = () => {
      w.credit('BAD')();
      throw new Error('bad notification');
    };
    const results = await Promise.allSettled([
      queue.submit(w.credit('A')),
      queue.submit(bad),
      queue.submit(w.credit('B')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(queue.stats.batches).toBe(1);
    expect(w.db.prepare('SELECT ref FROM credits ORDER BY ref').pluck().all()).toEqual(['A', 'B']);
  });

  it('a crash before the commit loses the whole batch and tells every caller; the retries credit exactly once', async () => {
    const w = world();
    let crash = true;
    const queue = new GroupCommit(() => w.db, {
      beforeCommit: () => {
        if (crash) throw new Error('power cut');
      },
    });
    const refs = ['A', 'B', 'C', 'D'];
    const first = await Promise.allSettled(refs.map((r) => queue.submit(w.credit(r))));
    expect(first.every((r) => r.status === 'rejected')).toBe(true);
    expect(w.committed()).toBe(0);
    crash = false;
    // The providers send again, some twice.
    const retries = await Promise.all([...refs, 'A', 'C'].map((r) => queue.submit(w.credit(r))));
    expect(retries).toEqual([1, 1, 1, 1, 0, 0]);
    expect(w.committed()).toBe(4);
  });

  it('a full queue refuses at once (back-pressure) and the waiting variant gets in when there is room', async () => {
    const w = world();
    const queue = new GroupCommit(() => w.db, { maxQueue: 3, maxBatch: 2 });
    const accepted = [1, 2, 3].map((i) => queue.submit(w.credit(`R${i}`)));
    await expect(queue.submit(w.credit('R4'))).rejects.toBeInstanceOf(QueueFull);
    const waited = queue.submitWhenRoom(w.credit('R5'));
    expect(queue.pending).toBe(3);
    await Promise.all([...accepted, waited]);
    expect(w.db.prepare('SELECT ref FROM credits ORDER BY ref').pluck().all()).toEqual(['R1', 'R2', 'R3', 'R5']);
  });
});
