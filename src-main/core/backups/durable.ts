import fs from 'node:fs';

/** fsync on the libuv thread pool: a large backup file must not hold the main thread for the flush. */
export async function fsyncFile(p: string) {
  const fh = await fs.promises.open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export function fsyncPath(p: string) {
  try {
    const fd = fs.openSync(p, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; NTFS journals the rename itself.
  }
}
