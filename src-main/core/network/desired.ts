import type { AppContext } from '../context';

/** What an account's `/ppp/secret` should look like on its router (password resolved at apply time). */
export interface SecretState {
  name: string;
  profile: string;
  remoteAddress: string | null;
  comment: string;
  disabled: boolean;
  callerId: string | null;
}

export interface AccountRow {
  id: number;
  customerId: number;
  internetPackageId: number;
  routerId: number | null;
  username: string;
  passwordEnc: string;
  staticIp: string | null;
  profileName: string;
  status: 'active' | 'inactive' | 'suspended' | 'expired';
  isolatedFromProfile: string | null;
  isolatedAt: string | null;
  callerId: string | null;
  routerSecretId: string | null;
  customerCode: string;
  isolirProfile: string | null;
}

export const ACCOUNT_ROW_SQL = `
  SELECT a.id, a.customer_id AS customerId, a.internet_package_id AS internetPackageId, a.router_id AS routerId,
         a.username, a.password_enc AS passwordEnc, a.static_ip AS staticIp, a.profile_name AS profileName,
         a.status, a.isolated_from_profile AS isolatedFromProfile, a.isolated_at AS isolatedAt, a.caller_id AS callerId,
         a.router_secret_id AS routerSecretId, c.customer_code AS customerCode, r.isolir_profile AS isolirProfile
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id LEFT JOIN routers r ON r.id = a.router_id`;

export function accountRow(app: AppContext, id: number): AccountRow | undefined {
  return app.sqlite.prepare(`${ACCOUNT_ROW_SQL} WHERE a.id = ?`).get(id) as AccountRow | undefined;
}

/**
 * The router-side state that follows from an account: isolated-by-profile accounts carry the router's
 * isolir profile; inactive, expired and isolated-by-disable accounts are disabled.
 */
export function secretState(a: AccountRow): SecretState {
  const isolatedByProfile = a.status === 'suspended' && a.isolatedFromProfile !== null;
  return {
    name: a.username,
    profile: isolatedByProfile ? (a.isolirProfile ?? 'ISOLIR') : a.profileName,
    remoteAddress: a.staticIp,
    comment: a.customerCode,
    disabled: a.status === 'inactive' || a.status === 'expired' || (a.status === 'suspended' && !isolatedByProfile),
    callerId: a.callerId,
  };
}
