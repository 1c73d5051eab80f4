/**
 * What an API key may do: each scope opens a fixed list of contract channels and nothing else. Channels
 * of users, roles, settings, backups or the system are in no scope, so no key can ever reach them (a
 * unit test checks this list against the permissions those channels need).
 */
export const API_SCOPE_CHANNELS = {
  'customers:read': ['customers.list', 'customers.get'],
  'customers:write': ['customers.create'],
  'packages:read': ['packages.list', 'packages.get'],
  'accounts:read': ['pppoe.list', 'pppoe.get'],
  'accounts:manage': ['pppoe.create'],
  'invoices:read': ['invoices.list', 'invoices.get'],
  'payments:read': ['payments.list', 'payments.get'],
  'payments:write': ['payments.create'],
} as const;

export type ApiScope = keyof typeof API_SCOPE_CHANNELS;
export const API_SCOPES = Object.keys(API_SCOPE_CHANNELS) as ApiScope[];

/** Requests per minute of a key when the admin does not choose. */
export const DEFAULT_KEY_RATE_PER_MINUTE = 120;
export const MAX_KEY_RATE_PER_MINUTE = 60_000;

export function scopeAllows(scopes: readonly string[], channel: string): boolean {
  return scopes.some(
    (s) =>
      Object.hasOwn(API_SCOPE_CHANNELS, s) &&
      (API_SCOPE_CHANNELS[s as ApiScope] as readonly string[]).includes(channel),
  );
}
