import { procedures, type Channel } from '../../../src-shared/contract';
import type { Permission } from '../../../src-shared/permissions';
import type { CallContext } from '../context';
import { visibleBrandIds } from './scope';

/*
 * A user limited to some brands may call only the channels below: those that carry no brand's data,
 * and those whose reads are scoped to the user's brands in the data layer (and whose writes refuse a
 * record of another brand as "not found"). Every other channel is refused for them, so a channel added
 * later is closed to a limited user until it is scoped and listed here (tests/unit/brands/isolation).
 */
export const BRAND_NEUTRAL: ReadonlySet<Channel> = new Set<Channel>([
  'system.info',
  'setup.createAdmin',
  'auth.login',
  'auth.logout',
  'auth.me',
  'auth.changePassword',
  'documents.printers',
  'brands.list',
  // A seat proving the office's pairing code (public, before sign-in): no brand's data.
  'pairing.verify',
  // The caller's own sign-in sessions (issue 17): no brand's data.
  'staffSessions.mine',
  'staffSessions.endMine',
]);

export const BRAND_SCOPED: ReadonlySet<Channel> = new Set<Channel>([
  'customers.list',
  'customers.get',
  'customers.create',
  'customers.update',
  'packages.list',
  'packages.get',
  'routers.list',
  'routers.get',
  'invoices.list',
  'invoices.get',
  'invoices.document',
  'payments.list',
  'payments.get',
  'payments.receipt',
  'documents.invoice',
  'documents.receipt',
  // Issue 18: every report, its export and the dashboard read only the user's brands (reportBrands).
  'billing.dashboard',
  'reports.financial',
  'reports.aging',
  'reports.customers',
  'reports.forecast',
  'reports.bandwidth',
  'reports.export',
]);

/** True when the caller may use the channel: every user who is not limited, a limited one only on the lists above. */
export function brandGate(call: CallContext, channel: Channel): boolean {
  if (BRAND_NEUTRAL.has(channel) || BRAND_SCOPED.has(channel)) return true;
  return visibleBrandIds(call) === null;
}

/**
 * The permissions a brand-limited user can use: those with at least one channel open to them. The signed-in
 * user's list is cut to these, so the navigation offers no screen whose data the gate refuses and the app
 * opens on a screen that works.
 */
export function permissionsOpenToBrandLimited(permissions: readonly Permission[]): Permission[] {
  const open = new Set<Permission>();
  for (const c of [...BRAND_NEUTRAL, ...BRAND_SCOPED]) open.add(procedures[c].permission);
  return permissions.filter((p) => open.has(p));
}
