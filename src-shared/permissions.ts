/**
 * Every API channel declares one permission; dispatch checks it for both transports (deny by default).
 * The renderer uses the same table only to hide what a role cannot do: the server check is what counts.
 */
export const ROLES = ['admin', 'manager', 'staff', 'reseller', 'collector'] as const;
export type Role = (typeof ROLES)[number];
/** The office's roles (the Users screen); a reseller's sign-in is made on the reseller's page. */
// Roles the Users screen gives (a reseller's sign-in is made on the reseller's page).
export const OFFICE_ROLES = ['admin', 'manager', 'staff', 'collector'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

export const PERMISSIONS = [
  // no sign-in needed
  'public',
  // any signed-in user
  'authenticated',
  'customers.read',
  'customers.write',
  'customers.delete',
  'packages.read',
  'packages.write',
  'packages.delete',
  'pppoe.read',
  'pppoe.write',
  'pppoe.delete',
  'pppoe.viewPassword',
  'routers.read',
  'routers.write',
  'routers.delete',
  'sync.read',
  'sync.write',
  'sessions.read',
  'sessions.kick',
  'subscriptions.read',
  'subscriptions.write',
  'invoices.read',
  'invoices.void',
  'billing.run',
  'payments.read',
  'payments.create',
  'payments.void',
  /** Pay a customer's deposit back (cash from the own drawer, or a transfer); voiding one needs payments.void. */
  'deposits.refund',
  'shifts.use',
  'shifts.readAll',
  'dashboard.read',
  /** Customers' support tickets from the portal: read, and answer / assign / close. */
  'tickets.read',
  'tickets.write',
  'reports.read',
  'reports.export',
  'audit.read',
  /** A customer's personal data as a file for them (UU PDP right of access); every export is audited. */
  'privacy.export',
  /** Erase a customer's personal data on their request; financial records stay under the code. */
  'privacy.erase',
  'users.manage',
  'settings.read',
  'settings.write',
  'backups.manage',
  'system.admin',
  /** The Pesan screen: outbox, counts. */
  'messages.read',
  /** Resend, cancel, pause a channel, broadcast, click-to-chat. */
  'messages.send',
  /** Providers, credentials, templates, kinds. */
  'messages.configure',
  /** Resellers (mitra): list and read their balance, customers and rules. */
  'resellers.read',
  /** Create and edit resellers, their logins, customers and per-package rules. */
  'resellers.write',
  /** Take a reseller's top-up at the office. */
  'resellers.topup',
  /** Void a reseller's top-up or bill payment (with a reason). */
  'resellers.void',
  /** A reseller's own sign-in: only their own customers, bills and balance (core/resellers/self.ts). */
  'reseller.self',
  /** The field collector's own screen: their assigned customers, cash taken, visits (role collector only). */
  'collector.use',
  /** Collectors' assignments (area / router / customer) and commission rules. */
  'collectors.manage',
  /** Count a collector's hand-over (setoran) at the office. */
  'collectors.settle',
  /** API keys for other systems (admin only). */
  'apiKeys.manage',
  /** Outgoing webhook endpoints, their secrets and delivery log (admin only). */
  'webhooks.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF: Permission[] = [
  'authenticated',
  'customers.read',
  'customers.write',
  'packages.read',
  'pppoe.read',
  'sessions.read',
  'subscriptions.read',
  'invoices.read',
  'payments.read',
  'payments.create',
  'deposits.refund',
  'shifts.use',
  'dashboard.read',
  'messages.read',
  'tickets.read',
  'tickets.write',
  'resellers.read',
  'resellers.topup',
  'collectors.settle',
  // Not settings.read: the Settings screen is for the owner; what a cashier needs (ISP name, time zone,
  // language) comes with system.info, and receipts are built in the main process.
];

const MANAGER_EXCLUDED: Permission[] = [
  'users.manage',
  'backups.manage',
  'system.admin',
  'settings.write',
  'messages.configure',
  'collector.use',
  'apiKeys.manage',
  'webhooks.manage',
];

/** Only what a field collector's phone needs; every read is further limited to their assigned customers. */
const COLLECTOR: Permission[] = ['authenticated', 'collector.use'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS.filter((p) => p !== 'collector.use')),
  manager: new Set(PERMISSIONS.filter((p) => !MANAGER_EXCLUDED.includes(p))),
  staff: new Set(STAFF),
  // A reseller can do nothing but their own channels. (Admin and manager hold `reseller.self` as they hold
  // every permission, but the service answers "no reseller is linked to this sign-in" for them.)
  reseller: new Set<Permission>(['authenticated', 'reseller.self']),
  collector: new Set(COLLECTOR),
};

export function roleCan(role: Role | null | undefined, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!role) return false;
  // hasOwn: a role name like `__proto__` must not reach Object.prototype.
  return Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role].has(permission) : false;
}
