/** Internet packages (the plans sold; each is a `/ppp/profile` on the routers). */
import type { InternetPackage } from '../../src-shared/contract/packages';
import type { Sqlite } from '../db/open';
import { whereOf } from './sql';
import { prepared } from './statements';

const SELECT = `
  SELECT p.id, p.name, p.description, p.bandwidth_up AS bandwidthUp, p.bandwidth_down AS bandwidthDown, p.price,
         p.billing_cycle AS billingCycle, p.duration_days AS durationDays, p.is_active AS isActive, p.ip_pool AS ipPool,
         p.profile_name AS profileName, p.features,
         (SELECT count(*) FROM pppoe_accounts a WHERE a.internet_package_id = p.id) AS accounts,
         (SELECT count(*) FROM subscriptions s WHERE s.internet_package_id = p.id) AS subscriptions,
         p.created_at AS createdAt, p.updated_at AS updatedAt, p.brand_id AS brandId
  FROM internet_packages p`;

const SORT_COLUMNS: Record<string, string> = {
  name: 'p.name COLLATE NOCASE',
  price: 'p.price',
  bandwidthDown: 'p.bandwidth_down',
  billingCycle: "CASE p.billing_cycle WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 2 ELSE 3 END",
  createdAt: 'p.id',
};

type PackageRow = Omit<InternetPackage, 'isActive' | 'features'> & { isActive: number; features: string };
const toPackage = (r: PackageRow): InternetPackage => ({
  ...r,
  isActive: r.isActive === 1,
  features: JSON.parse(r.features) as string[],
});

export function findPackage(db: Sqlite, id: number): InternetPackage | undefined {
  const row = prepared<[number], PackageRow>(db, `${SELECT} WHERE p.id = ?`).get(id);
  return row && toPackage(row);
}

export interface PackageFilter {
  isActive?: boolean;
  billingCycle?: string;
  /** A LIKE pattern (`\` escapes) on name, profile and description. */
  pattern?: string;
  /** The brands the caller may see (null/absent = every brand). */
  brands?: number[] | null;
}

export function pagePackages(
  db: Sqlite,
  f: PackageFilter,
  sort: { field: string; dir: 'asc' | 'desc' },
  limit: number,
  offset: number,
): { rows: InternetPackage[]; total: number } {
  const { where: w, params } = whereOf([
    f.isActive !== undefined && ['p.is_active = ?', f.isActive ? 1 : 0],
    f.billingCycle && ['p.billing_cycle = ?', f.billingCycle],
    f.brands && ['p.brand_id IN (SELECT value FROM json_each(?))', JSON.stringify(f.brands)],
    f.pattern && [
      "(p.name LIKE ? ESCAPE '\\' OR p.profile_name LIKE ? ESCAPE '\\' OR coalesce(p.description, '') LIKE ? ESCAPE '\\')",
      f.pattern,
      f.pattern,
      f.pattern,
    ],
  ]);
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const total = prepared<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM internet_packages p ${w}`).get(
    ...params,
  )!.n;
  const rows = prepared<unknown[], PackageRow>(
    db,
    `${SELECT} ${w} ORDER BY ${SORT_COLUMNS[sort.field]} ${dir}, p.id ${dir} LIMIT ? OFFSET ?`,
  ).all(...params, limit, offset);
  return { rows: rows.map(toPackage), total };
}

export const profileNameTaken = (db: Sqlite, profileName: string): boolean =>
  prepared<[string], { 1: number }>(db, 'SELECT 1 FROM internet_packages WHERE profile_name = ? COLLATE NOCASE').get(
    profileName,
  ) !== undefined;

export interface PackageFields {
  name: string;
  description: string | null;
  bandwidthUp: number;
  bandwidthDown: number;
  price: number;
  billingCycle: string;
  durationDays: number;
  isActive: boolean;
  ipPool: string | null;
  profileName: string;
  features: string[];
}

/** The values of PackageFields in the column order both the insert and the update name them. */
const packageColumns = (p: PackageFields) => [
  p.name,
  p.description,
  p.bandwidthUp,
  p.bandwidthDown,
  p.price,
  p.billingCycle,
  p.durationDays,
  p.isActive ? 1 : 0,
  p.ipPool,
  p.profileName,
  JSON.stringify(p.features),
];

export function insertPackage(db: Sqlite, p: PackageFields, now: string): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO internet_packages(name, description, bandwidth_up, bandwidth_down, price, billing_cycle,
       duration_days, is_active, ip_pool, profile_name, features, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...packageColumns(p), now, now);
  return Number(lastInsertRowid);
}

export function updatePackage(db: Sqlite, id: number, p: PackageFields, now: string) {
  prepared(
    db,
    `UPDATE internet_packages SET name = ?, description = ?, bandwidth_up = ?, bandwidth_down = ?, price = ?,
       billing_cycle = ?, duration_days = ?, is_active = ?, ip_pool = ?, profile_name = ?, features = ?, updated_at = ?
     WHERE id = ?`,
  ).run(...packageColumns(p), now, id);
}

export function deletePackage(db: Sqlite, id: number) {
  prepared(db, 'DELETE FROM internet_packages WHERE id = ?').run(id);
}

// Packages as router profiles.

export const packageForAccount = (db: Sqlite, id: number) =>
  prepared<[number], { profileName: string; isActive: number }>(
    db,
    'SELECT profile_name AS profileName, is_active AS isActive FROM internet_packages WHERE id = ?',
  ).get(id);

/** The package whose profile this is (router profile names compare case-insensitively). */
export const packageIdByProfile = (db: Sqlite, profileName: string): number | undefined =>
  prepared<[string], { id: number }>(db, 'SELECT id FROM internet_packages WHERE profile_name = ? COLLATE NOCASE').get(
    profileName,
  )?.id;

export const packageProfiles = (db: Sqlite) =>
  prepared<[], { id: number; name: string; profile: string }>(
    db,
    'SELECT id, name, profile_name AS profile FROM internet_packages',
  ).all();

export interface ProfileSpec {
  id: number;
  profileName: string;
  up: number;
  down: number;
  ipPool: string | null;
}

export const activeProfiles = (db: Sqlite): ProfileSpec[] =>
  prepared<[], ProfileSpec>(
    db,
    'SELECT id, profile_name AS profileName, bandwidth_up AS up, bandwidth_down AS down, ip_pool AS ipPool FROM internet_packages WHERE is_active = 1 ORDER BY id',
  ).all();

/** Profiles a router should have: active packages, and any package its accounts use. */
export const routerProfiles = (db: Sqlite, routerId: number): ProfileSpec[] =>
  prepared<[number], ProfileSpec>(
    db,
    `SELECT p.id, p.profile_name AS profileName, p.bandwidth_up AS up, p.bandwidth_down AS down, p.ip_pool AS ipPool
     FROM internet_packages p
     WHERE p.is_active = 1 OR EXISTS (SELECT 1 FROM pppoe_accounts a WHERE a.router_id = ? AND a.internet_package_id = p.id)
     ORDER BY p.id`,
  ).all(routerId);
