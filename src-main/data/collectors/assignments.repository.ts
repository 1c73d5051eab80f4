/**
 * Collector assignments (area / router / customer) and the one predicate that decides whether a customer
 * is assigned to a collector: every collector read and write goes through `ASSIGNED`.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/**
 * SQL condition (customer alias `c`, parameter `@collectorId`): the customer is assigned to the collector
 * by hand, by a part of the address (case-insensitive), or by a PPPoE account on an assigned router.
 */
export const ASSIGNED = `EXISTS (SELECT 1 FROM collector_assignments a WHERE a.collector_id = @collectorId AND (
  (a.kind = 'customer' AND a.customer_id = c.id)
  OR (a.kind = 'area' AND instr(lower(coalesce(c.address, '')), lower(a.area)) > 0)
  OR (a.kind = 'router' AND EXISTS (SELECT 1 FROM pppoe_accounts p WHERE p.customer_id = c.id AND p.router_id = a.router_id))))`;

/** The first area (alphabetically) of the collector's that the customer's address contains, for the route. */
export const AREA_OF = `(SELECT min(a.area) FROM collector_assignments a WHERE a.collector_id = @collectorId
  AND a.kind = 'area' AND instr(lower(coalesce(c.address, '')), lower(a.area)) > 0)`;

export function isAssigned(db: Sqlite, collectorId: number, customerId: number): boolean {
  return !!prepared<[{ collectorId: number; customerId: number }], { one: number }>(
    db,
    `SELECT 1 AS one FROM customers c WHERE c.id = @customerId AND ${ASSIGNED}`,
  ).get({ collectorId, customerId });
}

export interface AssignmentRow {
  id: number;
  collectorId: number;
  kind: 'area' | 'router' | 'customer';
  area: string | null;
  routerId: number | null;
  routerName: string | null;
  customerId: number | null;
  customerCode: string | null;
  customerName: string | null;
  /** How many customers this row reaches now. */
  reach: number;
}

export function listAssignments(db: Sqlite): AssignmentRow[] {
  return prepared<[], AssignmentRow>(
    db,
    `SELECT a.id, a.collector_id AS collectorId, a.kind, a.area, a.router_id AS routerId, r.name AS routerName,
       a.customer_id AS customerId, cu.customer_code AS customerCode, cu.name AS customerName,
       CASE a.kind
         WHEN 'customer' THEN 1
         WHEN 'area' THEN (SELECT count(*) FROM customers c WHERE instr(lower(coalesce(c.address, '')), lower(a.area)) > 0)
         ELSE (SELECT count(DISTINCT p.customer_id) FROM pppoe_accounts p WHERE p.router_id = a.router_id)
       END AS reach
     FROM collector_assignments a
     LEFT JOIN routers r ON r.id = a.router_id
     LEFT JOIN customers cu ON cu.id = a.customer_id
     ORDER BY a.collector_id, a.kind, lower(coalesce(a.area, r.name, cu.name))`,
  ).all();
}

export function findAssignment(db: Sqlite, id: number): AssignmentRow | undefined {
  return listAssignments(db).find((a) => a.id === id);
}

export function insertAssignment(
  db: Sqlite,
  a: {
    collectorId: number;
    kind: AssignmentRow['kind'];
    area: string | null;
    routerId: number | null;
    customerId: number | null;
    createdBy: number | null;
    at: string;
  },
): number {
  const r = prepared(
    db,
    `INSERT INTO collector_assignments(collector_id, kind, area, router_id, customer_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.collectorId, a.kind, a.area, a.routerId, a.customerId, a.createdBy, a.at);
  return Number(r.lastInsertRowid);
}

export function deleteAssignment(db: Sqlite, id: number): void {
  prepared(db, 'DELETE FROM collector_assignments WHERE id = ?').run(id);
}

export interface CollectorUser {
  id: number;
  username: string;
  fullName: string;
  isActive: number;
  commissionKind: 'flat' | 'percent' | null;
  commissionValue: number | null;
}

export function listCollectorUsers(db: Sqlite): CollectorUser[] {
  return prepared<[], CollectorUser>(
    db,
    `SELECT u.id, u.username, u.full_name AS fullName, u.is_active AS isActive,
       k.kind AS commissionKind, k.value AS commissionValue
     FROM users u LEFT JOIN collector_commissions k ON k.collector_id = u.id
     WHERE u.role = 'collector' ORDER BY lower(u.full_name)`,
  ).all();
}

export function findCollectorUser(db: Sqlite, id: number): CollectorUser | undefined {
  return listCollectorUsers(db).find((u) => u.id === id);
}

export function upsertCommission(
  db: Sqlite,
  c: { collectorId: number; kind: 'flat' | 'percent'; value: number; userId: number | null; at: string },
): void {
  prepared(
    db,
    `INSERT INTO collector_commissions(collector_id, kind, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(collector_id) DO UPDATE SET kind = excluded.kind, value = excluded.value,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(c.collectorId, c.kind, c.value, c.userId, c.at);
}
