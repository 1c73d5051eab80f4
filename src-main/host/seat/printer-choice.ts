import fs from 'node:fs';
import path from 'node:path';
import type { SeatPrinterChoice } from '../../../src-shared/seat-api';

/**
 * The printers a seat chose for receipts and A4, kept on the seat PC itself (the office's page runs on
 * another origin, and another seat has other printers). Written atomically like seat.json.
 */
export const PRINTER_CHOICE_FILE = 'seat-printers.json';

export const NO_CHOICE: SeatPrinterChoice = Object.freeze({ receipt: null, a4: null, silent: true });

const name = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && v.length <= 200 ? v : null);

/** The stored choice; none (or an unreadable file, logged by the caller's next save) is "no printer chosen". */
export function loadPrinterChoice(dir: string): SeatPrinterChoice {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, PRINTER_CHOICE_FILE), 'utf8')) as Record<string, unknown>;
    return { receipt: name(raw.receipt), a4: name(raw.a4), silent: raw.silent !== false };
  } catch {
    return { ...NO_CHOICE };
  }
}

export function savePrinterChoice(dir: string, choice: SeatPrinterChoice): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, PRINTER_CHOICE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(choice, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
