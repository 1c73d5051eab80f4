/**
 * RouterOS API simulator: a TCP (or TLS) server on 127.0.0.1 speaking the real API wire protocol, with
 * PPPoE state in memory and fault injection for tests and benchmarks. See tests/routeros-sim/README.md.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import type { RouterTarget } from '../../src-main/routeros/client';
import { firewallMenus, interfaceRows } from './firewall';
import { SimState, SimTrap, formatUptime, matchQuery, type ActiveSession } from './state';
import { WireReader, encodeSentence } from './wire';

export type SimFault =
  /** Answer `!trap` (+ `!done`) instead of running the command. */
  | { kind: 'trap'; message: string; category?: string }
  /** Answer `!fatal <message>` and close the connection. */
  | { kind: 'fatal'; message?: string }
  /** Close the connection on receipt, without answering. */
  | { kind: 'drop' }
  /** Run the command, send the first half of the reply, then close the connection. */
  | { kind: 'dropMidReply' }
  /** Never answer this command (a `/cancel` of its tag still ends it). */
  | { kind: 'silent' }
  /** Answer with these raw bytes instead of a reply. */
  | { kind: 'garbage'; bytes: Buffer }
  /** Run and answer the command only once `open` resolves (the test decides when a step completes). */
  | { kind: 'gate'; open: Promise<void> };

export interface SplitMode {
  /** Write each reply in segments of this many bytes (1 = one byte per TCP segment). */
  segmentSize?: number;
  /** Or split each reply at these byte offsets (negative counts from the end: -1 = final zero byte alone). */
  at?: number[];
  /**
   * Pause between segments so the client really reads them separately (default 1 ms). With 0 each
   * segment is still its own write + TCP segment (no-delay), but the client may read several at once.
   */
  gapMs?: number;
}

export interface SimOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Login users, name → password. Default `{ admin: 'rahasia' }`. */
  users?: Record<string, string>;
  /** RouterOS version, e.g. `7.19.4` (default; `!empty` and true/false booleans) or `6.49.10`. */
  version?: string;
  /** Pre-6.43 challenge login (`!done =ret=<challenge>`, md5 response). */
  legacyLogin?: boolean;
  identity?: string;
  boardName?: string;
  /** Serve API-SSL with this key/cert instead of plain TCP. */
  tls?: tls.TlsOptions;
  /** Put `.tag=` right after the reply word instead of at the end. */
  tagFirst?: boolean;
  /** Interval of streaming monitor-traffic rows (default 1000 ms). */
  monitorIntervalMs?: number;
}

interface Rule {
  match: (cmd: string, attrs: Record<string, string>) => boolean;
  fault: SimFault;
  remaining: number;
}

