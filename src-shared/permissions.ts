/**
 * Every API channel declares one permission; dispatch checks it for both transports (deny by default).
 * The renderer uses the same table only to hide what a role cannot do: the server check is what counts.
 */
export const ROLES = ['admin', 'manager', 'staff'] as const;
export type Role = (typeof ROLES)[number];

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
  /** API keys for other systems (admin only). */
  'apiKeys.manage',
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
  // Not settings.read: the Settings screen is for the owner; what a cashier needs (ISP name, time zone,
  // language) comes with system.info, and receipts are built in the main process.
];

const MANAGER_EXCLUDED: Permission[] = [
  'users.manage',
  'backups.manage',
  'system.admin',
  'settings.write',
  'messages.configure',
  'apiKeys.manage',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  manager: new Set(PERMISSIONS.filter((p) => !MANAGER_EXCLUDED.includes(p))),
  staff: new Set(STAFF),
};

export function roleCan(role: Role | null | undefined, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!role) return false;
  // hasOwn: a role name like `__proto__` must not reach Object.prototype.
  return Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role].has(permission) : false;
}
