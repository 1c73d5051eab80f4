import path from 'node:path';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { integrityCheck } from '../../../src-main/db/integrity-check';
import { tempDir } from '../../helpers/app';

// Every better-sqlite3 connection this (main) thread opens, by file. The check's worker loads the real
// module by path, so its own connection is not counted.
const opened = vi.hoisted(() => [] as string[]);
vi.mock('better-sqlite3', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: new (file: string, opts?: object) => object }).default;
  class Counting extends Real {
    constructor(file: string, opts?: object) {
      super(file, opts);
      opened.push(file);
    }
  }
  return { default: Counting };
});

describe('integrity check: the main thread stays free (issue 20)', () => {
  it('never checks the file again on the main thread once the worker has answered and exited', async () => {
    const file = path.join(tempDir(), 'ok.sqlite');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file);
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t(v) VALUES (1), (2)');
    db.close();
    opened.length = 0;
    // The worker's 'exit' comes after its answer: wait for it, so a fallback run on exit would be seen.
    const exited = new Promise<void>((resolve) =>
      process.once('worker', (w: Worker) => void once(w, 'exit').then(() => resolve())),
    );
    const r = await integrityCheck(file);
    await exited;
    expect(r).toMatchObject({ rows: ['ok'], via: 'worker' });
    expect(opened).toEqual([]);
  });
});