export interface SimCommandEvent {
  command: string;
  attrs: Record<string, string>;
  queries: string[];
  tag?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class RouterSim extends EventEmitter {
  readonly state = new SimState();
  /** Change at any time; applies to the next reply/command. */
  readonly faults = {
    /** Every login fails with `invalid user name or password (6)`. */
    rejectLogins: false,
    /** Delay before each reply is written (ms). Replies keep their order; pipelined commands overlap. */
    latencyMs: 0,
    /** Accept connections and read, but never answer anything (login included). */
    silent: false,
    split: null as SplitMode | null,
    /** Force `!empty` replies on/off; default follows the version (7.18+). */
    emptyReplies: undefined as boolean | undefined,
  };
  readonly stats = {
    connections: 0,
    open: 0,
    logins: 0,
    loginFailures: 0,
    commands: 0,
    byCommand: {} as Record<string, number>,
  };
  readonly users: Map<string, string>;
  version: string;
  boardName: string;
  cpuLoad = 3;
  legacyLogin: boolean;
  port = 0;
  private server: net.Server | null = null;
  private readonly conns = new Set<SimConnection>();
  private rules: Rule[] = [];
  /** Commands added from outside (e.g. sms.ts installs `/tool/sms/send`): attrs → `!re` rows; throw SimTrap to refuse. */
  readonly extraCommands = new Map<string, (attrs: Record<string, string>) => Record<string, string>[]>();

  constructor(readonly opts: SimOptions = {}) {
    super();
    this.users = new Map(Object.entries(opts.users ?? { admin: 'rahasia' }));
    this.version = opts.version ?? '7.19.4';
    this.legacyLogin = opts.legacyLogin ?? false;
    this.boardName = opts.boardName ?? 'hEX';
    this.state.identity = opts.identity ?? 'MikroTik';
    for (const spec of firewallMenus()) this.state.addMenu(spec);
    this.port = opts.port ?? 0;
    this.applyVersion();
  }

  setVersion(v: string) {
    this.version = v;
    this.applyVersion();
  }

  private applyVersion() {
    this.state.boolStyle = this.versionAtLeast(7, 0) ? 'v7' : 'v6';
  }

  versionAtLeast(major: number, minor: number) {
    const [a = 0, b = 0] = this.version.split('.').map((x) => parseInt(x, 10));
    return a > major || (a === major && b >= minor);
  }

  get emptyMode() {
    return this.faults.emptyReplies ?? this.versionAtLeast(7, 18);
  }

  async start(): Promise<this> {
    const onSocket = (socket: net.Socket) => {
      const c = new SimConnection(this, socket);
      this.conns.add(c);
      this.stats.connections++;
      this.stats.open++;
      socket.on('close', () => {
        this.conns.delete(c);
        this.stats.open--;
        c.closed = true;
        c.stopAll();
        this.emit('disconnect');
      });
      this.emit('connection');
    };
    this.server = this.opts.tls ? tls.createServer(this.opts.tls, onSocket) : net.createServer(onSocket);
    this.server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** Closes the listener and every connection (state is kept, so `start()` again = a router reboot). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const c of this.conns) c.socket.destroy();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  /** Stop and listen again on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  get listening() {
    return this.server !== null;
  }

  /** Destroys every open connection (the listener stays up). */
  dropConnections() {
    for (const c of this.conns) c.socket.destroy();
  }

  /** Writes raw bytes to every open connection (garbage, truncated words...). */
  sendRaw(bytes: Buffer) {
    for (const c of this.conns) c.socket.write(bytes);
  }

  /** Injects a fault for `command` (exact path like `/ppp/secret/add`, or a predicate); returns a remover. */
  inject(
    command: string | ((cmd: string, attrs: Record<string, string>) => boolean),
    fault: SimFault,
    times = Infinity,
  ): () => void {
    const rule: Rule = { match: typeof command === 'string' ? (c) => c === command : command, fault, remaining: times };
    this.rules.push(rule);
    return () => {
      this.rules = this.rules.filter((r) => r !== rule);
    };
  }

  clearFaults() {
    this.rules = [];
    Object.assign(this.faults, {
      rejectLogins: false,
      latencyMs: 0,
      silent: false,
      split: null,
      emptyReplies: undefined,
    });
  }

  resetStats() {
    Object.assign(this.stats, { connections: 0, logins: 0, loginFailures: 0, commands: 0, byCommand: {} });
  }

  /** @internal */
  takeRule(cmd: string, attrs: Record<string, string>): SimFault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(cmd, attrs));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }

  /** A RouterTarget pointing at this simulator (admin / rahasia unless overridden). */
  target(over: Partial<RouterTarget> = {}): RouterTarget {
    const [username, password] = [...this.users.entries()][0] ?? ['admin', ''];
    return { host: '127.0.0.1', port: this.port, tls: !!this.opts.tls, username, password, ...over };
  }

  /** Resolves with the next command of that path the simulator receives. */
  waitForCommand(command: string): Promise<SimCommandEvent> {
    return new Promise((resolve) => {
      const on = (e: SimCommandEvent) => {
        if (e.command === command) {
          this.off('command', on);
          resolve(e);
        }
      };
      this.on('command', on);
    });
  }

  /** Resolves once `n` connections are open. */
  async waitForOpenConnections(n: number): Promise<void> {
    while (this.stats.open < n) await new Promise((r) => this.once('connection', r));
  }

  // ---- state helpers ----
  addProfile(values: Record<string, string>): string {
    return this.state.menu('/ppp/profile').add(values);
  }
  addSecret(values: Record<string, string>): string {
    return this.state.menu('/ppp/secret').add({ service: 'pppoe', ...values });
  }
  /** A technician reset the router: secrets, profiles, pools and lists gone; connections dropped. */
  resetConfiguration() {
    this.state.reset();
    this.dropConnections();
  }
  /** Secrets as the router prints them. */
  secrets(): Record<string, string>[] {
    return this.state.menu('/ppp/secret').rows();
  }
  secret(name: string): Record<string, string> | undefined {
    return this.secrets().find((s) => s.name === name);
  }
  profiles(): Record<string, string>[] {
    return this.state.menu('/ppp/profile').rows();
  }
  rows(menu: string): Record<string, string>[] {
    return this.state.menu(menu).rows();
  }
  /** A PPPoE user dials in (the secret must exist). */
  connectUser(
    name: string,
    opts?: { address?: string; callerId?: string; rxBps?: number; txBps?: number },
  ): ActiveSession {
    return this.state.connect(name, opts);
  }
  disconnectUser(name: string): boolean {
    return this.state.disconnect(name);
  }
  activeSessions(): Record<string, string>[] {
    return [...this.state.active.values()].map((s) => this.state.renderActive(s));
  }
  /** The session's interface counters grow: `up` bytes from the customer, `down` bytes to them. */
  addBytes(name: string, up: number, down: number) {
    for (const s of this.state.active.values())
      if (s.name === name) Object.assign(s, { rxBytes: s.rxBytes + up, txBytes: s.txBytes + down });
  }
  /** A power cycle: every PPP session and its counters gone, config kept; connections dropped. */
  async reboot(): Promise<void> {
    this.state.reboot();
    await this.restart();
  }
  setTraffic(name: string, rxBps: number, txBps: number) {
    for (const s of this.state.active.values()) if (s.name === name) Object.assign(s, { rxBps, txBps });
  }
  /** Seeds `n` pppoe secrets `user0001`... on profile `profile` (benchmarks, drift tests). */
  seedSecrets(n: number, profile = 'default', prefix = 'user') {
    for (let i = 1; i <= n; i++)
      this.addSecret({ name: `${prefix}${String(i).padStart(4, '0')}`, password: `pw${i}`, profile, comment: `C${i}` });
  }

  resourceRow(): Record<string, string> {
    return {
      uptime: formatUptime(Date.now() - this.state.bootedAt),
      version: `${this.version} (stable)`,
      'build-time': '2025-06-02 08:00:00',
      'factory-software': '6.44.6',
      'free-memory': '201326592',
      'total-memory': '268435456',
      cpu: 'MIPS 1004Kc V2.15',
      'cpu-count': '4',
      'cpu-frequency': '880',
      'cpu-load': String(this.cpuLoad),
      'free-hdd-space': '3850240',
      'total-hdd-space': '16777216',
      'architecture-name': 'mmips',
      'board-name': this.boardName,
      platform: 'MikroTik',
    };
  }
}

