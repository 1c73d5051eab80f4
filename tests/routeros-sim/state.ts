/**
 * In-memory RouterOS menus for the simulator: /ppp/secret, /ppp/profile, /ppp/active and a few more,
 * with the router's own error texts and print queries (`?name=x`, `?-name`, `?>a=1`, `?#|&!.`).
 */

export class SimTrap extends Error {
  constructor(
    message: string,
    readonly category?: string,
  ) {
    super(message);
  }
}

export interface MenuSpec {
  path: string;
  /** Field that must be unique (`name`), or a function giving a uniqueness key. */
  unique?: string | ((v: Record<string, string>) => string);
  dupMessage?: string;
  required?: string[];
  fields: string[];
  /** Fields shown on print even when never set. */
  defaults?: Record<string, string>;
  booleans?: string[];
  readOnly?: boolean;
  /** Rows keep an order the router evaluates (firewall rules): `add =place-before=*N` inserts before *N. */
  ordered?: boolean;
  /** Ids given to built-in rows (e.g. the `default` profile is `*0`). */
  builtin?: Array<{ id: string; values: Record<string, string>; fixed?: boolean }>;
  validate?(values: Record<string, string>, state: SimState): void;
}

export interface Item {
  id: string;
  values: Record<string, string>;
  fixed?: boolean;
}

const TRUE = new Set(['yes', 'true']);
const FALSE = new Set(['no', 'false']);

export class Menu {
  readonly items = new Map<string, Item>();
  /** Unique key → item, so lookups stay O(1) with thousands of secrets (benchmarks). */
  private readonly byKey = new Map<string, Item>();
  private nextId = 1;
  constructor(
    readonly spec: MenuSpec,
    private readonly state: SimState,
  ) {
    this.clear();
  }

  /** Back to the factory rows only (`/system reset-configuration`). */
  clear() {
    this.items.clear();
    this.byKey.clear();
    this.nextId = 1;
    for (const b of this.spec.builtin ?? []) this.insert({ id: b.id, values: { ...b.values }, fixed: b.fixed });
  }

  private insert(item: Item) {
    this.items.set(item.id, item);
    const k = this.key({ ...this.spec.defaults, ...item.values });
    if (k !== undefined) this.byKey.set(k, item);
  }

  /** Row as the router prints it: `.id` first, booleans in the version's style. */
  render(item: Item): Record<string, string> {
    const out: Record<string, string> = { '.id': item.id };
    const v = { ...this.spec.defaults, ...item.values };
    for (const [k, val] of Object.entries(v)) {
      out[k] = this.spec.booleans?.includes(k) ? this.state.bool(val === 'true') : val;
    }
    return out;
  }

  rows(): Record<string, string>[] {
    return [...this.items.values()].map((i) => this.render(i));
  }

  find(ref: string): Item | undefined {
    if (ref.startsWith('*')) return this.items.get(`*${ref.slice(1).toUpperCase()}`);
    if (typeof this.spec.unique === 'string') return this.byKey.get(ref);
    for (const i of this.items.values()) if (i.values.name === ref) return i;
    return undefined;
  }

  /** Resolves `=numbers=a,b` / `=.id=*1`; a missing one is the router's `no such item`. */
  resolve(attrs: Record<string, string>): Item[] {
    const ref = attrs['.id'] ?? attrs.numbers;
    if (ref === undefined || ref === '') throw new SimTrap('no such item');
    return ref.split(',').map((r) => {
      const item = this.find(r.trim());
      if (!item) throw new SimTrap('no such item');
      return item;
    });
  }

