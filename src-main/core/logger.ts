export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const SECRET_KEYS = /pass(word)?|token|secret|key/i;

/** Drops values whose key looks like a secret, so no log line can carry one. */
export function redact(data?: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!data) return data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : v]));
}

export function consoleLogger(quiet = false): Logger {
  const line = (level: string, msg: string, data?: Record<string, unknown>) => {
    if (quiet && level === 'info') return;
    const d = redact(data);
    console[level === 'error' ? 'error' : 'log'](`[${new Date().toISOString()}] ${level} ${msg}${d ? ' ' + JSON.stringify(d) : ''}`);
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