type Reply = string[][];

class SimConnection {
  private readonly reader = new WireReader();
  private loggedIn = false;
  private challenge: Buffer | null = null;
  private out: Promise<void> = Promise.resolve();
  /** Long-running commands by tag → stop function. */
  private readonly running = new Map<string, () => void>();
  closed = false;

  constructor(
    private readonly sim: RouterSim,
    readonly socket: net.Socket,
  ) {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('data', (d) => this.onData(d));
  }

  stopAll() {
    for (const stop of this.running.values()) stop();
    this.running.clear();
  }

  private onData(d: Buffer) {
    let sentences: string[][];
    try {
      sentences = this.reader.push(d);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const s of sentences) {
      if (this.closed) return;
      this.handle(s);
    }
  }

  private withTag(words: string[], tag: string | undefined): string[] {
    if (tag === undefined) return words;
    return this.sim.opts.tagFirst ? [words[0]!, `.tag=${tag}`, ...words.slice(1)] : [...words, `.tag=${tag}`];
  }

  private re(row: Record<string, string>): string[] {
    return ['!re', ...Object.entries(row).map(([k, v]) => `=${k}=${v}`)];
  }
  private done(ret?: string): string[] {
    return ret === undefined ? ['!done'] : ['!done', `=ret=${ret}`];
  }
  private trap(message: string, category?: string): string[] {
    return category === undefined
      ? ['!trap', `=message=${message}`]
      : ['!trap', `=category=${category}`, `=message=${message}`];
  }

