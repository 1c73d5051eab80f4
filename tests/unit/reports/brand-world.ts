import type { Sqlite } from '../../../src-main/db/open';

/** Brands 2 and 3 beside the default brand 1, and one package 'P' (id 1): the world of the growth tests. */
export function threeBrandsOnePackage(db: Sqlite): void {
  db.prepare("INSERT INTO brands(id, name, invoice_prefix) VALUES (2, 'Beta', 'BETA'), (3, 'Gamma', 'GAMMA')").run();
  db.prepare(
    `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
     VALUES ('P', 1024, 2048, 100000, 'monthly', 30, 'p')`,
  ).run();
}
