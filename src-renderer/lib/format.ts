import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../src-shared/money';
import { useSession } from '../app/session';

export { formatRupiah };

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'id-ID');
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, make: () => Intl.DateTimeFormat) {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** A business date `YYYY-MM-DD` is a calendar date: shown as is, no time-zone shift. `24 Nov 2026`. */
export function formatDate(date: string | null | undefined, lng: string): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return fmt(
    `d:${lng}`,
    () => new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  ).format(d);
}

/** An instant (ISO timestamp, UTC) in the ISP's time zone. `24 Nov 2026 14.05`. */
export function formatDateTime(iso: string | null | undefined, lng: string, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt(
    `dt:${lng}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale(lng), {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
      }),
  ).format(d);
}

/** Clock time of an instant in the ISP's time zone, with seconds (live charts). `14.05.09`. */
export function formatTime(iso: string, lng: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt(
    `t:${lng}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale(lng), { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone }),
  ).format(d);
}

export function formatNumber(n: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng)).format(n);
}

/**
 * kbps as ISPs sell it, in decimal units like RouterOS rate limits (k = 1,000, M = 1,000,000):
 * 10000 → `10 Mbps`, 512 → `512 kbps`.
 */
export function formatBandwidth(kbps: number): string {
  if (kbps >= 1000) {
    const mbps = kbps / 1000;
    return `${Number.isInteger(mbps) ? mbps : mbps.toFixed(1).replace(/\.0$/, '')} Mbps`;
  }
  return `${kbps} kbps`;
}

/** Formatting bound to the current language and the ISP's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const tz = useSession((s) => s.info?.timeZone ?? 'Asia/Jakarta');
  const lng = i18n.language;
  return {
    rupiah: formatRupiah,
    date: (d: string | null | undefined) => formatDate(d, lng),
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, lng, tz),
    time: (iso: string) => formatTime(iso, lng, tz),
    number: (n: number) => formatNumber(n, lng),
    bandwidth: formatBandwidth,
  };
}
