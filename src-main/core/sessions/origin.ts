/**
 * Where a staff session comes from, as the users screen shows it: the kind of seat and a short device
 * label made from the User-Agent ("Chrome · Android"). Pure: no I/O, so it is tested by itself.
 */
export type SeatKind = 'this_pc' | 'office' | 'phone' | 'api';

export interface SessionOrigin {
  source: string | null;
  userAgent: string | null;
  /** null when the User-Agent says nothing usable (the screen shows "unknown device"). */
  device: string | null;
  seat: SeatKind;
}

const LOOPBACK = /^(127\.|::1$|localhost$)/;
const MAX_UA = 300;

/** First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari", the desktop app says "Electron". */
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/PPPoEDesk|Electron\//, 'PPPoE Desk'],
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

const PHONE = /Mobile|Android|iPhone|iPad|Tablet/;

/** "Chrome · Android", "Firefox · Windows", "curl", or null for nothing usable. */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  const ua = userAgent?.trim() ?? '';
  if (!ua) return null;
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} · ${system}`;
  if (browser ?? system) return (browser ?? system)!;
  // A program of another system (an integration): its own product token, short.
  return ua.split(/[\s/;(]/)[0]!.slice(0, 40) || null;
}

/**
 * The kind of seat: the desktop window or a browser on this PC (loopback); a phone or tablet; a
 * browser on another computer of the office network; anything that is not a browser is a program
 * using the API.
 */
export function seatKind(transport: string, source: string | null, userAgent: string | null): SeatKind {
  if (transport === 'ipc' || transport === 'internal') return 'this_pc';
  const ua = userAgent ?? '';
  if (!source || LOOPBACK.test(source)) return /Mozilla\//.test(ua) || !ua ? 'this_pc' : 'api';
  if (!/Mozilla\//.test(ua)) return 'api';
  return PHONE.test(ua) ? 'phone' : 'office';
}

export function sessionOrigin(
  transport: string,
  source: string | null,
  userAgent: string | null | undefined,
): SessionOrigin {
  const ua = userAgent ? userAgent.slice(0, MAX_UA) : null;
  return {
    source,
    userAgent: ua,
    device: transport === 'ipc' ? 'PPPoE Desk' : deviceLabel(ua),
    seat: seatKind(transport, source, ua),
  };
}
