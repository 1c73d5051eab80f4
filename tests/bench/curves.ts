/** The scale-curve section of BENCHMARKS.md: each figure at each size and its growth per 10× data. */
import { growthPer10x, type ResultRecord } from './results-file';

/** Interactive calls may grow at most 2× per 10× data, batch jobs 11× (issue 20); rows say which they are. */
export function growthLimit(name: string): number {
  return /run|automation|sync|drift|backup|seed|import|restore|export/i.test(name) ? 11 : 2;
}

export function curveSection(title: string, perScale: ResultRecord[][]): string {
  const scales = perScale.map((rows) => rows[0]?.scale ?? 0);
  const names = perScale[0]?.map((r) => r.name) ?? [];
  const lines = names.map((name) => {
    const at = perScale.map((rows) => rows.find((r) => r.name === name));
    const first = at[0];
    const last = at.at(-1);
    const growth = first && last ? growthPer10x(first, last) : undefined;
    const limit = growthLimit(name);
    const verdict = growth === undefined ? '' : growth <= limit ? 'yes' : '**no**';
    return `| ${name} | ${at.map((r) => r?.value ?? '').join(' | ')} | ${growth === undefined ? '' : `${growth.toFixed(2)}×`} | ≤ ${limit}× | ${verdict} |`;
  });
  return [
    `## Scale curve: ${title}`,
    '',
    `| measurement | ${scales.map((s) => `${s.toLocaleString('en')} customers`).join(' | ')} | growth per 10× data | limit | met |`,
    `| --- | ${scales.map(() => '---').join(' | ')} | --- | --- | --- |`,
    ...lines,
    '',
    'Growth per 10× data = (figure at the largest size ÷ figure at the smallest) ^ (1 / log10 of the size ratio), on the encrypted run. Interactive calls may grow at most 2× per 10× data, batch jobs (runs, sync, backups) 11×.',
    '',
  ].join('\n');
}
