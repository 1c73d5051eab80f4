/**
 * How a figure may grow per 10× data in a scale curve (issue 20): an interactive call (or a per-item rate, or an
 * in-run ratio) at most 2×, a batch job over all the data at most 11×; 'info' = set-up or information, no limit.
 */
export type GrowthKind = 'interactive' | 'batch' | 'info';

export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
  /** Without it the curve guesses from the name (tests/bench/curves.ts). */
  kind?: GrowthKind;
  /**
   * Which of the value's numbers the rounds are ranked by for the median (default 0, the first): a
   * "p50 / p99" row whose target is on the p99 is ranked by its p99.
   */
  medianBy?: number;
}

export interface BenchSuite {
  id: string;
  title: string;
  notes?: string;
  /** Suites that can seed any number of customers (`--scale`); without a scale they use their own size. */
  scalable?: boolean;
  /** The largest `--scale` the suite accepts, with why (disk, RAM, a fixed world); absent = any. */
  maxScale?: { customers: number; why: string };
  run(scale?: number): Promise<BenchRow[]>;
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

export function timeSync<T>(fn: () => T): { ms: number; value: T } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** The first number of each ` / `-separated part of a figure: "0.33 ms / 0.45 ms" → [0.33, 0.45]. */
export function figureNumbers(value: string): number[] {
  return value.split(' / ').flatMap((part) => {
    const m = /-?\d+(?:\.\d+)?/.exec(part.replace(/(\d),(\d{3})/g, '$1$2'));
    return m ? [Number(m[0])] : [];
  });
}

/** Encrypted ÷ plain per part ("1.10× / 1.25×"); empty when the figures are not comparable numbers. */
export function ratio(encrypted: string, plain: string): string {
  const e = figureNumbers(encrypted);
  const p = figureNumbers(plain);
  if (!e.length || e.length !== p.length || p.some((n) => n <= 0)) return '';
  return e.map((n, i) => `${(n / p[i]!).toFixed(2)}×`).join(' / ');
}

/**
 * Of one row's figures over the rounds, the one whose `by`-th number (default the first) is the median (the
 * whole text kept).
 */
export function medianFigure(values: string[], by = 0): string {
  const ranked = values
    .map((v) => ({ v, n: figureNumbers(v)[by] }))
    .filter((x): x is { v: string; n: number } => x.n !== undefined)
    .sort((a, b) => a.n - b.n);
  if (!ranked.length) return values[0] ?? '';
  return ranked[Math.floor((ranked.length - 1) / 2)]!.v;
}
