/**
 * The router side of the sync worker: a batch of queued operations applied over one pooled connection,
 * pipelining independent operations (different accounts) while keeping each account's operations in
 * order, and profiles before the secrets that use them. Every operation is idempotent: an add of a secret
 * that already exists updates it, a remove of a missing one succeeds. A `!trap` fails only that operation.
 */
import { RouterError, type RouterClient } from '../../routeros/client';
import type { AppContext } from '../context';
import { isConnectionError } from './health';
import type { NamePayload, ProfilePayload, SecretUpsertPayload } from './queue';

export interface OpRow {
  id: number;
  kind: string;
  entityId: number | null;
  payload: string;
  attempts: number;
}

export type Outcome =
  | { id: number; ok: true }
  | { id: number; ok: false; error: string; retry: boolean; attempts: number };

/**
 * Router refusals that will not go away by trying again (bad value, unknown profile...). Anything else
 * (busy, interrupted, resource temporarily unavailable) is retried with backoff.
 */
const PERMANENT_TRAP =
  /invalid|does not match|must be|expected|unknown parameter|not allowed|ambiguous|too long|out of range|no such command|can not|cannot|bad /i;
export const isRetryableTrap = (message: string) => !PERMANENT_TRAP.test(message);

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const lc = (s: string) => s.toLowerCase();

/** Runs one batch: per-account chains, profiles as barriers, at most `concurrency` commands in flight. */
export async function applyBatch(
  app: AppContext,
  client: RouterClient,
  ids: RouterIds,
  batch: OpRow[],
  concurrency: number,
): Promise<{ done: Outcome[]; connectionError: unknown }> {
  const passwords = passwordsOf(app, batch);
  if (batch.some((o) => o.kind.startsWith('secret.'))) await ids.load('/ppp/secret').catch((e) => e);
  if (batch.some((o) => o.kind.startsWith('profile.'))) await ids.load('/ppp/profile').catch((e) => e);
  const done: Outcome[] = [];
  let connectionError: unknown = null;
  const limit = new Semaphore(concurrency);
  const chains = new Map<string, Promise<void>>();
  let barrier: Promise<void> = Promise.resolve();
  const all: Promise<void>[] = [];
  for (const op of batch) {
    const isProfile = op.kind.startsWith('profile.');
    const key =
      op.kind === 'profile.upsert'
        ? `p:${op.entityId}`
        : op.kind === 'profile.ensure'
          ? 'isolir'
          : op.entityId !== null
            ? `a:${op.entityId}`
            : `n:${(JSON.parse(op.payload) as NamePayload).name}`;
    const prev = Promise.all([barrier, chains.get(key)]);
    const run = prev.then(async () => {
      if (connectionError) return;
      await limit.acquire();
      try {
        if (connectionError) return;
        await applyOne(client, ids, op, passwords);
        done.push({ id: op.id, ok: true });
      } catch (err) {
        if (isConnectionError(err) || !(err instanceof RouterError)) {
          connectionError ??= err;
          return;
        }
        done.push({
          id: op.id,
          ok: false,
          error: err.message,
          retry: isRetryableTrap(err.message),
          attempts: op.attempts + 1,
        });
      } finally {
        limit.release();
      }
    });
    chains.set(key, run);
    if (isProfile) barrier = run;
    all.push(run);
  }
  await Promise.all(all);
  return { done, connectionError };
}

function passwordsOf(app: AppContext, batch: OpRow[]): Map<number, string> {
  const ids = batch.filter((o) => o.kind === 'secret.upsert' && o.entityId !== null).map((o) => o.entityId!);
  const out = new Map<number, string>();
  const stmt = app.sqlite.prepare('SELECT password_enc AS enc FROM pppoe_accounts WHERE id = ?');
  for (const id of ids) {
    const r = stmt.get(id) as { enc: string } | undefined;
    if (r) out.set(id, app.secrets.decrypt(r.enc));
  }
  return out;
}

async function applyOne(client: RouterClient, ids: RouterIds, op: OpRow, passwords: Map<number, string>) {
  const payload = JSON.parse(op.payload) as unknown;
  switch (op.kind) {
    case 'profile.upsert': {
      const p = payload as ProfilePayload;
      // No pool in the app clears the profile's pool on the router (unset, see UNSETTABLE).
      const attrs: Record<string, string> = {
        name: p.name,
        'rate-limit': p.rateLimit,
        'remote-address': p.remoteAddress ?? '',
      };
      await ids.upsert('/ppp/profile', p.name, null, attrs, /same name already exists/i);
      return;
    }
    case 'profile.ensure': {
      const p = payload as { name: string; rateLimit: string; addressList: string };
      await ids.ensure('/ppp/profile', p.name, {
        name: p.name,
        'rate-limit': p.rateLimit,
        'address-list': p.addressList,
      });
      return;
    }
    case 'secret.upsert': {
      const p = payload as SecretUpsertPayload;
      const password = op.entityId !== null ? passwords.get(op.entityId) : undefined;
      // The account was deleted after this was queued; its remove follows in the queue.
      if (password === undefined) return;
      const attrs: Record<string, string> = {
        name: p.name,
        password,
        service: 'pppoe',
        profile: p.profile,
        comment: p.comment,
        disabled: yesNo(p.disabled),
        'caller-id': p.callerId ?? '',
        'remote-address': p.remoteAddress ?? '',
      };
      await ids.upsert('/ppp/secret', p.name, p.previousName ?? null, attrs, /same name already exists/i);
      return;
    }
    case 'secret.remove': {
      const p = payload as NamePayload;
      await ids.remove('/ppp/secret', p.name);
      return;
    }
    case 'session.kick': {
      const p = payload as NamePayload;
      await kick(client, p.name);
      return;
    }
    default:
      throw new RouterError('trap', `unknown operation ${op.kind}`);
  }
}

