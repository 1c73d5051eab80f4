import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushBehind, type FileSync } from '../../../src-main/db/flush-behind';
import { tempDir } from '../../helpers/app';

/** A file handle whose flushes finish only when the test says so. */
function fakeFile() {
  const pending: (() => void)[] = [];
  const fh: FileSync & { datasync: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> } = {
    datasync: vi.fn(() => new Promise<void>((resolve) => pending.push(resolve))),
    close: vi.fn(async () => undefined),
  };
  const open = vi.fn(async () => fh);
  /** Lets the flush in flight finish and its bookkeeping run. */
  const finish = async () => {
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { fh, open, finish, started: () => fh.datasync.mock.calls.length };
}

const MB = 1024 * 1024;
let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('flushBehind: a backup copy reaches the disk in bounded steps, not all at its end', () => {
  it('flushes each time another step has been written, one flush at a time', async () => {
    const f = fakeFile();
    const fl = flushBehind('/copy', 32 * MB, f.open);
    fl.grew(31 * MB);
    await new Promise((r) => setImmediate(r));
    expect(f.started()).toBe(0); // less than one step: nothing yet
    fl.grew(40 * MB);
    await new Promise((r) => setImmediate(r));
    expect(f.started()).toBe(1);
    fl.grew(90 * MB); // a flush is in flight: no second one piles up behind it
    await new Promise((r) => setImmediate(r));
    expect(f.started()).toBe(1);
    await f.finish();
    fl.grew(60 * MB); // only 20 MB since the 40 MB that were flushed
    await new Promise((r) => setImmediate(r));
    expect(f.started()).toBe(1);
    fl.grew(72 * MB);
    await new Promise((r) => setImmediate(r));
    expect(f.started()).toBe(2);
    expect(fl.flushes).toBe(2);
    expect(f.open).toHaveBeenCalledTimes(1); // one handle for the whole copy
    await f.finish();
    await fl.close();
    expect(f.fh.close).toHaveBeenCalledTimes(1);
  });

  it('close waits for the flush in flight before closing the file, and starts no more', async () => {
    const f = fakeFile();
    const fl = flushBehind('/copy', MB, f.open);
    fl.grew(2 * MB);
    await new Promise((r) => setImmediate(r));
    let closed = false;
    const closing = fl.close().then(() => (closed = true));
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    expect(f.fh.close).not.toHaveBeenCalled();
    await f.finish();
    await closing;
    expect(f.fh.close).toHaveBeenCalledTimes(1);
    fl.grew(10 * MB);
    expect(f.started()).toBe(1);
  });

  it('a step of 0 never flushes (one flush at the end only, as before)', async () => {
    const f = fakeFile();
    const fl = flushBehind('/copy', 0, f.open);
    fl.grew(4096 * MB);
    await fl.close();
    expect(f.open).not.toHaveBeenCalled();
  });

  it('a file that cannot be opened or flushed is left alone, without an error', async () => {
    const fl = flushBehind('/copy', MB, async () => Promise.reject(new Error('ENOENT')));
    fl.grew(2 * MB);
    await expect(fl.close()).resolves.toBeUndefined();
    const failing: FileSync = { datasync: async () => Promise.reject(new Error('EIO')), close: async () => undefined };
    const fl2 = flushBehind('/copy', MB, async () => failing);
    fl2.grew(2 * MB);
    await expect(fl2.close()).resolves.toBeUndefined();
  });

  it('flushes a real file on the libuv pool and closes it', async () => {
    dir = tempDir('pppoe-flush-');
    const file = path.join(dir, 'copy');
    fs.writeFileSync(file, Buffer.alloc(2 * MB));
    const fl = flushBehind(file, MB);
    fl.grew(fs.statSync(file).size);
    await fl.close();
    expect(fl.flushes).toBe(1);
    fs.rmSync(file); // no handle left open (Windows could not remove it)
  });
});
