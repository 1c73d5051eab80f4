import type { Cell } from './grid';

/**
 * A cell as text. Exports protect leading zeros and dates from Excel with a leading apostrophe
 * (KlikBCA: `'01/04`, `'0000`) or a formula wrapper (`="0123"`); both are taken off. Runs of white space
 * become one space.
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  let s = String(cell)
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  const formula = /^="(.*)"$/.exec(s);
  if (formula) s = formula[1]!.trim();
  return s.replace(/^'+/, '').trim();
}

/** Header labels compared loosely: lower case, punctuation and spaces dropped (`Val. Date` → `valdate`). */
export function headerKey(cell: Cell | undefined): string {
  return cellText(cell)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
