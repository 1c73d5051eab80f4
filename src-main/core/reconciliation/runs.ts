import { done, mix, SEED, type HashBits } from './reach';

/** References shorter than this (after dropping separators) are not looked for: too easy to hit by chance. */
export const MIN_REF_LENGTH = 5;
const REF_PARTS = 4;

/**
 * The runs of 1–4 consecutive words joined (5 characters or more) that may be a reference, the ways one can
 * be written with or without separators (`INV 202611 00042`, `INV/202611/00042`, `INV20261100042`); runs
 * start and end on word boundaries, so `CUST00071` never yields `CUST0007`. A run stops growing once it is
 * as long as the longest reference of the open bills.
 */
export function forEachRun(ws: readonly string[], longestRef: number, f: (run: string) => void): void {
  const joined = ws.join('');
  forEachRunSpan(ws, longestRef, (from, to) => f(joined.slice(from, to)));
}

/** Where each run is in the words joined (`from` to `to`), without building it. */
export function forEachRunSpan(ws: readonly string[], longestRef: number, f: (from: number, to: number) => void): void {
  const at = [0];
  for (const w of ws) at.push(at.at(-1)! + w.length);
  for (let i = 0; i < ws.length; i++)
    for (let j = i; j < ws.length && j < i + REF_PARTS && at[j]! - at[i]! < longestRef; j++)
      if (at[j + 1]! - at[i]! >= MIN_REF_LENGTH) f(at[i]!, at[j + 1]!);
}

/** Adds `hashOf(run)` of every run `forEachRun` yields, each hashed as it grows (no run is built). */
export function addRunHashes(ws: readonly string[], longestRef: number, into: HashBits): void {
  for (let i = 0; i < ws.length; i++) {
    let h = SEED;
    let length = 0;
    for (let j = i; j < ws.length && j < i + REF_PARTS && length < longestRef; j++) {
      const w = ws[j]!;
      for (let c = 0; c < w.length; c++) h = mix(h, w.charCodeAt(c));
      length += w.length;
      if (length >= MIN_REF_LENGTH) into.add(done(h));
    }
  }
}
