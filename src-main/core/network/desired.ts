import type { AccountRow } from '../../data/network/account-state.repository';

/** What an account's `/ppp/secret` should look like on its router (password resolved at apply time). */
export interface SecretState {
  name: string;
  profile: string;
  remoteAddress: string | null;
  comment: string;
  disabled: boolean;
  callerId: string | null;
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
