import { describe, expect, it } from 'vitest';
import { generatePassword, uniqueUsername, usernameBase } from '../../../src-main/core/network/credentials';
import { formatRate, parseRateLimit, rateLimitFor } from '../../../src-main/core/network/rate-limit';

describe('generated credentials', () => {
  it('passwords are 10+ characters without look-alikes and mix letters and digits', () => {
    for (let i = 0; i < 500; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(10);
      expect(p).not.toMatch(/[0O1lI]/);
      expect(p).toMatch(/[a-zA-Z]/);
      expect(p).toMatch(/[2-9]/);
    }
    expect(new Set(Array.from({ length: 200 }, () => generatePassword())).size).toBe(200);
  });

  it('usernames come from the name, readable and unique', () => {
    expect(usernameBase('Budi Santoso')).toBe('budi.santoso');
    expect(usernameBase('  I Gede Ngurah Rai ')).toBe('i.gede');
    expect(usernameBase('Siti Nurhaliza (Bu RT)')).toBe('siti.nurhaliza');
    expect(usernameBase('José Núñez')).toBe('jose.nunez');
    const taken = new Set(['budi.santoso', 'budi.santoso2']);
    expect(uniqueUsername('Budi Santoso', 'CUST0001', (u) => taken.has(u))).toBe('budi.santoso3');
    expect(uniqueUsername('***', 'CUST0007', () => false)).toBe('cust0007');
  });
});

describe('rate-limit', () => {
  it('formats kbps as RouterOS rx/tx (upload/download)', () => {
    expect(rateLimitFor(2000, 10000)).toBe('2M/10M');
    expect(rateLimitFor(512, 1536)).toBe('512k/1536k');
    expect(formatRate(1_000_000)).toBe('1G');
  });
  it('parses rate-limits with units, burst fields and single values', () => {
    expect(parseRateLimit('2M/10M')).toEqual({ upKbps: 2000, downKbps: 10000, extra: null });
    expect(parseRateLimit('512k/1M')).toEqual({ upKbps: 512, downKbps: 1000, extra: null });
    expect(parseRateLimit('5M/10M 10M/20M 4M/8M 16/16 8 1M/2M')).toEqual({
      upKbps: 5000,
      downKbps: 10000,
      extra: '10M/20M 4M/8M 16/16 8 1M/2M',
    });
    expect(parseRateLimit('3M')).toEqual({ upKbps: 3000, downKbps: 3000, extra: null });
    expect(parseRateLimit('256000/1024000')).toEqual({ upKbps: 256, downKbps: 1024, extra: null });
    expect(parseRateLimit('')).toBeNull();
    expect(parseRateLimit('fast/slow')).toBeNull();
  });
});
