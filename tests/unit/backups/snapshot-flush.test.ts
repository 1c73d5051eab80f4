import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/app';

const calls: string[] = [];
const made: { file: string; step: number }[] = [];
vi.mock('../../../src-main/db/flush-behind', () => ({
  flushBehind: (file: string, step: number) => {
    made.push({ file, step });
    return {
      grew: () => undefined,
      close: async () => {
        await new Promise((r) => setImmediate(r));
        calls.push('flusher closed');
      },
      flushes: 0,
    };
  },
}));

const { COPY_FLUSH_BYTES, snapshotDatabase } = await import('../../../src-main/db/encryption/snapshot');
const { modulePath } = await import('../../../src-main/db/integrity-check');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  calls.length = 0;
  made.length = 0;
});

function source(): string {
  dir = tempDir('pppoe-snapshot-flush-');
  const file = path.join(dir, 'live.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE t(x); INSERT INTO t VALUES ('a'), ('b');");
  db.close();
  return file;
}

describe('snapshotDatabase flushes the copy while it is written (a commit never waits for the whole copy)', () => {
  it('flushes the file being written in 32 MiB steps and closes it before the copy is handed on', async () => {
    const src = source();
    const dest = path.join(dir!, 'copy.partial');
    await snapshotDatabase(src, dest, { modulePath: modulePath(), pollMs: 1 }).then(() => calls.push('copied'));
    expect(made).toEqual([{ file: dest, step: COPY_FLUSH_BYTES }]);
    expect(COPY_FLUSH_BYTES).toBe(32 * 1024 * 1024);
    // Closed first: the caller renames or removes the file next (Windows refuses while a handle is open).
    expect(calls).toEqual(['flusher closed', 'copied']);
    const copy = new Database(dest, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    copy.close();
  });

  it('closes it also when the copy fails', async () => {
    const src = source();
    const dest = path.join(dir!, 'missing-folder', 'copy.partial');
    await expect(snapshotDatabase(src, dest, { modulePath: modulePath(), flushBytes: 0 })).rejects.toThrow();
    expect(made).toEqual([{ file: dest, step: 0 }]);
    expect(calls).toEqual(['flusher closed']);
  });
});
