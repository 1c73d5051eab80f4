/** The simulator's RouterOS semantics (what h3b's sync/import/drift tests rely on), via our client. */
import { describe, expect, it } from 'vitest';
import type { RouterError } from '../../src-main/routeros/client';
import { connect, sim } from './helpers';

const trap = (p: Promise<unknown>) =>
  p.then(
    () => 'no trap',
    (e: RouterError) => `${e.kind}: ${e.message}`,
  );

describe('simulator menus', () => {
  it('/ppp/secret add/set/enable/disable/remove by .id, numbers and name', async () => {
    const s = await sim();
    const c = await connect(s.target());
    const [{ ret: id }] = (await c.run('/ppp/secret/add', {
      name: 'budi',
      password: 'p1',
      service: 'pppoe',
      comment: 'CUST00001',
    })) as [{ ret: string }];
    expect(id).toMatch(/^\*[0-9A-F]+$/);
    await c.run('/ppp/secret/set', { '.id': id, password: 'p2', 'remote-address': '10.0.0.9' });
    await c.run('/ppp/secret/disable', { numbers: 'budi' });
    expect(s.secret('budi')).toMatchObject({
      password: 'p2',
      'remote-address': '10.0.0.9',
      disabled: 'true',
      comment: 'CUST00001',
    });
    await c.run('/ppp/secret/enable', { numbers: id });
    expect(s.secret('budi')!.disabled).toBe('false');
    await c.run('/ppp/secret/remove', { numbers: 'budi' });
    expect(s.secrets()).toEqual([]);
    expect(await trap(c.run('/ppp/secret/remove', { '.id': id }))).toBe('trap: no such item');
  });

  it('validates like the router', async () => {
    const s = await sim();
    const c = await connect(s.target());
    expect(await trap(c.run('/ppp/secret/add', { name: 'a', profile: 'NOPE' }))).toBe(
      'trap: input does not match any value of profile',
    );
    // A secret must point at an existing profile, on set as on add (a reset router refuses both).
    await c.run('/ppp/secret/add', { name: 'b', profile: 'default' });
    expect(await trap(c.run('/ppp/secret/set', { numbers: 'b', profile: 'NOPE' }))).toBe(
      'trap: input does not match any value of profile',
    );
    expect(s.secret('b')!.profile).toBe('default');
    expect(await trap(c.run('/ppp/secret/add', { name: 'a', colour: 'red' }))).toBe('trap: unknown parameter colour');
    expect(await trap(c.run('/ppp/secret/add', { password: 'x' }))).toBe('trap: failure: name must be specified');
    expect(await trap(c.run('/ppp/secret/add', { name: 'a', 'remote-address': '10.0.0' }))).toMatch(/IP address/);
    expect(await trap(c.run('/ppp/profile/remove', { numbers: 'default' }))).toMatch(/^trap: failure/);
    expect(await trap(c.run('/ppp/profile/add', { name: 'default' }))).toBe(
      'trap: failure: profile with the same name already exists',
    );
    expect(await trap(c.run('/nope/print'))).toBe('trap: no such command prefix');
    expect(await trap(c.run('/ppp/secret/frobnicate'))).toBe('trap: no such command');
    await c.run('/ip/firewall/address-list/add', { list: 'ISOLIR', address: '10.0.0.5' });
    expect(await trap(c.run('/ip/firewall/address-list/add', { list: 'ISOLIR', address: '10.0.0.5' }))).toBe(
      'trap: failure: already have such entry',
    );
  });

  it('a router reset leaves only the built-in profiles', async () => {
    const s = await sim();
    s.addProfile({ name: '10M', 'rate-limit': '2M/10M' });
    s.addSecret({ name: 'budi', password: 'x', profile: '10M' });
    s.connectUser('budi');
    s.resetConfiguration();
    expect(s.secrets()).toEqual([]);
    expect(s.activeSessions()).toEqual([]);
    expect(s.profiles().map((p) => p.name)).toEqual(['default', 'default-encryption']);
    const c = await connect(s.target());
    expect(await trap(c.run('/ppp/secret/add', { name: 'budi', profile: '10M' }))).toBe(
      'trap: input does not match any value of profile',
    );
  });

  it('/ppp/profile with rate-limit; print queries with stack operations and .proplist', async () => {
    const s = await sim();
    const c = await connect(s.target());
    await c.run('/ppp/profile/add', { name: '10M', 'rate-limit': '2M/10M', 'remote-address': 'pool-10M' });
    await c.run('/ppp/profile/add', { name: 'ISOLIR', 'rate-limit': '256k/256k', 'address-list': 'ISOLIR' });
    for (const [n, p] of [
      ['a', '10M'],
      ['b', 'ISOLIR'],
      ['c', 'default'],
    ] as const)
      await c.run('/ppp/secret/add', { name: n, profile: p });
    await c.run('/ppp/secret/disable', { numbers: 'c' });
    const names = async (queries: string[]) =>
      (await c.run('/ppp/secret/print', { '.proplist': 'name' }, { queries })).map((r) => r.name);
    expect(await names(['?profile=10M', '?profile=ISOLIR', '?#|'])).toEqual(['a', 'b']);
    expect(await names(['?disabled=yes'])).toEqual(['c']);
    expect(await names(['?profile=default', '?#!'])).toEqual(['a', 'b']);
    expect(await names(['?-remote-address'])).toEqual(['a', 'b', 'c']);
    expect(await c.run('/ppp/profile/print', { '.proplist': 'name,rate-limit' }, { queries: ['?name=10M'] })).toEqual([
      { name: '10M', 'rate-limit': '2M/10M' },
    ]);
    const all = await c.run('/ppp/secret/print');
    expect(Object.keys(all[0]!)[0]).toBe('.id');
  });

  it('/ppp/active: print, count-only, kick; listen is stopped by /cancel', async () => {
    const s = await sim({ monitorIntervalMs: 20 });
    s.seedSecrets(3);
    s.connectUser('user0001', { address: '10.1.1.1', callerId: 'AA:AA:AA:AA:AA:01' });
    s.connectUser('user0002');
    const c = await connect(s.target());
    const rows = await c.run('/ppp/active/print');
    expect(rows[0]).toMatchObject({
      name: 'user0001',
      address: '10.1.1.1',
      'caller-id': 'AA:AA:AA:AA:AA:01',
      service: 'pppoe',
    });
    expect(rows[0]!.uptime).toMatch(/s$/);
    expect(await c.run('/ppp/active/print', { 'count-only': '' })).toEqual([{ ret: '2' }]);
    await c.run('/ppp/active/remove', { numbers: 'user0001' });
    expect(s.secret('user0001')!['last-caller-id']).toBe('AA:AA:AA:AA:AA:01');
    expect(await trap(c.run('/ppp/active/remove', { numbers: 'user0001' }))).toBe('trap: no such item');
    // streaming commands never end by themselves: our client times out and cancels them
    const cancel = s.waitForCommand('/cancel');
    expect(await trap(c.run('/ppp/active/listen', {}, { timeoutMs: 100 }))).toMatch(/^timeout/);
    await cancel;
    await expect.poll(() => s.state.activeListeners.size).toBe(0);
    expect(
      await trap(c.run('/interface/monitor-traffic', { interface: '<pppoe-user0002>' }, { timeoutMs: 100 })),
    ).toMatch(/^timeout/);
    expect(await c.run('/system/identity/print')).toEqual([{ name: 'MikroTik' }]);
  });

  it('counts commands and connections; restart keeps state (a reboot)', async () => {
    const s = await sim();
    const c = await connect(s.target());
    await Promise.all([
      c.run('/ppp/secret/add', { name: 'x' }),
      c.run('/ppp/secret/print'),
      c.run('/ppp/secret/print'),
    ]);
    expect(s.stats).toMatchObject({ connections: 1, logins: 1, commands: 3 });
    expect(s.stats.byCommand['/ppp/secret/print']).toBe(2);
    await s.restart();
    await expect.poll(() => c.connected).toBe(false);
    const c2 = await connect(s.target());
    expect((await c2.run('/ppp/secret/print')).map((r) => r.name)).toEqual(['x']);
    expect(s.stats.connections).toBe(2);
  });
});
