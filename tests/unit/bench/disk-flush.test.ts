import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { diskFlushes } from '../../bench/disk-flush';
import { tempDir } from '../../helpers/app';

describe('diskFlushes (the portal-load bench’s in-run floor)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('times one write + fsync per sample and leaves the directory as it was', async () => {
    const dir = tempDir('disk-flush-');
    dirs.push(dir);
    const xs = await diskFlushes(dir, 5, 0, 4096);
    expect(xs).toHaveLength(5);
    for (const x of xs) expect(x).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('fails loudly when the directory cannot be written, rather than reporting nothing', async () => {
    await expect(diskFlushes('/nonexistent/pppoe-desk-bench', 1, 0)).rejects.toThrow();
  });
});
