import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpoints } from '../../../src-main/db/checkpoints';
import { tempDir, testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

/** Some committed writes, so the WAL has frames to copy. */
function write(app: TestApp, n: number) {
  for (let i = 0; i < n; i++)
    app.app.ctx.sqlite.prepare("INSERT INTO settings(key, value) VALUES (?, '1')").run(`ckpt.${i}`);
}

describe('WAL checkpoints off the main thread (issue 14: a payment no longer waits for the copy)', () => {
  it('copies every WAL frame into the encrypted database file from the worker', async () => {
    t = await testApp();
    expect(t.app.ctx.encryption).not.toBeNull();
    const cp = startCheckpoints(t.app.ctx, 3_600_000);
    try {
      write(t, 20);
      const r = await cp.run();
      expect(r).toMatchObject({ via: 'worker' });
      expect(r!.error).toBeUndefined();
      expect(r!.log).toBeGreaterThan(0);
      expect(r!.checkpointed).toBe(r!.log);
      // The writer's own view agrees: nothing left to copy.
      const [own] = t.app.ctx.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      expect(own!.checkpointed).toBe(own!.log);
    } finally {
      cp.stop();
    }
  });

  it('a restore waits for a checkpoint in flight and none starts until the swap is over', async () => {
    t = await testApp();
    const cp = startCheckpoints(t.app.ctx, 3_600_000);
    try {
      write(t, 5);
      const order: string[] = [];
      const running = cp.run().then((r) => {
        order.push(`checkpoint ${r?.via}`);
      });
      await t.app.ctx.prepareDatabaseReplace().then(() => order.push('prepared'));
      await running;
      expect(order).toEqual(['checkpoint worker', 'prepared']);
      expect(await cp.run()).toBeNull(); // paused while the file may be swapped
      t.app.ctx.cancelDatabaseReplace();
      expect(await cp.run()).toMatchObject({ via: 'worker' });
    } finally {
      cp.stop();
    }
  });

  it('never keeps the process alive: a process that ran a checkpoint ends by itself', () => {
    const dir = tempDir('pppoe-ckpt-exit-');
    try {
      // The timeout fails the test if the worker's port still holds the process (it did after the
      // 'message' listener re-referenced it: a bench run never exited).
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'fixtures/checkpoint-then-exit.ts'), path.join(dir, 'db.sqlite')],
        { cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' },
      );
      expect(JSON.parse(out)).toMatchObject({ via: 'worker' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
