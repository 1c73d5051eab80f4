/**
 * The brands a report reads (issue 18): null = every brand, else a JSON array of brand ids bound as
 * `@brands`. Invoices and payments carry no brand: they belong to their customer's brand.
 */
export type BrandFilter = string | null;

/** An `AND …` condition keeping rows whose customer (column `customerColumn`) is in `@brands`. */
export const BRAND_FILTER = (customerColumn: string) =>
  `AND (@brands IS NULL OR ${customerColumn} IN (SELECT id FROM customers WHERE brand_id IN (SELECT value FROM json_each(@brands))))`;

/**
 * The same condition as BRAND_FILTER with the customer's brand looked up per row: for reads that visit few
 * rows, where building the list of every customer of the brand first would cost more than the read.
 */
export const BRAND_OF = (customerColumn: string) =>
  `AND (@brands IS NULL OR (SELECT bc.brand_id FROM customers bc WHERE bc.id = ${customerColumn}) IN (SELECT value FROM json_each(@brands)))`;

/** An `AND …` condition on a row that names its brand itself (column `brandColumn`, e.g. the aggregates). */
export const BRAND_COLUMN = (brandColumn: string) =>
  `AND (@brands IS NULL OR ${brandColumn} IN (SELECT value FROM json_each(@brands)))`;

/** The filter for a list of brand ids (null = no filter). */
export const brandFilter = (ids: readonly number[] | null): BrandFilter => (ids ? JSON.stringify(ids) : null);
