import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures, type Channel } from '../../../src-shared/contract';
import {
  PERMISSIONS,
  ROLES,
  ROLE_PERMISSIONS,
  roleCan,
  type Permission,
  type Role,
} from '../../../src-shared/permissions';
import { testApp, type TestApp } from '../../helpers/app';
import { mintSession, usersPerRole } from './helpers';

/**
 * Table-driven over the live contract: every channel (including ones added later) × every role.
 * The probe input is never valid for an object schema, so an allowed call stops at BAD_INPUT and
 * nothing is written; a refused one must stop at FORBIDDEN before the input is even looked at.
 */
const PROBE = ['h6-permission-probe'];
const channels = Object.keys(procedures) as Channel[];

/** Channels anyone may call without signing in. Adding one here is a deliberate security decision. */
// pairing.verify: a seat proves the pairing code before anyone signs in on it (issue 17, core/lan-share).
const PUBLIC_CHANNELS = ['auth.login', 'setup.createAdmin', 'system.info', 'pairing.verify'];

let t: TestApp;
let ids: Record<Role, number>;
beforeAll(async () => {
  t = await testApp();
  ids = usersPerRole(t);
});
afterAll(() => t.close());

describe('permission declarations', () => {
  it.each(channels)('%s declares a known permission', (c) => {
    const p = procedures[c].permission as string | undefined;
    expect(p, `${c} has no permission`).toBeTypeOf('string');
    expect(PERMISSIONS as readonly string[]).toContain(p);
  });

  it('only the sign-in channels are public (deny by default)', () => {
    expect(channels.filter((c) => procedures[c].permission === 'public').sort()).toEqual(PUBLIC_CHANNELS.sort());
  });

  it('admin holds every permission; manager is a subset of admin and staff a subset of manager', () => {
    // Except the field collector's own screen: it acts for the signed-in collector (issue 18).
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual(PERMISSIONS.filter((p) => p !== 'collector.use').sort());
    for (const p of ROLE_PERMISSIONS.staff) expect(ROLE_PERMISSIONS.manager.has(p), p).toBe(true);
  });

  it('roleCan refuses unknown roles and permissions', () => {
    expect(roleCan(null, 'customers.read')).toBe(false);
    expect(roleCan('root' as Role, 'customers.read')).toBe(false);
    expect(roleCan('admin', 'no.such' as Permission)).toBe(false);
    expect(roleCan('__proto__' as Role, 'customers.read')).toBe(false);
  });

  it('a cashier takes payments and looks customers up, but cannot void, change prices, delete, see router passwords or change settings', () => {
    const staff = ROLE_PERMISSIONS.staff;
    for (const p of ['payments.create', 'customers.read', 'shifts.use'] as Permission[])
      expect(staff.has(p), p).toBe(true);
    const never = PERMISSIONS.filter(
      (p) =>
        p.endsWith('.delete') ||
        p.endsWith('.void') ||
        p.startsWith('routers.') ||
        [
          'packages.write',
          'pppoe.viewPassword',
          'pppoe.write',
          'settings.read',
          'settings.write',
          'users.manage',
          'audit.read',
          'privacy.export',
          'privacy.erase',
          'backups.manage',
          'system.admin',
          'billing.run',
        ].includes(p),
    );
    for (const p of never) expect(staff.has(p), p).toBe(false);
    // And through the channels that carry those permissions:
    for (const c of channels)
      if (never.includes(procedures[c].permission)) expect(roleCan('staff', procedures[c].permission), c).toBe(false);
  });

  it('only admin manages users, backups and the system', () => {
    for (const p of ['users.manage', 'backups.manage', 'system.admin', 'settings.write'] as Permission[]) {
      expect(roleCan('manager', p), p).toBe(false);
      expect(roleCan('admin', p), p).toBe(true);
    }
  });
});

describe('dispatch enforces the table for every channel × role', () => {
  const cases = channels.flatMap((c) => ROLES.map((r) => [c, r] as const));
  it.each(cases)('%s as %s', async (channel, role) => {
    const token = mintSession(t, ids[role]);
    const before = (t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const r = await t.app.call(channel, PROBE, { transport: 'http', token });
    const allowed = roleCan(role, procedures[channel].permission);
    if (allowed) {
      expect(r.ok ? 'ok' : r.error.code).not.toBe('FORBIDDEN');
      expect(r.ok ? 'ok' : r.error.code).not.toBe('UNAUTHENTICATED');
    } else {
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const after = (t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    if (!r.ok) expect(after, 'a refused call wrote to the audit log').toBe(before);
  });

  it.each(channels.filter((c) => procedures[c].permission !== 'public'))(
    '%s without a session is UNAUTHENTICATED',
    async (channel) => {
      for (const token of [undefined, '', 'forged-token', mintSession(t, ids.staff).slice(1)]) {
        const r = await t.app.call(channel, {}, { transport: 'http', token });
        expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
    },
  );

  it.each(channels.filter((c) => !procedures[c].mutates))(
    'read-only %s with an empty input is never FORBIDDEN for a role that may call it',
    async (channel) => {
      for (const role of ROLES) {
        if (!roleCan(role, procedures[channel].permission)) continue;
        const r = await t.app.call(channel, {}, { transport: 'http', token: mintSession(t, ids[role]) });
        if (!r.ok)
          expect(
            ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'ROUTER_UNREACHABLE', 'RATE_LIMITED'],
            `${channel} as ${role}: ${r.error.message}`,
          ).toContain(r.error.code);
      }
    },
  );
});
