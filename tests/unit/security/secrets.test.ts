import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../src-main/app';
import { procedures, type Channel } from '../../../src-shared/contract';
import { ROLES, roleCan, type Role } from '../../../src-shared/permissions';
import { testApp, type TestApp } from '../../helpers/app';
import { mintSession, usersPerRole } from './helpers';

/**
 * Router passwords never leave the main process; PPPoE passwords reach only roles with
 * pppoe.viewPassword; neither is stored in plain text. Every read channel is asked, for every role,
 * with the ids that exist, so channels added later are covered too.
 */
const ROUTER_PASSWORD = 'Router-Rahasia-7731';
const PPPOE_PASSWORD = 'PppSecret-4455';

let t: TestApp;
let ids: Record<Role, number>;
let routerId = 0;
let accountId = 0;
let customerId = 0;

beforeAll(async () => {
  t = await testApp();
  ids = usersPerRole(t);
  await t.ok('demo.load', {});
  const customers = await t.ok('customers.list', {});
  customerId = customers.items[0]!.id;
  const pkg = (await t.ok('packages.list', {})).items[0]!;
  const router = await t.ok('routers.create', {
    name: 'Kantor',
    host: '127.0.0.1',
    port: 1,
    username: 'api',
    password: ROUTER_PASSWORD,
  });
  routerId = router.id;
  const created = await t.ok('pppoe.create', {
    customerId,
    internetPackageId: pkg.id,
    routerId,
    username: 'rahasia-uji',
    password: PPPOE_PASSWORD,
  });
  accountId = created.account.id;
  expect(created.password).toBe(PPPOE_PASSWORD);
}, 60_000);
afterAll(() => t?.close());

describe('secrets', () => {
  it('router and PPPoE passwords are not stored in plain text (database, WAL, audit)', () => {
    t.app.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of fs.readdirSync(t.dataDir).filter((n) => n.startsWith(DB_FILE))) {
      const bytes = fs.readFileSync(path.join(t.dataDir, f));
      for (const secret of [ROUTER_PASSWORD, PPPOE_PASSWORD])
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${f}`).toBe(false);
    }
  });

  it('router passwords are never returned, and PPPoE passwords only to roles that may view them', async () => {
    const readChannels = (Object.keys(procedures) as Channel[]).filter(
      (c) => !procedures[c].mutates && procedures[c].permission !== 'public',
    );
    const inputs = [{}, { id: accountId }, { id: routerId }, { routerId }, { customerId }, { id: customerId }];
    const leaks: string[] = [];
    for (const role of ROLES) {
      const token = mintSession(t, ids[role]);
      for (const channel of readChannels) {
        if (!roleCan(role, procedures[channel].permission)) continue;
        for (const input of inputs) {
          const r = await t.app.call(channel, input, { transport: 'http', token });
          const text = JSON.stringify(r);
          if (text.includes(ROUTER_PASSWORD))
            leaks.push(`${channel} ${JSON.stringify(input)} as ${role}: router password`);
          if (text.includes(PPPOE_PASSWORD) && !roleCan(role, 'pppoe.viewPassword'))
            leaks.push(`${channel} ${JSON.stringify(input)} as ${role}: PPPoE password`);
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 60_000);

  it('revealing a PPPoE password needs pppoe.viewPassword', async () => {
    for (const role of ROLES) {
      const r = await t.app.call(
        'pppoe.revealPassword',
        { id: accountId },
        { transport: 'http', token: mintSession(t, ids[role]) },
      );
      if (roleCan(role, 'pppoe.viewPassword')) expect(r).toEqual({ ok: true, value: { password: PPPOE_PASSWORD } });
      else expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(roleCan('staff', 'pppoe.viewPassword')).toBe(false);
  });
});