  private normalise(attrs: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs)) {
      if (k === '.id' || k === 'numbers') continue;
      if (!this.spec.fields.includes(k)) throw new SimTrap(`unknown parameter ${k}`);
      if (this.spec.booleans?.includes(k)) {
        if (TRUE.has(v)) out[k] = 'true';
        else if (FALSE.has(v)) out[k] = 'false';
        else throw new SimTrap(`value of ${k} must be yes or no`);
      } else out[k] = v;
    }
    return out;
  }

  private key(values: Record<string, string>): string | undefined {
    const u = this.spec.unique;
    if (!u) return undefined;
    return typeof u === 'string' ? values[u] : u(values);
  }

  private checkUnique(values: Record<string, string>, self?: Item) {
    const k = this.key(values);
    if (k === undefined) return;
    const other = this.byKey.get(k);
    if (other && other !== self)
      throw new SimTrap(this.spec.dupMessage ?? 'failure: item with the same name already exists');
  }

  add(attrs: Record<string, string>): string {
    if (this.spec.readOnly) throw new SimTrap('no such command');
    const { 'place-before': before, ...rest } = attrs;
    if (before !== undefined && !this.spec.ordered) throw new SimTrap('unknown parameter place-before');
    const anchor = before === undefined ? undefined : this.find(before);
    if (before !== undefined && !anchor) throw new SimTrap('no such item');
    const values = this.normalise(rest);
    for (const r of this.spec.required ?? []) if (!values[r]) throw new SimTrap(`failure: ${r} must be specified`);
    this.spec.validate?.({ ...this.spec.defaults, ...values }, this.state);
    this.checkUnique({ ...this.spec.defaults, ...values });
    const id = `*${(this.nextId++).toString(16).toUpperCase()}`;
    this.insert({ id, values });
    if (anchor) placeBefore(this.items, id, anchor.id);
    return id;
  }

  set(attrs: Record<string, string>) {
    if (this.spec.readOnly) throw new SimTrap('no such command');
    const targets = this.resolve(attrs);
    const changes = this.normalise(attrs);
    for (const t of targets) {
      const next = { ...t.values, ...changes };
      this.spec.validate?.({ ...this.spec.defaults, ...next }, this.state);
      this.checkUnique({ ...this.spec.defaults, ...next }, t);
    }
    for (const t of targets) {
      this.unindex(t);
      Object.assign(t.values, changes);
      // RouterOS prints no comment once it is set to empty.
      if (changes.comment === '') delete t.values.comment;
      this.insert(t);
    }
  }

  /** `unset =numbers=… =value-name=<property>`: the property goes back to not set (not printed). */
  unset(attrs: Record<string, string>) {
    if (this.spec.readOnly) throw new SimTrap('no such command');
    const name = attrs['value-name'] ?? '';
    if (!this.spec.fields.includes(name) || name === 'name') throw new SimTrap(`unknown parameter ${name}`);
    for (const t of this.resolve(attrs)) delete t.values[name];
  }

  private unindex(item: Item) {
    const k = this.key({ ...this.spec.defaults, ...item.values });
    if (k !== undefined && this.byKey.get(k) === item) this.byKey.delete(k);
  }

  remove(attrs: Record<string, string>) {
    const targets = this.resolve(attrs);
    for (const t of targets) if (t.fixed) throw new SimTrap('failure: can not remove default item');
    for (const t of targets) {
      this.unindex(t);
      this.items.delete(t.id);
    }
    return targets;
  }
}

/** Re-orders a Map so `id` sits right before `anchor` (Map keeps insertion order). */
function placeBefore(items: Map<string, Item>, id: string, anchor: string) {
  const moved = items.get(id)!;
  const entries = [...items.entries()].filter(([k]) => k !== id);
  items.clear();
  for (const [k, v] of entries) {
    if (k === anchor) items.set(id, moved);
    items.set(k, v);
  }
}

export interface ActiveSession {
  id: string;
  name: string;
  service: string;
  callerId: string;
  address: string;
  sessionId: string;
  connectedAt: number;
  rxBps: number;
  txBps: number;
  /** The session's dynamic `<pppoe-NAME>` interface: a new `.id` and counters from zero per session. */
  ifaceId: string;
  /** Interface byte counters: rx = received from the customer (upload), tx = sent to them (download). */
  rxBytes: number;
  txBytes: number;
}

export function formatUptime(ms: number): string {
  let s = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, string][] = [
    [604800, 'w'],
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
  ];
  let out = '';
  for (const [n, u] of parts) {
    if (s >= n) {
      out += `${Math.floor(s / n)}${u}`;
      s %= n;
    }
  }
  return `${out}${s}s`;
}

export class SimState {
  /** `true`/`false` on RouterOS 7, `yes`/`no` before. */
  boolStyle: 'v7' | 'v6' = 'v7';
  identity = 'MikroTik';
  bootedAt = Date.now();
  readonly menus = new Map<string, Menu>();
  readonly active = new Map<string, ActiveSession>();
  /** The same sessions by user name (one per name), so connecting 500,000 users is not quadratic. */
  private readonly activeByName = new Map<string, ActiveSession>();
  private nextActive = 0x80000000;
  private nextSession = 0x81000000;
  private nextIface = 0xf00000;
  /** Listeners of /ppp/active changes (the `listen` command). */
  readonly activeListeners = new Set<(row: Record<string, string>) => void>();

