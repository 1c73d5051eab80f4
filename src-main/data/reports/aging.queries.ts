import type { AgingReport } from '../../../src-shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';
import { BRAND_FILTER, type BrandFilter } from './brand-filter';

const CUSTOMERS_PER_BUCKET = 500;

/** Bucket index 0…4 = current, 1-30, 31-60, 61-90, 90+ (the order of AGING_BUCKETS). */
export interface AgingBounds {
  asOf: string;
  /** The first due date of the 1-30, 31-60 and 61-90 buckets: asOf − 30, − 60, − 90 days. */
  d30: string;
  d60: string;
  d90: string;
}

export type AgingRow = AgingReport['buckets'][number]['customers'][number] & {
  bucket: number;
  customersTotal: number;
  bucketInvoices: number;
  bucketAmount: number;
};

/*
 * Raw SQL on this hot path: one pass of the partial covering index of open invoices (invoices_open_idx)
 * for all five buckets, grouped per bucket and customer, with each bucket's totals and its 500 largest
 * debtors from window functions. The earlier form read the index twice per bucket (ten passes) and was
 * the report's whole cost; on the encrypted database every extra pass of a cold page is a decryption.
 */
const AGING = `
  WITH g AS (
    SELECT CASE WHEN due_date >= @asOf THEN 0 WHEN due_date >= @d30 THEN 1 WHEN due_date >= @d60 THEN 2
                WHEN due_date >= @d90 THEN 3 ELSE 4 END AS bucket,
           customer_id AS customerId, sum(amount - paid_amount) AS amount, count(*) AS invoices, min(due_date) AS oldestDueDate
    FROM invoices INDEXED BY invoices_open_idx
    WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount AND invoice_date <= @asOf
      AND due_date BETWEEN '0000-01-01' AND '9999-12-31'
      ${BRAND_FILTER('customer_id')}
    GROUP BY bucket, customer_id),
  r AS (
    SELECT g.*, row_number() OVER (PARTITION BY bucket ORDER BY amount DESC, customerId) AS rank,
           count(*) OVER b AS customersTotal, sum(invoices) OVER b AS bucketInvoices, sum(amount) OVER b AS bucketAmount
    FROM g WINDOW b AS (PARTITION BY bucket))
  SELECT r.bucket, r.customerId, c.customer_code AS customerCode, c.name, c.phone, r.amount, r.invoices, r.oldestDueDate,
         r.customersTotal, r.bucketInvoices, r.bucketAmount
  FROM r JOIN customers c ON c.id = r.customerId
  WHERE r.rank <= ${CUSTOMERS_PER_BUCKET}
  ORDER BY r.bucket, r.amount DESC, r.customerId`;

/**
 * Open invoices issued by `asOf`, per age bucket: each bucket's totals on its rows, and its largest
 * debtors first (at most 500 per bucket). A bucket with no open invoice has no row.
 */
export function agingRows(db: Sqlite, bounds: AgingBounds, brands: BrandFilter): AgingRow[] {
  return prepared<AgingBounds & { brands: string | null }, AgingRow>(db, AGING).all({ ...bounds, brands });
}
