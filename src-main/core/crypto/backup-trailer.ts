import fs from 'node:fs';
import type { WrappedKey } from './recovery-key';

/**
 * Every encrypted backup carries its own wrapped key, so the file alone plus the recovery key restore
 * it on a new PC (no sidecar or encryption.json needed). The record is appended after the last page:
 *   [encrypted pages][JSON record][4-byte length][8-byte magic]
 * It is shorter than one page, and SQLite sizes the database from its header, so SQLite (and any
 * SQLite3 Multiple Ciphers tool) ignores it. A restore cuts it off its private copy before using the file.
 */
const MAGIC = Buffer.from('PPDKRKY1', 'latin1');
const MAX_RECORD = 3000;

export interface BackupKeyRecord {
  keyId: string;
  recovery: WrappedKey;
}

export function appendKeyRecord(file: string, rec: BackupKeyRecord): void {
  const json = Buffer.from(JSON.stringify({ keyId: rec.keyId, recovery: rec.recovery }), 'utf8');
  if (json.length > MAX_RECORD) throw new Error('backup key record too large');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  fs.appendFileSync(file, Buffer.concat([json, len, MAGIC]));
}

/** The record and how many bytes it takes at the end of the file, or null when there is none. */
export function readKeyRecord(file: string): { record: BackupKeyRecord; bytes: number } | null {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < MAGIC.length + 4) return null;
    const tail = Buffer.alloc(MAGIC.length + 4);
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    if (!tail.subarray(4).equals(MAGIC)) return null;
    const n = tail.readUInt32BE(0);
    if (n > MAX_RECORD || n + tail.length > size) return null;
    const json = Buffer.alloc(n);
    fs.readSync(fd, json, 0, n, size - tail.length - n);
    const record = JSON.parse(json.toString('utf8')) as BackupKeyRecord;
    if (typeof record.keyId !== 'string' || !record.recovery) return null;
    return { record, bytes: n + tail.length };
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Cuts the record off a private copy (before it becomes a live database). */
export function stripKeyRecord(file: string): void {
  const r = readKeyRecord(file);
  if (r) fs.truncateSync(file, fs.statSync(file).size - r.bytes);
}