  /** Queues one reply (several sentences) honouring latency and segment splitting. */
  private send(reply: Reply, tag: string | undefined, after?: () => void, cut?: (b: Buffer) => Buffer) {
    let buf: Buffer = Buffer.concat(reply.map((s) => encodeSentence(this.withTag(s, tag))));
    if (cut) buf = cut(buf);
    this.write(buf, after);
  }

  private write(buf: Buffer, after?: () => void) {
    const due = Date.now() + this.sim.faults.latencyMs;
    this.out = this.out
      .then(async () => {
        if (this.closed || this.sim.faults.silent) return;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        const split = this.sim.faults.split;
        if (!split) this.corkedWrite(buf);
        else {
          for (const chunk of segments(buf, split)) {
            if (this.closed) return;
            await new Promise<void>((r) => this.socket.write(chunk, () => r()));
            const gap = split.gapMs ?? 1;
            if (gap > 0) await sleep(gap);
          }
        }
        after?.();
      })
      .catch(() => {});
  }

  private corked = false;
  /** Replies due in the same tick leave in one writev, like a router flushing its socket buffer. */
  private corkedWrite(buf: Buffer) {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(buf);
  }

  private handle(words: string[]) {
    const command = words[0];
    if (!command) return; // an empty sentence is ignored by the router
    const attrs: Record<string, string> = {};
    const queries: string[] = [];
    let tag: string | undefined;
    for (const w of words.slice(1)) {
      if (w.startsWith('=')) {
        const i = w.indexOf('=', 1);
        if (i < 0) attrs[w.slice(1)] = '';
        else attrs[w.slice(1, i)] = w.slice(i + 1);
      } else if (w.startsWith('.tag=')) tag = w.slice(5);
      else if (w.startsWith('?')) queries.push(w);
    }
    const sim = this.sim;
    if (command !== '/login') {
      sim.stats.commands++;
      sim.stats.byCommand[command] = (sim.stats.byCommand[command] ?? 0) + 1;
    }
    sim.emit('command', { command, attrs, queries, tag } satisfies SimCommandEvent);
    if (sim.faults.silent) return; // counted and seen, never answered

    if (command === '/login') return this.login(attrs, tag);
    if (!this.loggedIn) return this.fatal('not logged in');

    const fault = sim.takeRule(command, attrs);
    if (fault) {
      switch (fault.kind) {
        case 'trap':
          return this.send([this.trap(fault.message, fault.category), this.done()], tag);
        case 'fatal':
          return this.fatal(fault.message ?? 'session terminated on request');
        case 'drop':
          this.socket.destroy();
          return;
        case 'silent':
          this.running.set(tag ?? '', () => {});
          return;
        case 'garbage':
          return this.write(fault.bytes);
        case 'gate':
          void fault.open.then(() => {
            if (this.closed) return;
            const reply = this.execute(command, attrs, queries, tag);
            if (reply) this.send(reply, tag);
          });
          return;
        case 'dropMidReply': {
          const reply = this.execute(command, attrs, queries, tag);
          return this.send(
            reply ?? [this.done()],
            tag,
            () => this.socket.destroy(),
            (b) => b.subarray(0, Math.max(1, b.length >> 1)),
          );
        }
      }
    }
    const reply = this.execute(command, attrs, queries, tag);
    if (reply) this.send(reply, tag);
  }

  private fatal(message: string) {
    this.write(encodeSentence(['!fatal', message]), () => this.socket.end());
  }

