/** The routers table: saved routers, their health as last seen, and the sync hold after a restore. */
import type { Router } from '../../../src-shared/contract/routers';
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

const SELECT = `
  SELECT r.id, r.name, r.host, r.port, r.use_tls AS useTls, r.username, (r.password_enc IS NOT NULL) AS hasPassword,
         r.isolir_profile AS isolirProfile, r.notes, r.is_active AS isActive, r.state, r.identity, r.version, r.uptime,
         r.last_seen_at AS lastSeenAt, r.last_error AS lastError, r.sync_hold AS syncHold,
         (SELECT count(*) FROM pppoe_accounts a WHERE a.router_id = r.id) AS accounts,
         (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pending,
         (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failed,
         r.created_at AS createdAt, r.updated_at AS updatedAt, r.brand_id AS brandId
  FROM routers r`;

type RouterRow = Omit<Router, 'useTls' | 'hasPassword' | 'isActive'> & {
  useTls: number;
  hasPassword: number;
  isActive: number;
};
const toRouter = (r: RouterRow): Router => ({
  ...r,
  useTls: r.useTls === 1,
  hasPassword: r.hasPassword === 1,
  isActive: r.isActive === 1,
});

export function findRouter(db: Sqlite, id: number): Router | undefined {
  const row = prepared<[number], RouterRow>(db, `${SELECT} WHERE r.id = ?`).get(id);
  return row && toRouter(row);
}

/** Every router by name; `pattern` (a LIKE pattern with `\` escapes) filters on name, host and identity. */
export function listRouters(db: Sqlite, pattern: string | null, brands: number[] | null = null): Router[] {
  // A handful of routers: the brand scope is applied to the rows read.
  return listRouterRows(db, pattern).filter((r) => !brands || brands.includes(r.brandId));
}

function listRouterRows(db: Sqlite, pattern: string | null): Router[] {
  if (pattern === null)
    return prepared<[], RouterRow>(db, `${SELECT} ORDER BY r.name COLLATE NOCASE`).all().map(toRouter);
  return prepared<[string, string, string], RouterRow>(
    db,
    `${SELECT} WHERE r.name LIKE ? ESCAPE '\\' OR r.host LIKE ? ESCAPE '\\' OR coalesce(r.identity, '') LIKE ? ESCAPE '\\' ORDER BY r.name COLLATE NOCASE`,
  )
    .all(pattern, pattern, pattern)
    .map(toRouter);
}

export const routerExists = (db: Sqlite, id: number): boolean =>
  prepared<[number], { 1: number }>(db, 'SELECT 1 FROM routers WHERE id = ?').get(id) !== undefined;

export const allRouterIds = (db: Sqlite): number[] =>
  prepared<[], { id: number }>(db, 'SELECT id FROM routers')
    .all()
    .map((r) => r.id);

export const activeRouterIds = (db: Sqlite): number[] =>
  prepared<[], { id: number }>(db, 'SELECT id FROM routers WHERE is_active = 1')
    .all()
    .map((r) => r.id);

export interface RouterFields {
  name: string;
  host: string;
  port: number;
  useTls: boolean;
  username: string;
  isolirProfile: string;
  notes: string | null;
  isActive: boolean;
}

/** The values of RouterFields in the column order both the insert and the update name them. */
const routerColumns = (r: RouterFields) => [
  r.name,
  r.host,
  r.port,
  r.useTls ? 1 : 0,
  r.username,
  r.isolirProfile,
  r.notes,
  r.isActive ? 1 : 0,
];

export function insertRouter(db: Sqlite, r: RouterFields & { passwordEnc: string }, now: string): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO routers(name, host, port, use_tls, username, isolir_profile, notes, is_active, password_enc, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...routerColumns(r), r.passwordEnc, now, now);
  return Number(lastInsertRowid);
}

/** `passwordEnc` undefined keeps the stored password. */
export function updateRouter(db: Sqlite, id: number, r: RouterFields, passwordEnc: string | undefined, now: string) {
  prepared(
    db,
    `UPDATE routers SET name = ?, host = ?, port = ?, use_tls = ?, username = ?, isolir_profile = ?, notes = ?, is_active = ?,
       updated_at = ? ${passwordEnc !== undefined ? ', password_enc = ?' : ''} WHERE id = ?`,
  ).run(...routerColumns(r), now, ...(passwordEnc !== undefined ? [passwordEnc] : []), id);
}

export function deleteRouter(db: Sqlite, id: number) {
  prepared(db, 'DELETE FROM routers WHERE id = ?').run(id);
}

/** How to reach a saved router (password still encrypted). */
export interface RouterTargetRow {
  host: string;
  port: number;
  useTls: number;
  username: string;
  passwordEnc: string | null;
}
export const routerTargetRow = (db: Sqlite, id: number) =>
  prepared<[number], RouterTargetRow>(
    db,
    'SELECT host, port, use_tls AS useTls, username, password_enc AS passwordEnc FROM routers WHERE id = ?',
  ).get(id);

export const isolirProfileOf = (db: Sqlite, id: number): string | undefined =>
  prepared<[number], { isolir: string }>(db, 'SELECT isolir_profile AS isolir FROM routers WHERE id = ?').get(id)
    ?.isolir;

/** Whether the sync worker may send to the router now: active, and not held after a restore. */
export const routerSyncGate = (db: Sqlite, id: number) =>
  prepared<[number], { a: number; hold: string | null }>(
    db,
    'SELECT is_active AS a, sync_hold AS hold FROM routers WHERE id = ?',
  ).get(id);

// Health, as the pool, the poller and the Test button see it.

export const routerHealth = (db: Sqlite, id: number) =>
  prepared<[number], { state: string; lastError: string | null }>(
    db,
    'SELECT state, last_error AS lastError FROM routers WHERE id = ?',
  ).get(id);

export interface SeenDetails {
  identity: string | null;
  version: string | null;
  uptime: string | null;
}
export function setRouterOnline(db: Sqlite, id: number, now: string, seen: SeenDetails) {
  prepared(
    db,
    `UPDATE routers SET state = 'online', last_seen_at = ?, last_error = NULL,
       identity = coalesce(?, identity), version = coalesce(?, version), uptime = coalesce(?, uptime) WHERE id = ?`,
  ).run(now, seen.identity, seen.version, seen.uptime, id);
}

export function setRouterState(db: Sqlite, id: number, state: string, lastError: string) {
  prepared(db, 'UPDATE routers SET state = ?, last_error = ? WHERE id = ?').run(state, lastError, id);
}

// The hold after a restore.

/** Holds every active router's queue; answers how many. */
export const holdActiveRouters = (db: Sqlite, now: string): number =>
  prepared(db, "UPDATE routers SET sync_hold = 'restore', sync_hold_since = ? WHERE is_active = 1").run(now).changes;

export const routerHold = (db: Sqlite, id: number) =>
  prepared<[number], { name: string; hold: string | null; since: string | null }>(
    db,
    'SELECT name, sync_hold AS hold, sync_hold_since AS since FROM routers WHERE id = ?',
  ).get(id);

export function clearRouterHold(db: Sqlite, id: number) {
  prepared(db, 'UPDATE routers SET sync_hold = NULL, sync_hold_since = NULL WHERE id = ?').run(id);
}

export const heldRouterIds = (db: Sqlite): number[] =>
  prepared<[], { id: number }>(db, 'SELECT id FROM routers WHERE sync_hold IS NOT NULL AND is_active = 1 ORDER BY id')
    .all()
    .map((r) => r.id);
