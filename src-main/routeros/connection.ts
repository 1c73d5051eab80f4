/**
 * Our own RouterOS API client (one TCP/TLS connection), used instead of node-routeros: see README
 * "RouterOS adapter" for why. Every command is tagged, so concurrent calls pipeline over one socket.
 * Guarantees: every run() settles — with rows, or a RouterError on !trap, !fatal, timeout, close,
 * socket error or unreadable bytes — and nothing the router sends can throw out of a socket handler.
 */
import net from 'node:net';
import { RouterError, type CommandOptions, type RouterClient, type RouterRow, type RouterTarget } from './client';
import { mapSocketError, portOf } from './errors';
import {
  attributeWords,
  challengeResponse,
  encodeSentence,
  parseReply,
  ProtocolError,
  SentenceDecoder,
  type AttrValue,
} from './protocol';
import { tlsSocket } from './tls-socket';
import { realTimers, type Timers } from '../timers';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

export { attributeWords, challengeResponse, type AttrValue };

export interface ConnectionOptions {
  timers?: Timers;
  /** Called once when the connection ends, with the reason. */
  onClose?: (reason: RouterError) => void;
  /** Called when a command times out (the pool then checks whether the router is still there). */
  onCommandTimeout?: (command: string) => void;
  /** Aborting gives up a connect/login still in progress (the pool replaces a stale attempt). */
  signal?: AbortSignal;
}

interface Pending {
  command: string;
  rows: RouterRow[];
  /** Streaming commands deliver rows here instead of collecting them. */
  onRow?: (row: RouterRow) => void;
  /** We sent /cancel for this stream: its `interrupted` trap is the normal end. */
  stopping?: boolean;
  trap?: RouterError;
  timer?: unknown;
  resolve(rows: RouterRow[]): void;
  reject(err: RouterError): void;
}

export class RouterConnection implements RouterClient {
  private socket: net.Socket | null = null;
  private readonly decoder = new SentenceDecoder();
  private readonly pending = new Map<string, Pending>();
  /** Tags whose caller has given up (timeout): their late replies are dropped until `!done`. */
  private readonly abandoned = new Set<string>();
  private nextTag = 1;
  private state: 'connecting' | 'open' | 'closed' = 'connecting';
  private failure: RouterError | null = null;
  private socketError: RouterError | null = null;
  private readonly timers: Timers;
  private closedWaiters: Array<() => void> = [];
  private socketClosed = false;
  private corked = false;
  /** Time of the last byte received (for health/keepalive). */
  lastReplyAt = 0;

  private constructor(
    readonly target: RouterTarget,
    private readonly opts: ConnectionOptions,
  ) {
    this.timers = opts.timers ?? realTimers;
  }

  /** Connects and logs in, or rejects with a RouterError (unreachable / auth / timeout ...). */
  static async open(target: RouterTarget, opts: ConnectionOptions = {}): Promise<RouterConnection> {
    const c = new RouterConnection(target, opts);
    await c.start();
    return c;
  }

  get connected(): boolean {
    return this.state === 'open';
  }

  /** Number of ordinary (non-streaming) commands waiting for their `!done`. */
  get inFlight(): number {
    let n = 0;
    for (const p of this.pending.values()) if (!p.onRow) n++;
    return n;
  }

  /** Why the connection ended, once it has. */
  get closeReason(): RouterError | null {
    return this.failure;
  }

