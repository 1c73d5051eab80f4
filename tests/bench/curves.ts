/** The scale-curve section of BENCHMARKS.md: each figure at each size and its growth per 10× data. */
import { figureNumbers, type GrowthKind } from './harness';
import { higherIsBetter, type ResultRecord } from './results-file';

const LIMITS: Record<GrowthKind, number | undefined> = { interactive: 2, batch: 11, info: undefined };

/**
 * A row's kind when the suite did not say: the bench's own set-up and in-run baselines are information; jobs over
 * all the data (issue 20: invoice run, automation, sync, drift, backups; also imports and exports) are batch;
 * the rest are interactive calls or per-item rates, which should stay flat.
 */
export function growthKind(name: string): GrowthKind {
  if (/\bseed\b|set-up|information only|baseline|naive|machine load|load average|\bRSS\b/i.test(name)) return 'info';
  if (/invoice run|automation|\bsync\b|drift|backup|restore|import|export/i.test(name)) return 'batch';
  return 'interactive';
}

/** Interactive calls may grow at most 2× per 10× data, batch jobs 11× (issue 20); information rows have no limit. */
export function growthLimit(name: string, kind?: GrowthKind): number | undefined {
  return LIMITS[kind ?? growthKind(name)];
}

/** The number a curve follows: of an "old → new" figure the new one (what the app uses), else the first. */
export function curveNumber(value: string): number | undefined {
  const arrow = value.indexOf('→');
  return figureNumbers(arrow < 0 ? value : value.slice(arrow + 1))[0];
}

/**
 * Growth per 10× data between two sizes of one row: (b ÷ a) ^ (1 / log10(size ratio)) of the figure the app
 * uses; of a throughput (req/s) the time per item, so that above 1 always means "costs more as data grows".
 */
export function curveGrowth(a: ResultRecord, b: ResultRecord): number | undefined {
  const x = curveNumber(a.value);
  const y = curveNumber(b.value);
  if (!a.scale || !b.scale || b.scale <= a.scale || x === undefined || y === undefined || x <= 0 || y <= 0)
    return undefined;
  const cost = higherIsBetter(b.value) ? x / y : y / x;
  return cost ** (1 / Math.log10(b.scale / a.scale));
}

const NUMBER = /(\d[\d,.]*)/;
const shape = (name: string) =>
  name
    .split(NUMBER)
    .map((part, i) => (i % 2 ? '#' : part))
    .join('');

/** Names that carry the size ("invoice run, 5,000 subscriptions") shown once: "invoice run, 5,000 / 50,000 subscriptions". */
export function mergedName(names: string[]): string {
  const first = names[0] ?? '';
  if (names.every((n) => n === first) || names.some((n) => shape(n) !== shape(first))) return first;
  const parts = names.map((n) => n.split(NUMBER));
  return parts[0]!.map((part, i) => (i % 2 ? [...new Set(parts.map((p) => p[i]))].join(' / ') : part)).join('');
}

/** Row i of the first size and its counterparts: same place and shape (sizes in the name may differ), or same name. */
function rowsAcross(perScale: ResultRecord[][], i: number): (ResultRecord | undefined)[] {
  const lead = perScale[0]![i]!;
  return perScale.map((rows) => {
    const same = rows[i];
    if (same && shape(same.name) === shape(lead.name)) return same;
    return rows.find((r) => r.name === lead.name);
  });
}

export function curveSection(title: string, perScale: ResultRecord[][]): string {
  const scales = perScale.map((rows) => rows[0]?.scale ?? 0);
  const lines = (perScale[0] ?? []).map((lead, i) => {
    const at = rowsAcross(perScale, i);
    const first = at[0];
    const last = at.at(-1);
    const kind = lead.kind ?? growthKind(lead.name);
    const limit = LIMITS[kind];
    const growth = first && last ? curveGrowth(first, last) : undefined;
    const shown =
      growth === undefined ? '' : `${growth.toFixed(2)}×${last?.value.includes('→') ? ' (of the new figure)' : ''}`;
    const verdict = growth === undefined || limit === undefined ? '' : growth <= limit ? 'yes' : '**no**';
    const limitText = limit === undefined ? 'none (set-up / information)' : `≤ ${limit}× (${kind})`;
    const name = mergedName(at.flatMap((r) => (r ? [r.name] : [])));
    return `| ${name} | ${at.map((r) => r?.value ?? '').join(' | ')} | ${shown} | ${limitText} | ${verdict} |`;
  });
  return [
    `## Scale curve: ${title}`,
    '',
    `| measurement | ${scales.map((s) => `${s.toLocaleString('en')} customers`).join(' | ')} | growth per 10× data | limit | met |`,
    `| --- | ${scales.map(() => '---').join(' | ')} | --- | --- | --- |`,
    ...lines,
    '',
    'Growth per 10× data = (figure at the largest size ÷ figure at the smallest) ^ (1 / log10 of the size ratio), on the encrypted run; of an "old → new" row the new figure (what the app uses; the old is shown for information), of a throughput the time per item. Interactive calls, per-item rates and in-run ratios may grow at most 2× per 10× data, batch jobs over all the data (invoice run, automation, sync, drift, backups, imports) 11×; the bench\'s own set-up (seeds) and baselines are shown for information, without a limit.',
    '',
  ].join('\n');
}
