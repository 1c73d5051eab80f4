import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Passwords from '../../../src-main/core/passwords';

// Count password verifications: a login for an unknown user must do the same argon2 work as a real one.
const calls: string[] = [];
vi.mock('../../../src-main/core/passwords', async (importOriginal) => {
  const orig = await importOriginal<typeof Passwords>();
  return {
    ...orig,
    verifyPassword: (hash: string, plain: string) => {
      calls.push(hash.slice(0, 30));
      return orig.verifyPassword(hash, plain);
    },
  };
});

const { testApp } = await import('../../helpers/app');
type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
beforeEach(async () => {
  t = await testApp();
  await t.ok('users.create', { username: 'kasir1', fullName: 'K', role: 'staff', password: 'Nasi-Goreng-Pedas-3' });
  calls.length = 0;
});
afterEach(() => t.close());

describe('timing-safe sign-in path', () => {
  it('verifies an argon2id hash exactly once for unknown users and wrong passwords, none for a locked source', async () => {
    const attempt = async (username: string) => {
      calls.length = 0;
      await t.call('auth.login', { username, password: 'wrong-password' }, '');
      return [...calls];
    };
    const unknown = await attempt('nobody');
    const wrong = await attempt('kasir1');
    for (const c of [unknown, wrong]) {
      expect(c).toHaveLength(1);
      expect(c[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1/);
    }
    // Locked (real or unknown name alike): refused before any hashing, so a locked-out guesser cannot
    // make the server burn argon2 time, and the answer takes the same for both.
    for (let i = 0; i < 4; i++) await attempt('kasir1');
    for (let i = 0; i < 4; i++) await attempt('nobody');
    expect(await attempt('kasir1')).toEqual([]);
    expect(await attempt('nobody')).toEqual([]);
  });
});