  private async start(): Promise<void> {
    const t = this.target;
    const port = portOf(t);
    const connectMs = t.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const timer = this.timers.setTimeout(
      () =>
        this.destroy(
          new RouterError(
            'timeout',
            `no answer from ${t.host}:${port} within ${connectMs / 1000} s — check the address, port and firewall`,
          ),
        ),
      connectMs,
    );
    const signal = this.opts.signal;
    const onAbort = () => this.destroy(new RouterError('closed', 'connection attempt replaced by a new one'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) {
        onAbort();
        throw this.failure;
      }
      await new Promise<void>((resolve, reject) => {
        this.closedWaiters.push(() => reject(this.failure));
        const socket = t.tls ? tlsSocket(t, port) : net.connect({ host: t.host, port });
        this.socket = socket;
        socket.on('error', (err) => {
          this.socketError ??= mapSocketError(err, t);
          this.destroy(this.socketError);
        });
        socket.on('close', () => {
          this.socketClosed = true;
          this.destroy(
            this.socketError ?? new RouterError('closed', `the router at ${t.host}:${port} closed the connection`),
          );
          this.flushClosedWaiters();
        });
        socket.on('data', (d) => this.onData(d));
        socket.once(t.tls ? 'secureConnect' : 'connect', () => {
          socket.setNoDelay(true);
          socket.setKeepAlive(true, 30_000);
          this.closedWaiters = [];
          resolve();
        });
      });
      if (this.state === 'closed') throw this.failure;
      this.state = 'open';
      await this.login();
    } catch (err) {
      const e = err instanceof RouterError ? err : new RouterError('closed', String(err));
      this.destroy(e);
      throw this.failure ?? e;
    } finally {
      this.timers.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async login(): Promise<void> {
    const t = this.target;
    const bad = (e: unknown) => {
      if (e instanceof RouterError && e.kind === 'trap') {
        return new RouterError('auth', `the router refused the user name or password (${e.message})`, e.category);
      }
      return e;
    };
    let rows: RouterRow[];
    try {
      rows = await this.send('/login', { name: t.username, password: t.password }, [], 0);
    } catch (e) {
      throw bad(e);
    }
    const challenge = rows.find((r) => r.ret !== undefined)?.ret;
    if (challenge && /^[0-9a-f]+$/i.test(challenge)) {
      // Pre-6.43 router: answer the md5 challenge.
      try {
        await this.send('/login', { name: t.username, response: challengeResponse(t.password, challenge) }, [], 0);
      } catch (e) {
        throw bad(e);
      }
    }
  }

  run(command: string, attrs?: Record<string, AttrValue>, opts: CommandOptions = {}): Promise<RouterRow[]> {
    if (this.state !== 'open') {
      return Promise.reject(
        new RouterError(
          'closed',
          this.failure ? `not connected to the router: ${this.failure.message}` : 'not connected to the router',
        ),
      );
    }
    if (!command.startsWith('/')) return Promise.reject(new RouterError('protocol', `invalid command "${command}"`));
    for (const q of opts.queries ?? []) {
      if (!q.startsWith('?')) return Promise.reject(new RouterError('protocol', `invalid query word "${q}"`));
    }
    const timeout = opts.timeoutMs ?? this.target.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    return this.send(command, attrs, opts.queries ?? [], timeout);
  }

  /**
   * Runs a command that streams rows until cancelled (`/ppp/active/listen`, `monitor-traffic` without
   * `=once=`, `print =follow=`). `done` settles when the command ends: resolves after `stop()` or a normal
   * `!done`, rejects with RouterError on !trap, close or !fatal. No timeout: the stream may be silent.
   */
  stream(
    command: string,
    attrs: Record<string, AttrValue> | undefined,
    onRow: (row: RouterRow) => void,
    opts: { queries?: string[] } = {},
  ): { done: Promise<void>; stop(): Promise<void> } {
    if (this.state !== 'open') {
      const e = new RouterError(
        'closed',
        this.failure ? `not connected to the router: ${this.failure.message}` : 'not connected to the router',
      );
      const done = Promise.reject(e);
      done.catch(() => {});
      return { done, stop: () => Promise.resolve() };
    }
    const tag = String(this.nextTag++);
    let pending!: Pending;
    const done = new Promise<void>((resolve, reject) => {
      pending = { command, rows: [], onRow, resolve: () => resolve(), reject };
      this.pending.set(tag, pending);
      this.write(encodeSentence([command, ...attributeWords(attrs), ...(opts.queries ?? []), `.tag=${tag}`]));
    });
    const stop = async () => {
      if (!this.pending.has(tag) || pending.stopping) return done.catch(() => {});
      pending.stopping = true;
      this.run('/cancel', { tag }).catch(() => {});
      return done.catch(() => {});
    };
    return { done, stop };
  }

  private send(
    command: string,
    attrs: Record<string, AttrValue> | undefined,
    queries: string[],
    timeoutMs: number,
  ): Promise<RouterRow[]> {
    const tag = String(this.nextTag++);
    const words = [command, ...attributeWords(attrs), ...queries, `.tag=${tag}`];
    return new Promise<RouterRow[]>((resolve, reject) => {
      const p: Pending = { command, rows: [], resolve, reject };
      if (timeoutMs > 0) p.timer = this.timers.setTimeout(() => this.timeOut(tag, timeoutMs), timeoutMs);
      this.pending.set(tag, p);
      this.write(encodeSentence(words));
    });
  }

  /** Sentences written in the same tick go out in one writev (pipelining 5,000 commands ≠ 5,000 syscalls). */
  private write(buf: Buffer) {
    const socket = this.socket!;
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    socket.write(buf);
  }

  private timeOut(tag: string, ms: number) {
    const p = this.pending.get(tag);
    if (!p) return;
    this.pending.delete(tag);
    p.reject(new RouterError('timeout', `the router did not answer ${p.command} within ${ms} ms`));
    if (this.state !== 'open') return;
    // Ask the router to stop the command; late replies for both tags are dropped.
    this.abandoned.add(tag);
    const cancelTag = String(this.nextTag++);
    this.abandoned.add(cancelTag);
    this.write(encodeSentence(['/cancel', `=tag=${tag}`, `.tag=${cancelTag}`]));
    this.opts.onCommandTimeout?.(p.command);
  }

  private onData(chunk: Buffer) {
    if (this.state === 'closed') return;
    this.lastReplyAt = this.timers.now();
    let sentences: string[][];
    try {
      sentences = this.decoder.push(chunk);
    } catch (e) {
      const msg = e instanceof ProtocolError ? e.message : String(e);
      this.destroy(new RouterError('protocol', `unreadable data from the router (${msg}); connection dropped`));
      return;
    }
    for (const s of sentences) {
      if ((this.state as string) === 'closed') return;
      this.onSentence(s);
    }
  }

  private onSentence(words: string[]) {
    const r = parseReply(words);
    if (r.type === '!fatal') {
      const reason = r.attrs.message ?? (r.other.join(' ') || 'no reason given');
      this.destroy(new RouterError('fatal', `the router ended the session: ${reason}`));
      return;
    }
    if (r.tag === undefined) return; // every command we send is tagged; nothing to deliver it to
    if (this.abandoned.has(r.tag)) {
      if (r.type === '!done') this.abandoned.delete(r.tag);
      return;
    }
    const p = this.pending.get(r.tag);
    if (!p) return;
    switch (r.type) {
      case '!re':
        if (!p.onRow) p.rows.push(r.attrs);
        else if (!p.stopping) {
          try {
            p.onRow(r.attrs);
          } catch {
            // a consumer's bug must not break the socket handler
          }
        }
        break;
      case '!empty': // RouterOS 7.18+: no rows; `!done` follows
        break;
      case '!trap':
        if (p.stopping && r.attrs.category === '2') break; // "interrupted": the /cancel we asked for
        p.trap ??= new RouterError('trap', r.attrs.message ?? 'the router refused the command', r.attrs.category);
        break;
      case '!done':
        this.pending.delete(r.tag);
        if (p.timer !== undefined) this.timers.clearTimeout(p.timer);
        if (p.trap) p.reject(p.trap);
        else {
          if (r.attrs.ret !== undefined) p.rows.push({ ret: r.attrs.ret });
          p.resolve(p.rows);
        }
        break;
      default:
        break; // unknown reply words from a newer RouterOS are ignored; `!done` still ends the command
    }
  }

  /** Ends the connection (idempotent) and rejects every pending command with `reason`. */
  private destroy(reason: RouterError) {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.failure = reason;
    this.socket?.destroy();
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.abandoned.clear();
    for (const p of pending) {
      if (p.timer !== undefined) this.timers.clearTimeout(p.timer);
      p.reject(reason);
    }
    try {
      this.opts.onClose?.(reason);
    } catch {
      // a listener's bug must not break the socket handlers
    }
    if (!this.socket) this.flushClosedWaiters();
  }

  private flushClosedWaiters() {
    const w = this.closedWaiters;
    this.closedWaiters = [];
    for (const f of w) f();
  }

  /** Drops the connection with this reason (e.g. a failed keepalive); pending commands get `reason`. */
  abort(reason: RouterError): void {
    this.destroy(reason);
  }

  /** Closes the connection; pending commands are rejected with 'closed'. Resolves once the socket is gone. */
  close(): Promise<void> {
    this.destroy(new RouterError('closed', 'connection closed by the app'));
    if (this.socketClosed || !this.socket) return Promise.resolve();
    return new Promise((r) => this.closedWaiters.push(r));
  }
}