/** Ends every active session of a user; none is fine. */
export async function kick(client: RouterClient, name: string): Promise<number> {
  const rows = await client.run('/ppp/active/print', { '.proplist': '.id' }, { queries: [`?name=${name}`] });
  for (const r of rows) {
    try {
      await client.run('/ppp/active/remove', { '.id': r['.id'] });
    } catch (err) {
      // The session ended on its own between print and remove.
      if (!(err instanceof RouterError && err.kind === 'trap' && /no such item/i.test(err.message))) throw err;
    }
  }
  return rows.length;
}

/**
 * Properties cleared with `unset` rather than set to an empty value: an IP-typed property does not
 * take an empty string on every RouterOS version, while `unset =numbers= =value-name=` works on all.
 */
const UNSETTABLE: Record<string, readonly string[]> = {
  '/ppp/secret': ['remote-address'],
  '/ppp/profile': ['remote-address'],
};

interface Known {
  id: string;
  /** Current values of the menu's UNSETTABLE properties, so `unset` is only sent when something is set. */
  values: Record<string, string>;
}

/**
 * name → `.id` of a router menu, read once per run with one print (cheap even for thousands of rows)
 * and kept current as this worker adds and removes items.
 */
export class RouterIds {
  private maps = new Map<string, Map<string, Known>>();
  constructor(private readonly client: RouterClient) {}

  private proplist(menu: string) {
    return ['.id', 'name', ...(UNSETTABLE[menu] ?? [])].join(',');
  }

  private known(menu: string, row: Record<string, string | undefined>): Known {
    return { id: row['.id']!, values: Object.fromEntries((UNSETTABLE[menu] ?? []).map((k) => [k, row[k] ?? ''])) };
  }

  async load(menu: string) {
    if (this.maps.has(menu)) return;
    const rows = await this.client.run(`${menu}/print`, { '.proplist': this.proplist(menu) });
    this.maps.set(
      menu,
      new Map(rows.filter((r) => r.name !== undefined).map((r) => [lc(r.name!), this.known(menu, r)])),
    );
  }

  private async find(menu: string, name: string): Promise<Known | undefined> {
    const m = this.maps.get(menu);
    if (m) return m.get(lc(name));
    const rows = await this.client.run(
      `${menu}/print`,
      { '.proplist': this.proplist(menu) },
      { queries: [`?name=${name}`] },
    );
    return rows[0] ? this.known(menu, rows[0]) : undefined;
  }

  /** `set` what has a value; `unset` the UNSETTABLE properties asked to be empty that are not already. */
  private async update(menu: string, item: Known, attrs: Record<string, string>, clear: readonly string[]) {
    await this.client.run(`${menu}/set`, { '.id': item.id, ...attrs });
    for (const k of clear)
      if (item.values[k]) await this.client.run(`${menu}/unset`, { numbers: item.id, 'value-name': k });
  }

  async upsert(menu: string, name: string, previousName: string | null, attrs: Record<string, string>, dup: RegExp) {
    const clear = (UNSETTABLE[menu] ?? []).filter((k) => attrs[k] === '');
    const sent = Object.fromEntries(Object.entries(attrs).filter(([k]) => !clear.includes(k)));
    let item = await this.find(menu, name);
    if (item === undefined && previousName) item = await this.find(menu, previousName);
    let id = item?.id;
    if (item !== undefined) {
      await this.update(menu, item, sent, clear);
    } else {
      try {
        // An empty value on add is at best noise and at worst "invalid value" on some versions: leave it out.
        const ret = await this.client.run(
          `${menu}/add`,
          Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== '')),
        );
        id = ret[0]?.ret;
      } catch (err) {
        // Someone created it since we looked: adopt it.
        if (!(err instanceof RouterError && err.kind === 'trap' && dup.test(err.message))) throw err;
        const rows = await this.client.run(
          `${menu}/print`,
          { '.proplist': this.proplist(menu) },
          { queries: [`?name=${name}`] },
        );
        if (!rows[0]) throw err;
        const found = this.known(menu, rows[0]);
        id = found.id;
        await this.update(menu, found, sent, clear);
      }
    }
    const m = this.maps.get(menu);
    if (m) {
      if (previousName) m.delete(lc(previousName));
      if (id !== undefined) {
        const values = Object.fromEntries(
          (UNSETTABLE[menu] ?? []).map((k) => [k, sent[k] ?? (clear.includes(k) ? '' : (item?.values[k] ?? ''))]),
        );
        m.set(lc(name), { id, values });
      }
    }
  }

  /** Adds the item only when there is none with that name. */
  async ensure(menu: string, name: string, attrs: Record<string, string>) {
    if ((await this.find(menu, name)) !== undefined) return;
    try {
      const ret = await this.client.run(`${menu}/add`, attrs);
      const id = ret[0]?.ret;
      if (id !== undefined) this.maps.get(menu)?.set(lc(name), this.known(menu, { '.id': id, ...attrs }));
    } catch (err) {
      if (!(err instanceof RouterError && err.kind === 'trap' && /same name already exists/i.test(err.message)))
        throw err;
    }
  }

  async remove(menu: string, name: string) {
    const item = await this.find(menu, name);
    if (item === undefined) return; // already gone: removing is idempotent
    try {
      await this.client.run(`${menu}/remove`, { '.id': item.id });
    } catch (err) {
      if (!(err instanceof RouterError && err.kind === 'trap' && /no such item/i.test(err.message))) throw err;
    }
    this.maps.get(menu)?.delete(lc(name));
  }
}

class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((r) => this.waiting.push(r));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
