/**
 * The machine-readable side of `npm run bench`: every figure of a run as JSON (`--json FILE`, default
 * bench-results.json), and `--compare FILE` to print what got worse against an earlier run's file.
 */
import { figureNumbers, type GrowthKind } from './harness';

export interface ResultRecord {
  suite: string;
  /** Customers the suite was seeded with when run at a chosen scale (`--scale`); absent at its own size. */
  scale?: number;
  /** 'plain' or the page cipher. */
  mode: string;
  name: string;
  /** The figure as printed ("3.10 ms / 7.20 ms"). */
  value: string;
  /** Its numbers, in order (the first is the one compared). */
  numbers: number[];
  target?: string;
  pass?: boolean;
  kind?: GrowthKind;
}

export interface ResultsFile {
  version: 1;
  date: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; loadAtStart: number[] };
  results: ResultRecord[];
}

export interface Comparison {
  regressions: string[];
  improvements: string[];
  /** Rows of the old file with no row of the same suite, scale, mode and name in the new one. */
  missing: string[];
}

/** Throughputs ("612 req/s", "1,200 rows/s") are better higher; times, sizes and ratios lower. */
export function higherIsBetter(value: string): boolean {
  return /\/\s?s\b|per second|req\/s|ops\/s/i.test(value);
}

export const recordKey = (r: Pick<ResultRecord, 'suite' | 'scale' | 'mode' | 'name'>) =>
  `${r.suite}${r.scale ? `@${r.scale}` : ''} [${r.mode}] ${r.name}`;

export function toRecord(
  suite: string,
  mode: string,
  row: { name: string; value: string; target?: string; pass?: boolean; kind?: GrowthKind },
  scale?: number,
): ResultRecord {
  return {
    suite,
    ...(scale ? { scale } : {}),
    mode,
    name: row.name,
    value: row.value,
    numbers: figureNumbers(row.value),
    ...(row.target !== undefined ? { target: row.target } : {}),
    ...(row.pass !== undefined ? { pass: row.pass } : {}),
    ...(row.kind ? { kind: row.kind } : {}),
  };
}

/** Reads a results file, refusing anything that is not one (a wrong path must not compare as "no change"). */
export function parseResultsFile(text: string, source: string): ResultsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON`);
  }
  const file = data as Partial<ResultsFile> | null;
  if (!file || file.version !== 1 || !Array.isArray(file.results)) {
    throw new Error(`${source} is not a results file of npm run bench (version 1)`);
  }
  return file as ResultsFile;
}

/**
 * Row by row against an earlier run: a regression is a first number worse by more than `tolerance`
 * (0.10 = 10 %, the noise of a shared machine) or a target that was met and is not any more.
 */
export function compareResults(old: ResultsFile, now: ResultsFile, tolerance = 0.1): Comparison {
  const current = new Map(now.results.map((r) => [recordKey(r), r]));
  const out: Comparison = { regressions: [], improvements: [], missing: [] };
  for (const before of old.results) {
    const key = recordKey(before);
    const after = current.get(key);
    if (!after) {
      out.missing.push(key);
      continue;
    }
    if (before.pass === true && after.pass === false) {
      out.regressions.push(`${key}: target ${after.target ?? ''} no longer met (${before.value} → ${after.value})`);
      continue;
    }
    const a = before.numbers[0];
    const b = after.numbers[0];
    if (a === undefined || b === undefined || a <= 0) continue;
    const change = higherIsBetter(after.value) ? a / b - 1 : b / a - 1;
    const line = `${key}: ${before.value} → ${after.value} (${change > 0 ? '+' : ''}${(change * 100).toFixed(0)} % ${change > 0 ? 'worse' : 'better'})`;
    if (change > tolerance) out.regressions.push(line);
    else if (change < -tolerance) out.improvements.push(line);
  }
  return out;
}

/** Growth per 10× data between two scales of the same row: (b/a)^(1/log10(scaleB/scaleA)). */
export function growthPer10x(a: ResultRecord, b: ResultRecord): number | undefined {
  const x = a.numbers[0];
  const y = b.numbers[0];
  if (!a.scale || !b.scale || b.scale <= a.scale || x === undefined || y === undefined || x <= 0) return undefined;
  return (y / x) ** (1 / Math.log10(b.scale / a.scale));
}
