import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from '../../../src-renderer/lib/format';

// Instants are shown in the ISP's zone whatever the PC's zone is; business dates are never shifted.
describe('renderer formatting', () => {
  const iso = '2026-11-24T17:05:09.000Z';

  it('shows an instant in the ISP zone (WIB, WITA, WIT)', () => {
    expect(formatTime(iso, 'id', 'Asia/Jakarta')).toBe('00.05.09');
    expect(formatTime(iso, 'id', 'Asia/Makassar')).toBe('01.05.09');
    expect(formatTime(iso, 'en', 'Asia/Jayapura')).toBe('02:05:09');
    expect(formatDateTime(iso, 'id', 'Asia/Jakarta')).toMatch(/^25 Nov 2026/);
    expect(formatDateTime(iso, 'en', 'UTC')).toMatch(/^24 Nov 2026/);
  });

  it('leaves a business date on its calendar day', () => {
    expect(formatDate('2026-11-24', 'id')).toBe('24 Nov 2026');
    expect(formatDate(null, 'id')).toBe('—');
  });

  it('returns unreadable input as it came', () => {
    expect(formatTime('not a date', 'id', 'Asia/Jakarta')).toBe('not a date');
  });
});
