import fs from 'node:fs';
import path from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { redact, redactText, type Logger } from './logger';

export const LOG_FILE = 'pppoe-desk.log';
export const logsDir = (dataDir: string) => path.join(dataDir, 'logs');

export interface FileLoggerOptions {
  /** Folder for the log files, normally logsDir(dataDir). */
  dir: string;
  /** Rotate when the current file reaches this size (rotating-file-stream syntax, e.g. '5M'). */
  size?: string;
  /** Rotated files kept besides the current one. */
  keep?: number;
  now?: () => Date;
}

export interface FileLogger extends Logger {
  readonly dir: string;
  /** Flushes and closes the file; later lines are dropped. */
  close(): Promise<void>;
  /** The underlying stream (tests wait on its 'rotated' event). */
  readonly stream: RotatingFileStream;
}

/** Rotated names: pppoe-desk.log (current), pppoe-desk.1.log, pppoe-desk.2.log ... (oldest dropped). */
// In rotating-file-stream's classical (`rotate`) mode the generator gets null for the current file and
// the rotation number (1 = newest) otherwise.
function rotatedName(n: number | Date | null) {
  if (typeof n !== 'number' || n < 1) return LOG_FILE;
  return LOG_FILE.replace(/\.log$/, `.${n}.log`);
}

/**
 * JSON-lines log files in <dataDir>/logs, rotated by size, at most `keep` + 1 files (5 MB × 6 by
 * default: enough history to diagnose a week at a busy desk, small enough to e-mail in a diagnostics
 * zip). rotating-file-stream is used rather than pino: it does the one thing needed (size-based rotation
 * with a bounded history, no worker threads or transports to bundle for Electron).
 * Every line goes through redact(): secrets never reach the disk. Write errors (disk full, folder
 * removed) are swallowed after one console warning: logging must never take the app down.
 */
export function createFileLogger(opts: FileLoggerOptions): FileLogger {
  fs.mkdirSync(opts.dir, { recursive: true });
  const now = opts.now ?? (() => new Date());
  const stream = createStream(rotatedName, {
    path: opts.dir,
    size: (opts.size ?? '5M') as `${number}M`,
    rotate: opts.keep ?? 5,
  });
  let broken = false;
  stream.on('error', (err) => {
    if (!broken) console.warn(`PPPoE Desk: cannot write log files in ${opts.dir}: ${String(err)}`);
    broken = true;
  });
  let closed = false;
  const write = (level: string, msg: string, data?: Record<string, unknown>) => {
    if (closed || broken) return;
    const entry = { time: now().toISOString(), level, msg: redactText(msg), ...redact(data) };
    stream.write(JSON.stringify(entry) + '\n');
  };
  return {
    dir: opts.dir,
    stream,
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        stream.once('finish', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      });
    },
  };
}
