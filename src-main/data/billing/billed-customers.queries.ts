/** The customer fields billing reads: existence checks and the blocks printed on receipts and invoices. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export function customerExists(db: Sqlite, id: number): boolean {
  return !!prepared<[number], { one: number }>(db, 'SELECT 1 AS one FROM customers WHERE id = ?').get(id);
}

export function customerStatus(db: Sqlite, id: number): string | null {
  return (
    prepared<[number], { status: string }>(db, 'SELECT status FROM customers WHERE id = ?').get(id)?.status ?? null
  );
}

export interface ReceiptCustomer {
  id: number;
  customerCode: string;
  name: string;
  address: string | null;
  phone: string | null;
}

export function receiptCustomer(db: Sqlite, id: number): ReceiptCustomer | undefined {
  return prepared<[number], ReceiptCustomer>(
    db,
    'SELECT id, customer_code AS customerCode, name, address, phone FROM customers WHERE id = ?',
  ).get(id);
}

export type DocumentCustomer = ReceiptCustomer & { email: string | null; deposit: number };

export function documentCustomer(db: Sqlite, id: number): DocumentCustomer | undefined {
  return prepared<[number], DocumentCustomer>(
    db,
    `SELECT id, customer_code AS customerCode, name, address, phone, email, deposit FROM customers WHERE id = ?`,
  ).get(id);
}
