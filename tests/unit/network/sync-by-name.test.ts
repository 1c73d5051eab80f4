/**
 * A run with few secret changes for a router holding many accounts (the changes made during an outage) looks
 * each secret up by name instead of printing every secret (core/network/drain.ts, router-ids.ts): the same
 * outcome on the router and in the queue, fewer rows read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimCommandEvent } from '../../routeros-sim/simulator';
import { customerAndPackage, netTest, type NetTest } from './net-helpers';

let n: NetTest;
beforeEach(async () => {
  n = await netTest();
});
afterEach(async () => {
  await n.close();
});

async function accounts(count: number) {
  const { pkg } = await customerAndPackage(n.t, 'Pelanggan Awal');
  const out: { id: number; username: string }[] = [];
  for (let i = 0; i < count; i++) {
    const c = await n.t.ok('customers.create', { name: `Pelanggan ${String.fromCharCode(65 + i)}` });
    const { account } = await n.t.ok('pppoe.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: `Rahasia-${i}-panjang`,
    });
    out.push({ id: account.id, username: account.username });
  }
  return out;
}

/** The secret prints of the next run: `all` without a query, `byName` the names asked for. */
function secretPrints() {
  const seen = { all: 0, byName: [] as string[] };
  n.sim.on('command', (e: SimCommandEvent) => {
    if (e.command !== '/ppp/secret/print') return;
    const names = e.queries.filter((q) => q.startsWith('?name=')).map((q) => q.slice('?name='.length));
    if (names.length) seen.byName.push(...names);
    else seen.all++;
  });
  return seen;
}

const opStatuses = (accountId: number) =>
  (
    n.t.app.ctx.sqlite
      .prepare("SELECT kind, status FROM sync_ops WHERE entity = 'pppoe' AND entity_id = ? ORDER BY id")
      .all(accountId) as { kind: string; status: string }[]
  ).map((o) => `${o.kind}:${o.status}`);

describe('secret lookups by name for a few changes', () => {
  it('a full sync prints every secret once; two changes among 20 accounts look up only those two', async () => {
    const all = await accounts(20);
    const first = secretPrints();
    expect(await n.engine.runOnce(n.routerId)).toMatchObject({ failed: 0, connectionError: null });
    expect(first).toEqual({ all: 1, byName: [] });
    expect(n.sim.secrets()).toHaveLength(20);

    const [a, b] = [all[3]!, all[11]!];
    await n.t.ok('pppoe.disable', { id: a.id });
    await n.t.ok('pppoe.update', { id: b.id, username: `${b.username}-baru`, password: 'Sandi-Baru-99' });
    const idsBefore = new Map(n.sim.secrets().map((s) => [s.name, s['.id']]));
    const second = secretPrints();
    expect(await n.engine.runOnce(n.routerId)).toMatchObject({ failed: 0, connectionError: null });

    // No print of all 20: the changed secrets were found by name (the renamed one by its old name).
    expect(second.all).toBe(0);
    expect(second.byName).toEqual(expect.arrayContaining([a.username, `${b.username}-baru`, b.username]));
    expect(new Set(second.byName).size).toBe(3);
    // The same result a full print gives: updated in place, nothing added or left behind.
    expect(n.sim.secrets()).toHaveLength(20);
    expect(n.sim.secret(a.username)).toMatchObject({ '.id': idsBefore.get(a.username), disabled: 'true' });
    expect(n.sim.secret(b.username)).toBeUndefined();
    expect(n.sim.secret(`${b.username}-baru`)).toMatchObject({
      '.id': idsBefore.get(b.username),
      password: 'Sandi-Baru-99',
    });
    expect(opStatuses(a.id)).toEqual(['secret.upsert:done', 'secret.upsert:done', 'session.kick:done']);
    expect(opStatuses(b.id).slice(0, 2)).toEqual(['secret.upsert:done', 'secret.upsert:done']);
    expect(opStatuses(b.id).every((o) => o.endsWith(':done'))).toBe(true);
  });

  it('a same-named secret someone else made is refused when looked up by name, as after a full print', async () => {
    await accounts(12);
    await n.engine.runOnce(n.routerId);
    // A technician made a secret on the router; the desk then gives a new account the same name.
    n.sim.addSecret({ name: 'teknisi-rumah', password: 'punya-orang-lain', comment: 'dibuat teknisi' });
    const { pkg } = await customerAndPackage(n.t, 'Pelanggan Baru');
    const c = await n.t.ok('customers.create', { name: 'Pelanggan Baru' });
    const { account } = await n.t.ok('pppoe.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      username: 'teknisi-rumah',
      password: 'Rahasia-baru-99',
    });
    const prints = secretPrints();
    expect(await n.engine.runOnce(n.routerId)).toMatchObject({ failed: 1, connectionError: null });
    expect(prints).toEqual({ all: 0, byName: ['teknisi-rumah'] });
    expect(n.sim.secrets().filter((s) => s.name === 'teknisi-rumah')).toEqual([
      expect.objectContaining({ password: 'punya-orang-lain', comment: 'dibuat teknisi' }),
    ]);
    expect(opStatuses(account.id)).toEqual(['secret.upsert:failed']);
  });
});