  private login(attrs: Record<string, string>, tag: string | undefined) {
    const sim = this.sim;
    const fail = () => {
      sim.stats.loginFailures++;
      this.send([this.trap('invalid user name or password (6)'), this.done()], tag);
    };
    if (attrs.response !== undefined) {
      const pw = sim.users.get(attrs.name ?? '');
      const ch = this.challenge;
      this.challenge = null;
      if (!ch || pw === undefined || sim.faults.rejectLogins) return fail();
      const expect =
        '00' +
        crypto
          .createHash('md5')
          .update(Buffer.concat([Buffer.from([0]), Buffer.from(pw, 'utf8'), ch]))
          .digest('hex');
      if (attrs.response.toLowerCase() !== expect) return fail();
      this.loggedIn = true;
      sim.stats.logins++;
      return this.send([this.done()], tag);
    }
    // Pre-6.43 routers ignore name/password and answer a challenge; so does a bare `/login`.
    if (sim.legacyLogin || attrs.name === undefined) {
      this.challenge = crypto.randomBytes(16);
      return this.send([this.done(this.challenge.toString('hex'))], tag);
    }
    if (sim.faults.rejectLogins || sim.users.get(attrs.name) !== (attrs.password ?? '')) return fail();
    this.loggedIn = true;
    sim.stats.logins++;
    this.send([this.done()], tag);
  }

