import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatRecoveryKey,
  generateRecoverySecret,
  parseRecoveryKey,
  unwrapKey,
  wrapKey,
} from '../../../src-main/core/crypto/recovery-key';

describe('recovery key', () => {
  it('is 8 groups of 6 digits, each divisible by 11, and reads back with or without separators', () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateRecoverySecret();
      const text = formatRecoveryKey(secret);
      expect(text).toMatch(/^(\d{6}-){7}\d{6}$/);
      for (const g of text.split('-')) expect(Number(g) % 11).toBe(0);
      expect(parseRecoveryKey(text).equals(secret)).toBe(true);
      expect(parseRecoveryKey(text.replace(/-/g, ' ')).equals(secret)).toBe(true);
      expect(parseRecoveryKey(text.replace(/-/g, '')).equals(secret)).toBe(true);
    }
  });

  it('names the group with a mistyped digit, and refuses a key of the wrong length', () => {
    const text = formatRecoveryKey(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
    const groups = text.split('-');
    // Changing one digit of a multiple of 11 never gives another multiple of 11.
    const d = Number(groups[2]![3]);
    groups[2] = groups[2]!.slice(0, 3) + String((d + 1) % 10) + groups[2]!.slice(4);
    expect(() => parseRecoveryKey(groups.join('-'))).toThrow('Group 3 of the recovery key is mistyped.');
    expect(() => parseRecoveryKey('123456-123456')).toThrow(/48 digits/);
    expect(() => parseRecoveryKey('abcdef')).toThrow(/48 digits/);
  });

  it('wraps the database key: only the right recovery key and key id unwrap it', () => {
    const dbKey = crypto.randomBytes(32);
    const secret = generateRecoverySecret();
    const w = wrapKey(dbKey, secret, 'key-a');
    expect(JSON.stringify(w)).not.toContain(dbKey.toString('base64'));
    expect(unwrapKey(w, secret, 'key-a')!.equals(dbKey)).toBe(true);
    expect(unwrapKey(w, generateRecoverySecret(), 'key-a')).toBeNull();
    expect(unwrapKey(w, secret, 'key-b')).toBeNull(); // bound to its installation
  });
});
