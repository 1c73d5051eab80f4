/**
 * Shared by the per-role scope tables (collectors, resellers): the channels a role may call, and the cases of
 * the channels every signed-in role has that carry only the caller's own data, so a channel of that kind added
 * later gets its case once, not once per role.
 */
import { expect } from 'vitest';
import { procedures, type Channel, type OutputOf } from '../../src-shared/contract';
import { roleCan, type Role } from '../../src-shared/permissions';
import type { ApiResult } from '../../src-shared/result';

type Call = <C extends Channel>(channel: C, input: unknown) => Promise<ApiResult<OutputOf<C>>>;

/** Every signed-in channel the role's permissions reach. */
export function roleChannels(role: Role): Channel[] {
  return (Object.keys(procedures) as Channel[]).filter(
    (c) => procedures[c].permission !== 'public' && roleCan(role, procedures[c].permission),
  );
}

export function ownCallerCases(call: Call): Record<string, () => Promise<void>> {
  return {
    'auth.me': async () => expect((await call('auth.me', {})).ok).toBe(true),
    'auth.logout': async () => {}, // ends only the caller's own session (tested in the auth suite)
    'auth.changePassword': async () => {}, // the caller's own password
    'documents.printers': async () => {}, // printer names of this PC, no customer data
    'brands.list': async () => {}, // the brands' names and letterheads, no customer data
    'messages.staffPrefs': async () => {}, // the caller's own desktop-notification switches
    'messages.saveStaffPrefs': async () => {}, // (kinds the role may not see are never announced to it)
    // The caller's own sign-in sessions only (tests/unit/sessions/staff-sessions.test.ts).
    'staffSessions.mine': async () => {
      const r = await call('staffSessions.mine', {});
      expect(r.ok && r.value.items.length > 0 && r.value.items.every((x) => x.current)).toBe(true);
    },
    'staffSessions.endMine': async () => {},
  };
}
