import type { Grid } from '../grid';
import type { BankFormat } from '../types';
import { resolveBca } from './bca';
import { resolveBni } from './bni';
import { resolveBri } from './bri';
import type { ResolvedLayout } from './header';
import { resolveMandiri } from './mandiri';

export type { ResolvedLayout } from './header';

const RESOLVERS: Record<Exclude<BankFormat, 'generic'>, (grid: Grid) => ResolvedLayout | undefined> = {
  bca: resolveBca,
  mandiri: resolveMandiri,
  bri: resolveBri,
  bni: resolveBni,
};

/** The built-in layout for `format`, resolved against this file; undefined when its header is not there. */
export function resolveLayout(grid: Grid, format: Exclude<BankFormat, 'generic'>): ResolvedLayout | undefined {
  return RESOLVERS[format](grid);
}

/** The first built-in layout whose header the file has (their headers share no full set of names). */
export function detectLayout(grid: Grid): ResolvedLayout | undefined {
  for (const resolve of Object.values(RESOLVERS)) {
    const layout = resolve(grid);
    if (layout) return layout;
  }
  return undefined;
}
