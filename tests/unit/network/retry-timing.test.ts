import { describe, expect, it } from 'vitest';
import { RETRY_ENV, retryTiming } from '../../../src-main/core/network/retry-timing';

describe('retryTiming (automatic router retries)', () => {
  it('keeps the documented defaults when the variable is absent or empty', () => {
    for (const env of [{}, { [RETRY_ENV]: '' }])
      expect(retryTiming(env)).toEqual({
        engineBaseMs: 2000,
        engineMaxMs: 30_000,
        poolInitialMs: 1000,
        poolMaxMs: 30_000,
        pollMs: 60_000,
      });
  });

  it('replaces every automatic delay with the one given', () => {
    const t = retryTiming({ [RETRY_ENV]: '3600000' });
    expect(new Set(Object.values(t))).toEqual(new Set([3_600_000]));
  });

  it.each(['999', '1e4', '5000.5', '-5000', ' 5000', '86400001', 'satu jam'])(
    'refuses %j instead of guessing',
    (raw) => {
      expect(() => retryTiming({ [RETRY_ENV]: raw })).toThrow(RETRY_ENV);
    },
  );
});
