/**
 * `/ip/firewall/filter` and `/ip/firewall/nat` for the simulator: ordered rules (the router evaluates
 * them top to bottom), `add =place-before=*N`, comments, and the checks RouterOS makes on add/set.
 * Also the `/interface` rows of PPPoE sessions (`<pppoe-NAME>`, type `pppoe-in`, byte counters).
 */
import { SimTrap, type ActiveSession, type MenuSpec, type SimState } from './state';

const RULE_FIELDS = [
  'chain',
  'action',
  'protocol',
  'src-address',
  'dst-address',
  'src-address-list',
  'dst-address-list',
  'src-port',
  'dst-port',
  'in-interface',
  'out-interface',
  'connection-state',
  'to-addresses',
  'to-ports',
  'jump-target',
  'reject-with',
  'log',
  'log-prefix',
  'comment',
  'disabled',
];

const ACTIONS: Record<string, string[]> = {
  '/ip/firewall/filter': ['accept', 'drop', 'reject', 'jump', 'return', 'log', 'passthrough', 'fasttrack-connection'],
  '/ip/firewall/nat': ['accept', 'dst-nat', 'src-nat', 'masquerade', 'redirect', 'netmap', 'jump', 'return', 'log'],
};
const CHAINS: Record<string, string[]> = {
  '/ip/firewall/filter': ['input', 'forward', 'output'],
  '/ip/firewall/nat': ['srcnat', 'dstnat'],
};

function ruleMenu(path: string): MenuSpec {
  return {
    path,
    ordered: true,
    required: ['chain'],
    fields: RULE_FIELDS,
    defaults: { action: 'accept', disabled: 'false', dynamic: 'false', invalid: 'false', log: 'false' },
    booleans: ['disabled', 'dynamic', 'invalid', 'log'],
    validate: (v) => {
      // A user chain (jump target) may have any name; the built-in ones are per table.
      if (!CHAINS[path]!.includes(v.chain!) && !/^[\w-]+$/.test(v.chain ?? ''))
        throw new SimTrap('input does not match any value of chain');
      if (!ACTIONS[path]!.includes(v.action!)) throw new SimTrap('input does not match any value of action');
      if ((v['dst-port'] || v['src-port']) && !['tcp', 'udp', '6', '17'].includes(v.protocol ?? ''))
        throw new SimTrap('failure: dst-port can be specified only for tcp, udp, udp-lite, dccp and sctp protocols');
      if (v.action === 'dst-nat' && !v['to-addresses'] && !v['to-ports'])
        throw new SimTrap('failure: to-addresses or to-ports must be specified');
      if (v['to-ports'] && !/^\d{1,5}(-\d{1,5})?$/.test(v['to-ports']))
        throw new SimTrap('value of to-ports out of range (0..65535)');
    },
  };
}

export function firewallMenus(): MenuSpec[] {
  return [ruleMenu('/ip/firewall/filter'), ruleMenu('/ip/firewall/nat')];
}

/** `/interface/print`: one ethernet port plus a dynamic `pppoe-in` interface per active session. */
export function interfaceRows(state: SimState): Record<string, string>[] {
  const b = (x: boolean) => state.bool(x);
  const ether = {
    '.id': '*1',
    name: 'ether1',
    'default-name': 'ether1',
    type: 'ether',
    mtu: '1500',
    'rx-byte': '0',
    'tx-byte': '0',
    running: b(true),
    disabled: b(false),
    dynamic: b(false),
  };
  const pppoe = (s: ActiveSession) => ({
    '.id': s.ifaceId,
    name: `<pppoe-${s.name}>`,
    type: 'pppoe-in',
    mtu: '1480',
    'rx-byte': String(s.rxBytes),
    'tx-byte': String(s.txBytes),
    'rx-packet': String(Math.floor(s.rxBytes / 1000)),
    'tx-packet': String(Math.floor(s.txBytes / 1000)),
    running: b(true),
    disabled: b(false),
    dynamic: b(true),
  });
  return [ether, ...[...state.active.values()].map(pppoe)];
}