  bool(b: boolean) {
    return this.boolStyle === 'v7' ? String(b) : b ? 'yes' : 'no';
  }

  constructor() {
    const menu = (spec: MenuSpec) => this.menus.set(spec.path, new Menu(spec, this));
    menu({
      path: '/ppp/secret',
      unique: 'name',
      dupMessage: 'failure: secret with the same name already exists',
      required: ['name'],
      fields: [
        'name',
        'password',
        'service',
        'profile',
        'local-address',
        'remote-address',
        'caller-id',
        'routes',
        'limit-bytes-in',
        'limit-bytes-out',
        'disabled',
        'comment',
        'last-logged-out',
        'last-caller-id',
        'last-disconnect-reason',
      ],
      defaults: {
        service: 'any',
        profile: 'default',
        'caller-id': '',
        password: '',
        disabled: 'false',
        'last-logged-out': '1970-01-01 00:00:00',
      },
      booleans: ['disabled'],
      validate: (v, st) => {
        if (v.profile && !st.menu('/ppp/profile').find(v.profile))
          throw new SimTrap('input does not match any value of profile');
        if (v.service && !['any', 'async', 'l2tp', 'ovpn', 'pppoe', 'pptp', 'sstp'].includes(v.service))
          throw new SimTrap('input does not match any value of service');
        // Strict on purpose: an empty value is refused too (not every RouterOS version takes one), so
        // clearing a static IP must use `unset`.
        for (const f of ['local-address', 'remote-address'] as const) {
          if (v[f] !== undefined && !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(v[f]))
            throw new SimTrap(`value of ${f} must be an IP address`);
        }
      },
    });
    menu({
      path: '/ppp/profile',
      unique: 'name',
      dupMessage: 'failure: profile with the same name already exists',
      required: ['name'],
      fields: [
        'name',
        'local-address',
        'remote-address',
        'rate-limit',
        'address-list',
        'only-one',
        'dns-server',
        'comment',
        'bridge',
        'incoming-filter',
        'outgoing-filter',
        'parent-queue',
        'session-timeout',
        'idle-timeout',
        'change-tcp-mss',
        'use-encryption',
        'use-compression',
        'use-upnp',
        'use-mpls',
      ],
      defaults: { 'only-one': 'default', 'change-tcp-mss': 'default', 'use-encryption': 'default' },
      builtin: [
        { id: '*0', values: { name: 'default' }, fixed: true },
        { id: '*FFFFFFFE', values: { name: 'default-encryption', 'use-encryption': 'yes' }, fixed: true },
      ],
    });
    menu({
      path: '/ip/pool',
      unique: 'name',
      dupMessage: 'failure: pool with the same name already exists',
      required: ['name', 'ranges'],
      fields: ['name', 'ranges', 'next-pool', 'comment'],
    });
    menu({
      path: '/ip/firewall/address-list',
      unique: (v) => `${v.list}|${v.address}`,
      dupMessage: 'failure: already have such entry',
      required: ['list', 'address'],
      fields: ['list', 'address', 'comment', 'disabled', 'timeout'],
      defaults: { disabled: 'false', dynamic: 'false' },
      booleans: ['disabled', 'dynamic'],
    });
    menu({
      path: '/queue/simple',
      unique: 'name',
      dupMessage: 'failure: queue with the same name already exists',
      required: ['target'],
      fields: ['name', 'target', 'max-limit', 'limit-at', 'parent', 'comment', 'disabled'],
      defaults: { disabled: 'false', 'max-limit': '0/0', bytes: '0/0', rate: '0/0' },
      booleans: ['disabled'],
    });
  }

  /** More menus (the simulator adds the firewall's, firewall.ts). */
  addMenu(spec: MenuSpec) {
    this.menus.set(spec.path, new Menu(spec, this));
  }

  menu(path: string): Menu {
    const m = this.menus.get(path);
    if (!m) throw new Error(`no menu ${path}`);
    return m;
  }

  renderActive(s: ActiveSession): Record<string, string> {
    return {
      '.id': s.id,
      name: s.name,
      service: s.service,
      'caller-id': s.callerId,
      address: s.address,
      uptime: formatUptime(Date.now() - s.connectedAt),
      encoding: '',
      'session-id': s.sessionId,
      'limit-bytes-in': '0',
      'limit-bytes-out': '0',
      radius: this.bool(false),
    };
  }

