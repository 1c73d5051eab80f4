import { afterEach, describe, expect, it } from 'vitest';
import { poolConnector } from '../../../src-main/core/network/pool-connector';
import { setConnector } from '../../../src-main/core/network/router-access';
import { RouterSim } from '../../routeros-sim/simulator';
import { testApp } from '../../helpers/app';

/*
 * The isolir router setup against the simulator in 6.49 and 7.18 modes: preview, apply, re-apply = no
 * change, remove = the router exactly as it was, the operator's own rules untouched and kept in order.
 */

const MENUS = ['/ip/pool', '/ppp/profile', '/ip/firewall/nat', '/ip/firewall/filter', '/ppp/secret'];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(version: string) {
  const t = await testApp();
  const sim = await new RouterSim({ version }).start();
  const connector = poolConnector(t.app.ctx);
  setConnector(t.app.ctx, connector);
  cleanups.push(
    () => t.close(),
    () => sim.stop(),
    () => connector.close(),
  );
  // The operator's own configuration: a LAN pool, default-config style filter and a port forward.
  const st = sim.state;
  st.menu('/ip/pool').add({ name: 'dhcp', ranges: '192.168.88.10-192.168.88.254' });
  const filter = st.menu('/ip/firewall/filter');
  filter.add({ chain: 'input', action: 'accept', 'connection-state': 'established,related', comment: 'defconf' });
  filter.add({ chain: 'forward', action: 'fasttrack-connection', 'connection-state': 'established,related' });
  filter.add({ chain: 'forward', action: 'accept', 'connection-state': 'established,related', comment: 'defconf' });
  filter.add({ chain: 'forward', action: 'accept', 'in-interface': 'bridge', comment: 'LAN out' });
  st.menu('/ip/firewall/nat').add({ chain: 'srcnat', action: 'masquerade', 'out-interface': 'ether1' });
  st.menu('/ip/firewall/nat').add({
    chain: 'dstnat',
    action: 'dst-nat',
    protocol: 'tcp',
    'dst-port': '8080',
    'to-addresses': '192.168.88.5',
    comment: 'CCTV',
  });
  const target = sim.target();
  const router = await t.ok('routers.create', {
    name: 'Kantor',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  await t.ok('settings.update', { isolirPortalAddress: '192.168.88.2', isolirPortalPort: 8081 });
  const snapshot = () => JSON.stringify(MENUS.map((m) => sim.rows(m)));
  return { t, sim, routerId: router.id, snapshot };
}

describe.each(['6.49.10', '7.18.2'])('isolir router setup on RouterOS %s', (version) => {
  it('previews, applies, re-applies with no change and removes back to the router as it was', async () => {
    const { t, sim, routerId, snapshot } = await rig(version);
    const before = snapshot();
    const operatorFilter = sim.rows('/ip/firewall/filter').map((r) => r['.id']);

    const plan = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    expect(plan.problems).toEqual([]);
    expect(plan.changes.map((c) => `${c.action} ${c.menu} ${c.key}`)).toEqual([
      'add /ip/pool pool',
      'add /ppp/profile profile',
      'add /ip/firewall/nat http-redirect',
      'add /ip/firewall/filter dns-udp',
      'add /ip/firewall/filter dns-tcp',
      'add /ip/firewall/filter portal',
      'add /ip/firewall/filter https-drop',
      'add /ip/firewall/filter drop-rest',
    ]);
    expect(snapshot()).toBe(before); // a dry run writes nothing

    const run = await t.ok('routers.isolirRun', { routerId, mode: 'apply', fingerprint: plan.fingerprint });
    expect(run.done).toHaveLength(8);
    const filter = sim.rows('/ip/firewall/filter');
    // Ours sit at the top of the forward chain, before the operator's fasttrack and accept rules, in order.
    expect(filter.map((r) => r.comment ?? r.action)).toEqual([
      'defconf',
      'pppoe-desk:isolir:dns-udp',
      'pppoe-desk:isolir:dns-tcp',
      'pppoe-desk:isolir:portal',
      'pppoe-desk:isolir:https-drop',
      'pppoe-desk:isolir:drop-rest',
      'fasttrack-connection',
      'defconf',
      'LAN out',
    ]);
    const nat = sim.rows('/ip/firewall/nat');
    expect(nat.map((r) => r.comment ?? r.action)).toEqual(['masquerade', 'pppoe-desk:isolir:http-redirect', 'CCTV']);
    expect(nat[1]).toMatchObject({
      chain: 'dstnat',
      'src-address-list': 'pppoe-desk-isolir',
      protocol: 'tcp',
      'dst-port': '80',
      'to-addresses': '192.168.88.2',
      'to-ports': '8081',
    });
    expect(sim.profiles().find((p) => p.name === 'ISOLIR')).toMatchObject({
      'remote-address': 'pppoe-desk-isolir',
      'address-list': 'pppoe-desk-isolir',
      comment: 'pppoe-desk:isolir:profile',
    });
    // The operator's rules are the same objects with the same values.
    expect(filter.filter((r) => !r.comment?.startsWith('pppoe-desk')).map((r) => r['.id'])).toEqual(operatorFilter);

    const again = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    expect(again.pending).toBe(0);
    expect(again.changes.every((c) => c.action === 'keep')).toBe(true);
    const afterApply = snapshot();
    const rerun = await t.ok('routers.isolirRun', { routerId, mode: 'apply', fingerprint: again.fingerprint });
    expect(rerun.done).toEqual([]);
    expect(snapshot()).toBe(afterApply);

    const removal = await t.ok('routers.isolirPreview', { routerId, mode: 'remove' });
    expect(removal.changes.map((c) => c.action)).toEqual(Array(8).fill('remove'));
    await t.ok('routers.isolirRun', { routerId, mode: 'remove', fingerprint: removal.fingerprint });
    expect(snapshot()).toBe(before);

    const audit = t.app.ctx.sqlite
      .prepare(`SELECT action FROM audit_log WHERE action LIKE 'router.isolir.%' ORDER BY id`)
      .all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['router.isolir.apply', 'router.isolir.remove']);
  });

  it('changes only what differs after a settings change, and refuses a stale preview', async () => {
    const { t, sim, routerId } = await rig(version);
    const p1 = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    await t.ok('routers.isolirRun', { routerId, mode: 'apply', fingerprint: p1.fingerprint });
    await t.ok('settings.update', { isolirPortalPort: 8082 });
    const p2 = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    expect(p2.changes.filter((c) => c.action !== 'keep').map((c) => [c.key, c.changes])).toEqual([
      ['http-redirect', [{ field: 'to-ports', from: '8081', to: '8082' }]],
      ['portal', [{ field: 'dst-port', from: '8081', to: '8082' }]],
    ]);
    // Someone deletes one of our rules on the router between preview and apply: refused, nothing written.
    const portal = sim.rows('/ip/firewall/filter').find((r) => r.comment === 'pppoe-desk:isolir:portal')!;
    sim.state.menu('/ip/firewall/filter').remove({ '.id': portal['.id']! });
    const stale = await t.call('routers.isolirRun', { routerId, mode: 'apply', fingerprint: p2.fingerprint });
    expect(stale.ok).toBe(false);
    expect(sim.rows('/ip/firewall/nat').find((r) => r.comment?.endsWith('http-redirect'))?.['to-ports']).toBe('8081');
    // Re-added in its place (before https-drop), not at the end of the chain.
    const p3 = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    await t.ok('routers.isolirRun', { routerId, mode: 'apply', fingerprint: p3.fingerprint });
    const ours = sim.rows('/ip/firewall/filter').filter((r) => r.comment?.startsWith('pppoe-desk'));
    expect(ours.map((r) => r.comment!.split(':')[2])).toEqual([
      'dns-udp',
      'dns-tcp',
      'portal',
      'https-drop',
      'drop-rest',
    ]);
  });

  it('takes over the isolir profile the sync worker made and puts it back as it was on removal', async () => {
    const { t, sim, routerId, snapshot } = await rig(version);
    // What profile.ensure creates on every router (no comment).
    sim.addProfile({ name: 'ISOLIR', 'rate-limit': '256k/256k', 'address-list': 'ISOLIR' });
    sim.addSecret({ name: 'budi', profile: 'ISOLIR' }); // an isolated account keeps working throughout
    const before = snapshot();
    const plan = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    expect(plan.problems).toEqual([]);
    const profile = plan.changes.find((c) => c.key === 'profile')!;
    expect(profile.action).toBe('set');
    expect(profile.changes.map((c) => c.field).sort()).toEqual(
      ['address-list', 'comment', 'dns-server', 'local-address', 'remote-address'].sort(),
    );
    await t.ok('routers.isolirRun', { routerId, mode: 'apply', fingerprint: plan.fingerprint });
    expect(sim.profiles().find((p) => p.name === 'ISOLIR')).toMatchObject({
      comment: 'pppoe-desk:isolir:profile;adopted',
      'address-list': 'pppoe-desk-isolir',
    });
    expect((await t.ok('routers.isolirPreview', { routerId, mode: 'apply' })).pending).toBe(0);
    const rm = await t.ok('routers.isolirPreview', { routerId, mode: 'remove' });
    expect(rm.problems).toEqual([]); // the profile stays, so isolated accounts do not block removal
    expect(rm.changes.find((c) => c.key === 'profile')?.action).toBe('set');
    await t.ok('routers.isolirRun', { routerId, mode: 'remove', fingerprint: rm.fingerprint });
    expect(snapshot()).toBe(before);
  });

  it('refuses names the operator already uses, missing settings, and a remove while accounts are isolated', async () => {
    const { t, sim, routerId, snapshot } = await rig(version);
    sim.addProfile({ name: 'ISOLIR', 'rate-limit': '1M/1M' }); // the operator's own profile of that name
    const before = snapshot();
    const p = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    expect(p.problems).toEqual([expect.stringContaining('Profile ISOLIR already exists')]);
    const r = await t.call('routers.isolirRun', { routerId, mode: 'apply', fingerprint: p.fingerprint });
    expect(r.ok).toBe(false);
    expect(snapshot()).toBe(before);

    sim.state.menu('/ppp/profile').remove({ numbers: 'ISOLIR' });
    await t.ok('settings.update', { isolirPortalAddress: '' });
    const missing = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    expect(missing.problems).toEqual([expect.stringContaining('isolir page address')]);

    await t.ok('settings.update', { isolirPortalAddress: '192.168.88.2' });
    const ok = await t.ok('routers.isolirPreview', { routerId, mode: 'apply' });
    await t.ok('routers.isolirRun', { routerId, mode: 'apply', fingerprint: ok.fingerprint });
    sim.addSecret({ name: 'budi', profile: 'ISOLIR' });
    const rm = await t.ok('routers.isolirPreview', { routerId, mode: 'remove' });
    expect(rm.problems).toEqual([expect.stringContaining('1 PPPoE accounts are isolated')]);
    expect((await t.call('routers.isolirRun', { routerId, mode: 'remove', fingerprint: rm.fingerprint })).ok).toBe(
      false,
    );

    const bad = await t.call('routers.isolirRun', { routerId, mode: 'apply', fingerprint: 'x' } as never);
    expect(bad.ok).toBe(false);
    const badSetting = await t.call('settings.update', { isolirPoolRanges: '10.0.0.1' });
    expect(badSetting.ok).toBe(false);
  });
});
