/**
 * mulberry32: a small seeded PRNG (numbers in [0, 1)), so a randomised test — kill points, a worker's
 * order of actions, jitter — is repeatable and a failing run is replayed with its seed.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
