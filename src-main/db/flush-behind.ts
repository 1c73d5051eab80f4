import fs from 'node:fs';

/**
 * Flushes a file that another thread is writing (a backup's VACUUM INTO copy) in bounded steps, so its
 * dirty pages never pile up in the OS cache.
 *
 * Why: the copy is written unsynced and fsynced once at its end. On ext4 (ordered data) every fsync is a
 * journal commit that waits for the data of all files written meanwhile, so a cashier's commit (its WAL
 * fsync, synchronous=FULL, on the main thread) landing on the copy's final flush waited for the whole
 * copy to reach the disk: 456–668 ms at 200,000 customers (1.4 GB), ~1.6 s at 500,000 (3.5 GB). Flushing
 * every `stepBytes` while the copy grows bounds what any commit can find in the way to one step.
 *
 * The flush runs on the libuv pool (never on the main thread), at most one at a time; a failed flush is
 * only a missed optimisation (the copy is still fsynced before it is renamed into place), so errors are
 * swallowed and the file is left alone.
 */
export interface FlushBehind {
  /** The file has reached `size` bytes: starts a flush if `stepBytes` more were written since the last one. */
  grew(size: number): void;
  /** Waits for a flush in flight and closes the file (before the copy is renamed or removed). */
  close(): Promise<void>;
  /** Flushes started so far. */
  readonly flushes: number;
}

export interface FileSync {
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** Read-write: Windows flushes (FlushFileBuffers) only through a handle with write access; nothing is written. */
const openForSync = async (file: string): Promise<FileSync> => fs.promises.open(file, 'r+');

export function flushBehind(
  file: string,
  stepBytes: number,
  open: (file: string) => Promise<FileSync> = openForSync,
): FlushBehind {
  let handle: Promise<FileSync | null> | null = null;
  let inFlight: Promise<void> | null = null;
  let flushedUpTo = 0;
  let flushes = 0;
  let closed = false;

  const flush = async (size: number) => {
    handle ??= open(file).catch(() => null);
    const fh = await handle;
    if (!fh || closed) return;
    await fh.datasync().catch(() => undefined);
    flushedUpTo = size;
  };

  return {
    grew(size) {
      if (closed || stepBytes <= 0 || inFlight || size - flushedUpTo < stepBytes) return;
      flushes++;
      inFlight = flush(size).finally(() => {
        inFlight = null;
      });
    },
    async close() {
      closed = true;
      if (inFlight) await inFlight;
      const fh = handle ? await handle : null;
      handle = null;
      await fh?.close().catch(() => undefined);
    },
    get flushes() {
      return flushes;
    },
  };
}
