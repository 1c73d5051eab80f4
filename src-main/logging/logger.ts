import { maskPersonalText, maskPersonalValue, PERSONAL_KEYS } from './mask';

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const SECRET_KEYS = /pass(word|wd)?|pwd|token|secret|key|cookie|authorization|credential/i;
/** Secrets that hide inside free text: "Bearer abc", "password=abc", "token: abc", http://user:pass@host. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  [
    /\b((?:pass(?:word|wd)?|pwd|token|secret|api[-_]?key)\s*["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s",;&]+)/gi,
    '$1[redacted]',
  ],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
];
const MAX_DEPTH = 6;

/** Scrubs secrets and masks phone/ID numbers in one string (log messages, error texts, whole log lines in diagnostics). */
export function redactText(text: string): string {
  let out = text;
  for (const [re, sub] of SECRET_TEXT) out = out.replace(re, sub);
  return maskPersonalText(out);
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
    };
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value) || depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k)
        ? '[redacted]'
        : PERSONAL_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number')
          ? maskPersonalValue(v)
          : redactValue(v, depth + 1, seen),
    ]),
  );
}

/**
 * Drops values whose key looks like a secret (at any depth), masks phone and ID numbers by key and by
 * pattern (mask.ts), and scrubs secret-looking text, so no log line can carry a password, a token, a full
 * phone number or a NIK.
 */
export function redact(data?: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!data) return data;
  return redactValue(data, 0, new WeakSet()) as Record<string, unknown>;
}

export function consoleLogger(quiet = false): Logger {
  const line = (level: string, msg: string, data?: Record<string, unknown>) => {
    if (quiet && level === 'info') return;
    const d = redact(data);
    console[level === 'error' ? 'error' : 'log'](
      `[${new Date().toISOString()}] ${level} ${redactText(msg)}${d ? ' ' + JSON.stringify(d) : ''}`,
    );
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}

/** Sends every line to several loggers (e.g. the rotating file and the console). */
export function teeLogger(...loggers: Logger[]): Logger {
  return {
    info: (m, d) => loggers.forEach((l) => l.info(m, d)),
    warn: (m, d) => loggers.forEach((l) => l.warn(m, d)),
    error: (m, d) => loggers.forEach((l) => l.error(m, d)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
