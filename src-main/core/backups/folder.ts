import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';

/** A writable, existing folder, or a BAD_INPUT naming `field` with a sentence the owner understands. */
export function checkFolder(folder: string, field = 'folder'): string {
  const abs = path.resolve(folder);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new AppError('BAD_INPUT', 'The folder does not exist (is the USB stick plugged in?)', [
      { path: field, message: 'Folder not found' },
    ]);
  }
  if (!st.isDirectory()) {
    throw new AppError('BAD_INPUT', 'That path is a file, not a folder', [{ path: field, message: 'Not a folder' }]);
  }
  // access(W_OK) is unreliable on Windows and network shares: really create and remove a file.
  const probe = path.join(abs, `.pppoe-desk-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch {
    throw new AppError('BAD_INPUT', 'PPPoE Desk cannot write to this folder (read-only or no permission)', [
      { path: field, message: 'Folder is read-only' },
    ]);
  }
  return abs;
}
