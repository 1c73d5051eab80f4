import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fingerprintOf } from '../http/tls-identity';
import type { SeatConfig } from './pairing-client';

/**
 * The seat configuration ("Hubungkan ke PC kantor") in the app's own folder: when present, the desktop app
 * starts as a seat of that office instead of opening a local database. Written atomically (temp file,
 * fsync, rename), so a power cut leaves the old or the new file, never half of one.
 */
export const SEAT_FILE = 'seat.json';

const schema = z.object({
  url: z.string().regex(/^https:\/\/[^/]+$/),
  certPem: z.string().includes('BEGIN CERTIFICATE'),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  officeName: z.string(),
  pairedAt: z.string(),
});

/** The stored seat configuration, or null (no file: local mode). A damaged file is an error, never local mode by surprise. */
export function loadSeatConfig(dir: string): SeatConfig | null {
  const file = path.join(dir, SEAT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is damaged: pair this PC with the office again`);
  // The stored fingerprint must be the stored certificate's: an edited file is refused, not half-trusted.
  if (fingerprintOf(parsed.data.certPem) !== parsed.data.fingerprint) {
    throw new Error(`${file} is damaged: pair this PC with the office again`);
  }
  return parsed.data;
}

/** The seat file's answer at start: the pairing, 'damaged' (offer only "forget"), or null (local mode). */
export type SeatConfigOrDamaged = SeatConfig | 'damaged';

/** For the desktop's start: a damaged seat file is logged and shown as such, never a crash or local mode. */
export function readSeatFile(dir: string, log: { error(msg: string, data?: Record<string, unknown>): void }) {
  try {
    return loadSeatConfig(dir) as SeatConfigOrDamaged | null;
  } catch (err) {
    log.error('seat file cannot be read', { error: String(err) });
    return 'damaged' as const;
  }
}

export function saveSeatConfig(dir: string, config: SeatConfig): void {
  const data = schema.parse(config);
  if (fingerprintOf(data.certPem) !== data.fingerprint) throw new Error('The fingerprint is not the certificate’s');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SEAT_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(data, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** "Lupakan PC kantor": back to local mode at the next start. */
export function forgetSeatConfig(dir: string): void {
  fs.rmSync(path.join(dir, SEAT_FILE), { force: true });
}