  /** A PPPoE client dials in (test helper). */
  connect(
    name: string,
    opts: { address?: string; callerId?: string; rxBps?: number; txBps?: number } = {},
  ): ActiveSession {
    const secret = this.menu('/ppp/secret').find(name);
    if (!secret) throw new Error(`simulator: no secret ${name}`);
    const online = this.activeByName.get(name);
    if (online) return online;
    const n = this.active.size + 2;
    const s: ActiveSession = {
      id: `*${(this.nextActive++).toString(16).toUpperCase()}`,
      name,
      service: 'pppoe',
      callerId:
        opts.callerId ??
        `AA:BB:CC:${((n >> 16) & 0xff).toString(16).padStart(2, '0')}:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`.toUpperCase(),
      address: opts.address ?? secret.values['remote-address'] ?? `10.10.${(n >> 8) & 0xff}.${n & 0xff}`,
      sessionId: `0x${(this.nextSession++).toString(16).toUpperCase()}`,
      connectedAt: Date.now(),
      rxBps: opts.rxBps ?? 1_000_000 + n * 1000,
      txBps: opts.txBps ?? 5_000_000 + n * 1000,
      ifaceId: `*${(this.nextIface++).toString(16).toUpperCase()}`,
      rxBytes: 0,
      txBytes: 0,
    };
    this.active.set(s.id, s);
    this.activeByName.set(name, s);
    for (const l of this.activeListeners) l(this.renderActive(s));
    return s;
  }

  /** A router reset: every PPP secret, profile, pool, list and queue gone (built-ins stay), sessions dropped. */
  reset() {
    for (const s of [...this.active.values()]) this.disconnect(s.id, 'reset');
    for (const m of this.menus.values()) m.clear();
  }

  /** A power cycle: config kept, every session (and its interface counters) gone. */
  reboot() {
    for (const s of [...this.active.values()]) this.disconnect(s.id, 'reboot');
    this.bootedAt = Date.now();
  }

  disconnect(idOrName: string, reason = 'hung-up'): boolean {
    const s = this.active.get(idOrName) ?? this.activeByName.get(idOrName);
    if (!s) return false;
    this.active.delete(s.id);
    this.activeByName.delete(s.name);
    const secret = this.menu('/ppp/secret').find(s.name);
    if (secret) {
      const d = new Date();
      secret.values['last-logged-out'] = d.toISOString().slice(0, 19).replace('T', ' ');
      secret.values['last-caller-id'] = s.callerId;
      secret.values['last-disconnect-reason'] = reason;
    }
    for (const l of this.activeListeners) l({ '.id': s.id, '.dead': 'yes' });
    return true;
  }

  sessionByInterface(iface: string): ActiveSession | undefined {
    const m = /^<pppoe-(.+)>$/.exec(iface);
    if (!m) return undefined;
    return this.activeByName.get(m[1]!);
  }
}

/** Applies RouterOS print query words (a stack machine) to one row. */
export function matchQuery(row: Record<string, string>, queries: string[]): boolean {
  if (!queries.length) return true;
  const stack: boolean[] = [];
  const eq = (a: string | undefined, b: string) =>
    a === b || (a !== undefined && ((TRUE.has(a) && TRUE.has(b)) || (FALSE.has(a) && FALSE.has(b))));
  for (const q of queries) {
    const body = q.slice(1);
    if (body.startsWith('#')) {
      for (const op of body.slice(1)) {
        if (op === '!') stack.push(!stack.pop());
        else if (op === '&' || op === '|') {
          const b = stack.pop() ?? true;
          const a = stack.pop() ?? true;
          stack.push(op === '&' ? a && b : a || b);
        } else if (op === '.') stack.push(stack[stack.length - 1] ?? true);
        else if (/\d/.test(op)) stack.push(stack[Number(op)] ?? true);
      }
      continue;
    }
    if (body.startsWith('-')) {
      stack.push(row[body.slice(1)] === undefined);
      continue;
    }
    const cmp = body[0] === '<' || body[0] === '>' ? body[0] : '';
    const rest = cmp ? body.slice(1) : body;
    const i = rest.indexOf('=');
    if (i < 0) {
      stack.push(row[rest] !== undefined);
      continue;
    }
    const k = rest.slice(0, i);
    const v = rest.slice(i + 1);
    const have = row[k];
    if (!cmp) stack.push(eq(have, v));
    else if (have === undefined) stack.push(false);
    else {
      const [a, b] = [Number(have), Number(v)];
      const numeric = !Number.isNaN(a) && !Number.isNaN(b);
      stack.push(cmp === '<' ? (numeric ? a < b : have < v) : numeric ? a > b : have > v);
    }
  }
  return stack.every(Boolean);
}