  private print(rows: Record<string, string>[], attrs: Record<string, string>, queries: string[]): Reply {
    let out = rows.filter((r) => matchQuery(r, queries));
    if ('count-only' in attrs) return [this.done(String(out.length))];
    const pl = attrs['.proplist'];
    if (pl) {
      const keys = pl.split(',');
      out = out.map((r) => Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]!])));
    }
    if (!out.length && this.sim.emptyMode) return [['!empty'], this.done()];
    return [...out.map((r) => this.re(r)), this.done()];
  }

  /** Runs a command; returns the reply, or null when the command streams (listen, monitor). */
  private execute(
    command: string,
    attrs: Record<string, string>,
    queries: string[],
    tag: string | undefined,
  ): Reply | null {
    const sim = this.sim;
    const st = sim.state;
    try {
      switch (command) {
        case '/cancel': {
          const target = attrs.tag ?? '';
          const stop = this.running.get(target);
          if (!stop) return [this.trap('no such command or tag'), this.done()];
          stop();
          this.running.delete(target);
          this.send([this.trap('interrupted', '2'), this.done()], target === '' ? undefined : target);
          return [this.done()];
        }
        case '/quit':
          this.fatal('session terminated on request');
          return null;
        case '/system/identity/print':
          return this.print([{ name: st.identity }], attrs, queries);
        case '/system/identity/set':
          if (attrs.name) st.identity = attrs.name;
          return [this.done()];
        case '/system/resource/print':
          return this.print([sim.resourceRow()], attrs, queries);
        case '/system/routerboard/print':
          return this.print(
            [
              {
                routerboard: st.bool(true),
                'board-name': sim.boardName,
                model: 'RB750Gr3',
                'serial-number': 'HEX0001',
              },
            ],
            attrs,
            queries,
          );
        case '/ppp/active/print': {
          // A lone `?name=` (the worker's kick) picks its sessions before rendering: same reply, without
          // rendering every session for each of 500 kicks (a real router filters natively).
          let only = queries.length === 1 && queries[0]!.startsWith('?name=') ? queries[0]!.slice(6) : undefined;
          if (only !== undefined && /^(yes|no|true|false)$/.test(only)) only = undefined; // matchQuery's boolean equality
          const sessions = [...st.active.values()].filter((s) => only === undefined || s.name === only);
          return this.print(
            sessions.map((s) => st.renderActive(s)),
            attrs,
            queries,
          );
        }
        case '/ppp/active/remove': {
          const ref = attrs['.id'] ?? attrs.numbers ?? '';
          const refs = ref.split(',').filter(Boolean);
          if (!refs.length) throw new SimTrap('no such item');
          for (const r of refs)
            if (![...st.active.values()].some((s) => s.id === r || s.name === r)) throw new SimTrap('no such item');
          for (const r of refs) st.disconnect(r);
          return [this.done()];
        }
        case '/ppp/active/listen': {
          const l = (row: Record<string, string>) => this.send([this.re(row)], tag);
          st.activeListeners.add(l);
          this.running.set(tag ?? '', () => st.activeListeners.delete(l));
          return null;
        }
        case '/interface/monitor-traffic':
          return this.monitor(attrs, tag);
        case '/interface/print':
          return this.print(interfaceRows(st), attrs, queries);
      }
      const extra = sim.extraCommands.get(command);
      if (extra) return [...extra(attrs).map((r) => this.re(r)), this.done()];
      const slash = command.lastIndexOf('/');
      const path = command.slice(0, slash);
      const verb = command.slice(slash + 1);
      const menu = st.menus.get(path);
      if (!menu) return [this.trap('no such command prefix'), this.done()];
      switch (verb) {
        case 'print':
          return this.print(menu.rows(), attrs, queries);
        case 'add':
          return [this.done(menu.add(attrs))];
        case 'set':
          menu.set(attrs);
          return [this.done()];
        case 'remove':
          menu.remove(attrs);
          return [this.done()];
        case 'unset':
          menu.unset(attrs);
          return [this.done()];
        case 'enable':
        case 'disable':
          if (!menu.spec.booleans?.includes('disabled')) break;
          for (const item of menu.resolve(attrs)) item.values.disabled = verb === 'disable' ? 'true' : 'false';
          return [this.done()];
        case 'get': {
          const item = menu.find(attrs.number ?? attrs['.id'] ?? '');
          if (!item) throw new SimTrap('no such item');
          return [this.done(menu.render(item)[attrs['value-name'] ?? ''] ?? '')];
        }
      }
      return [this.trap('no such command'), this.done()];
    } catch (e) {
      if (e instanceof SimTrap) return [this.trap(e.message, e.category), this.done()];
      throw e;
    }
  }

  private monitor(attrs: Record<string, string>, tag: string | undefined): Reply | null {
    const st = this.sim.state;
    const iface = attrs.interface ?? '';
    const row = (s: ActiveSession) => ({
      name: iface,
      'rx-packets-per-second': String(Math.round(s.rxBps / 8000)),
      'rx-bits-per-second': String(s.rxBps),
      'fp-rx-packets-per-second': '0',
      'fp-rx-bits-per-second': '0',
      'rx-drops-per-second': '0',
      'rx-errors-per-second': '0',
      'tx-packets-per-second': String(Math.round(s.txBps / 8000)),
      'tx-bits-per-second': String(s.txBps),
      'fp-tx-packets-per-second': '0',
      'fp-tx-bits-per-second': '0',
      'tx-drops-per-second': '0',
      'tx-queue-drops-per-second': '0',
      'tx-errors-per-second': '0',
    });
    const first = st.sessionByInterface(iface);
    if (!first) return [this.trap('input does not match any value of interface'), this.done()];
    if ('once' in attrs) return [this.re(row(first)), this.done()];
    this.send([this.re(row(first))], tag);
    const timer = setInterval(() => {
      const s = st.sessionByInterface(iface);
      if (s) return this.send([this.re(row(s))], tag);
      clearInterval(timer);
      this.running.delete(tag ?? '');
      this.send([this.trap('interface removed'), this.done()], tag);
    }, this.sim.opts.monitorIntervalMs ?? 1000);
    this.running.set(tag ?? '', () => clearInterval(timer));
    return null;
  }
}

function segments(buf: Buffer, split: SplitMode): Buffer[] {
  const cuts = new Set<number>();
  if (split.segmentSize) for (let i = split.segmentSize; i < buf.length; i += split.segmentSize) cuts.add(i);
  for (const a of split.at ?? []) {
    const at = a < 0 ? buf.length + a : a;
    if (at > 0 && at < buf.length) cuts.add(at);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of sorted) {
    out.push(buf.subarray(prev, c));
    prev = c;
  }
  out.push(buf.subarray(prev));
  return out;
}
