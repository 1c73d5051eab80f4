import { NAME_NOISE, refKey } from './tokens';

/**
 * Cheap tests of whether a statement can reach a bill, made before the bill's reference keys or name words
 * are built (issue 20): at 50,000 open bills building them for every bill was most of the match, since a
 * statement names every package price. Each test hashes the characters the key or word would hold, in the
 * order it would hold them. A hash found may be a collision (the matcher then builds the real key or words
 * and looks them up as before); a hash not found never is, so no bill a line could find is passed over.
 */

export const SEED = 0x811c9dc5 | 0;
/** FNV-1a, one UTF-16 unit at a time. */
export const mix = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
/** 30 bits: a small integer to V8, so a set of them holds no boxed numbers. */
export const done = (h: number) => h & 0x3fffffff;

export function hashOf(s: string): number {
  let h = SEED;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return done(h);
}

/**
 * A set of hashes as one bit each (a one-hash Bloom filter): `has` may answer true for a hash never added
 * (about 1 in 32 at the size chosen), never false for one added. Sized from the expected count, so adding
 * and testing cost no allocation, unlike a Set of 135,000 numbers.
 */
export class HashBits {
  private readonly bits: Int32Array;
  private readonly shift: number;
  constructor(expected: number) {
    // 1 KiB to 16 MiB: past 4 million hashes more of them answer true, never fewer.
    const log2 = Math.min(27, Math.max(13, Math.ceil(Math.log2(Math.max(1, expected) * 32))));
    this.bits = new Int32Array(2 ** (log2 - 5));
    this.shift = 32 - log2;
  }
  add(h: number): void {
    const i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    this.bits[i >>> 5]! |= 1 << (i & 31);
  }
  has(h: number): boolean {
    const i = Math.imul(h, 0x9e3779b1) >>> this.shift;
    return (this.bits[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
}

/** `hashOf(refKey(text))` and `refKey(text).length`, written to `out[at]` and `out[at + 1]`. */
export function refKeyHash(text: string, out: Int32Array, at: number): void {
  let h = SEED;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) {
      const key = refKey(text); // NFKD and Unicode upper case: the key itself
      out[at] = hashOf(key);
      out[at + 1] = key.length;
      return;
    }
    if (c >= 97 && c <= 122) c -= 32;
    else if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) continue;
    h = mix(h, c);
    n++;
  }
  out[at] = done(h);
  out[at + 1] = n;
}

/** The hashes of the words a customer's name word could equal (letters only, three or more). */
export function addNameWordHashes(ws: readonly string[], into: Set<number>): void {
  for (const w of ws) {
    const c = w.charCodeAt(0);
    if (w.length >= 3 && c >= 65 && c <= 90) into.add(hashOf(w));
  }
}

const NOISE_HASHES = new Set([...NAME_NOISE].map(hashOf));
let scratch = new Int32Array(8); // the name's distinct word hashes, reused (names are checked one at a time)
const grown = (a: Int32Array) => {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
};

/**
 * False only when no description whose words' hashes are all in `descHashes` (addNameWordHashes) can hold
 * this name as `nameFound` counts it: found ≥ 1, 2 × found ≥ words and found ≥ min(2, words). Counted from the
 * name's letter runs (its words but for honorifics and repeats) without building its words: runs whose hash
 * is in the set bound the words found from above, their distinct hashes bound the name's words from below.
 * A name with other than ASCII characters answers true (its words are built by Unicode rules).
 */
export function nameMayBeFound(name: string, descHashes: ReadonlySet<number>): boolean {
  let found = 0;
  let words = 0; // distinct hashes in scratch
  let h = SEED;
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    let c = i < name.length ? name.charCodeAt(i) : 0;
    if (c >= 128) return true;
    if (c >= 97 && c <= 122) c -= 32;
    if (c >= 65 && c <= 90) {
      h = mix(h, c);
      continue;
    }
    if (i - start >= 3) {
      h = done(h);
      // An honorific is no name word (a word whose hash is an honorific's is rare: it is compared).
      if (!NOISE_HASHES.has(h) || !NAME_NOISE.has(name.slice(start, i).toUpperCase())) {
        if (descHashes.has(h)) found++;
        let seen = 0;
        while (seen < words && scratch[seen] !== h) seen++;
        if (seen === words) {
          if (words === scratch.length) scratch = grown(scratch);
          scratch[words++] = h;
        }
      }
    }
    h = SEED;
    start = i + 1;
  }
  return found >= 1 && 2 * found >= words && (found >= 2 || words < 2);
}
