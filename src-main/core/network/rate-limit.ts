/**
 * MikroTik `rate-limit` text ↔ package bandwidth in kbps. The first pair is `rx/tx` from the router's
 * point of view = customer upload/download. RouterOS units: k = 1,000, M = 1,000,000, G = 10^9 bits/s.
 */
export function formatRate(kbps: number): string {
  if (kbps % 1_000_000 === 0) return `${kbps / 1_000_000}G`;
  if (kbps % 1000 === 0) return `${kbps / 1000}M`;
  return `${kbps}k`;
}

export const rateLimitFor = (upKbps: number, downKbps: number) => `${formatRate(upKbps)}/${formatRate(downKbps)}`;

/** `10M` → 10000 kbps, `512k` → 512, `1500000` (bits/s) → 1500; null when unreadable. */
export function parseRate(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const kbps = unit === 'g' ? n * 1_000_000 : unit === 'm' ? n * 1000 : unit === 'k' ? n : n / 1000;
  const r = Math.round(kbps);
  return r > 0 ? r : null;
}

export interface ParsedRateLimit {
  upKbps: number;
  downKbps: number;
  /** Burst and priority fields after the first pair, kept verbatim for the preview. */
  extra: string | null;
}

/**
 * Parses `rx/tx [burst-rx/burst-tx [threshold...] [time...] [priority] [min...]]`; only the first pair
 * decides the package speed. A single value (`5M`) limits both directions.
 */
export function parseRateLimit(text: string | undefined | null): ParsedRateLimit | null {
  if (!text || !text.trim()) return null;
  const [first, ...rest] = text.trim().split(/\s+/);
  const [rx, tx] = first!.split('/');
  const up = parseRate(rx ?? '');
  const down = parseRate(tx ?? rx ?? '');
  if (up === null || down === null) return null;
  return { upKbps: up, downKbps: down, extra: rest.length ? rest.join(' ') : null };
}
