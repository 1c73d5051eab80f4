import fs from 'node:fs';
import path from 'node:path';

/**
 * The disk's own flush, the physical floor under every commit with synchronous=FULL: `count` appends of
 * `bytes` to a scratch file in `dir`, each followed by fsync (what SQLite does to the WAL at each commit,
 * on the thread that commits), `gapMs` apart. Returns each write + fsync in ms. The file is removed after.
 * A flush after an idle pause can cost several times one right after another, so the pace is the desk's.
 */
export async function diskFlushes(dir: string, count: number, gapMs: number, bytes = 16_384): Promise<number[]> {
  const file = path.join(dir, 'disk-flush.probe');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(bytes, 0xa5);
  const xs: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      if (gapMs > 0 && i > 0) await new Promise((r) => setTimeout(r, gapMs));
      const t0 = process.hrtime.bigint();
      fs.writeSync(fd, block, 0, bytes, i * bytes);
      fs.fsyncSync(fd);
      xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return xs;
}
