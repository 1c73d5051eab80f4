/** What the network services read of customers: who an account belongs to, found by id or by code. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export const customerExists = (db: Sqlite, id: number): boolean =>
  prepared<[number], { 1: number }>(db, 'SELECT 1 FROM customers WHERE id = ?').get(id) !== undefined;

export const customerStanding = (db: Sqlite, id: number) =>
  prepared<[number], { code: string; name: string; status: string }>(
    db,
    'SELECT customer_code AS code, name, status FROM customers WHERE id = ?',
  ).get(id);

export const customerByCode = (db: Sqlite, code: string) =>
  prepared<[string], { id: number; name: string; code: string }>(
    db,
    'SELECT id, name, customer_code AS code FROM customers WHERE customer_code = ?',
  ).get(code);
