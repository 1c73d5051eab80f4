/**
 * Isolir (isolating an overdue customer) for the billing side. Every function here is synchronous and
 * meant to run INSIDE the caller's transaction: the account's new status, the audit row and the queued
 * router operations commit together, and the sync worker applies them when the router is reachable.
 */
import { AppError, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import {
  accountRow,
  endIsolation,
  expire,
  isolate,
  isolateMany,
  type AccountRow,
} from '../../data/network/account-state.repository';
import { syncAccountRow, syncAccountRows } from './queue';

export type IsolirMode = 'profile' | 'disable';

function load(call: CallContext, accountId: number): AccountRow {
  const a = accountRow(call.app.sqlite, accountId);
  if (!a) throw notFound('PPPoE account');
  return a;
}

function snapshot(a: AccountRow) {
  return { status: a.status, profileName: a.profileName, isolatedFromProfile: a.isolatedFromProfile };
}

/**
 * Profile mode: remembers the current profile, the secret gets the router's isolir profile (a static
 * remote-address is kept, so it works for static-IP customers). Disable mode: the secret is disabled.
 * Both kick the live session so the change takes effect. Calling it again in the same mode does nothing.
 */
export function isolateAccount(call: CallContext, accountId: number, mode: IsolirMode): void {
  const { app } = call;
  const a = load(call, accountId);
  if (a.status === 'expired') throw new AppError('CONFLICT', `${a.username} has expired; it cannot be isolated`);
  const currentMode: IsolirMode | null =
    a.status === 'suspended' ? (a.isolatedFromProfile !== null ? 'profile' : 'disable') : null;
  if (currentMode === mode) return;
  isolate(app.sqlite, accountId, mode === 'profile' ? a.profileName : null, app.clock.now().toISOString());
  // The row after the change is both the queued router state and the audit's "after".
  const after = load(call, accountId);
  syncAccountRow(app, after, { kick: true });
  writeAudit(call, {
    action: 'pppoe.isolate',
    entity: 'pppoe',
    entityId: accountId,
    before: snapshot(a),
    after: { ...snapshot(after), mode },
  });
}

/**
 * isolateAccount for many accounts read as active in the caller's transaction (the automation's batch): the
 * same rows in the same order as isolateAccount account by account, without a re-read of each account (the
 * row after is the row before with what isolate() sets) and with their router operations queued together.
 * Throws on an account not active or given twice, so the caller can roll back and take them one by one.
 */
export function isolateActiveAccounts(call: CallContext, before: AccountRow[], mode: IsolirMode): void {
  const { app } = call;
  if (before.some((a) => a.status !== 'active')) throw new Error('isolateActiveAccounts: an account is not active');
  if (new Set(before.map((a) => a.id)).size !== before.length)
    throw new Error('isolateActiveAccounts: an account given twice');
  const now = app.clock.now().toISOString();
  const after = before.map(
    (a): AccountRow => ({
      ...a,
      status: 'suspended',
      isolatedFromProfile: mode === 'profile' ? a.profileName : null,
      isolatedAt: a.isolatedAt ?? now,
    }),
  );
  isolateMany(
    app.sqlite,
    after.map((a) => [a.id, a.isolatedFromProfile]),
    now,
  );
  syncAccountRows(app, after, { kick: true });
  before.forEach((a, i) =>
    writeAudit(call, {
      action: 'pppoe.isolate',
      entity: 'pppoe',
      entityId: a.id,
      before: snapshot(a),
      after: { ...snapshot(after[i]!), mode },
    }),
  );
}

/**
 * Puts the original profile back (or enables the secret), status active, kicks so it takes effect.
 * profile_name always holds the account's normal profile (a package change during isolation updates it),
 * so restoring simply drops the isolation marker.
 */
export function restoreAccount(call: CallContext, accountId: number): void {
  const { app } = call;
  const a = load(call, accountId);
  // Only an isolated account is restored: a disabled or expired one stays as the user left it.
  if (a.status !== 'suspended') return;
  endIsolation(app.sqlite, accountId, app.clock.now().toISOString());
  // The row after the change is both the queued router state and the audit's "after".
  const after = load(call, accountId);
  syncAccountRow(app, after, { kick: true });
  writeAudit(call, {
    action: 'pppoe.restore',
    entity: 'pppoe',
    entityId: accountId,
    before: snapshot(a),
    after: snapshot(after),
  });
}

/** The subscription ran out: status expired, secret disabled, session kicked. */
export function expireAccount(call: CallContext, accountId: number): void {
  const { app } = call;
  const a = load(call, accountId);
  if (a.status === 'expired') return;
  expire(app.sqlite, accountId, app.clock.now().toISOString());
  // The row after the change is both the queued router state and the audit's "after".
  const after = load(call, accountId);
  syncAccountRow(app, after, { kick: true });
  writeAudit(call, {
    action: 'pppoe.expire',
    entity: 'pppoe',
    entityId: accountId,
    before: snapshot(a),
    after: snapshot(after),
  });
}
