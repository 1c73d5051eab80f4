/**
 * The router side of the sync worker: a batch of queued operations applied over one pooled connection,
 * pipelining independent operations (different accounts) while keeping each account's operations in
 * order, and profiles before the secrets that use them. Every operation is idempotent: an add of a secret
 * that already exists updates it, a remove of a missing one succeeds. A `!trap` fails only that operation.
 */
import { RouterError, type RouterClient } from '../../routeros/client';
import { secretOwnerships } from '../../data/network/account-state.repository';
import { appliedAccountIds, type OpRow } from '../../data/network/sync-ops.repository';
import type { AppContext } from '../context';
import { ownsSecret } from './drift-compare';
import { isConnectionError } from './router-errors';
import type { RouterIds, Known } from './router-ids';
import type { NamePayload, ProfilePayload, SecretUpsertPayload } from './queue';

export type { OpRow };

export type Outcome =
  /** `secret`: the account and the router's `.id` of its secret, recorded as the app's own. */
  | { id: number; ok: true; secret?: { accountId: number; id: string } }
  | { id: number; ok: false; error: string; retry: boolean; attempts: number };

/** The router has a secret of that name the app did not create: it is not overwritten. */
class NotOurs extends RouterError {
  constructor(name: string) {
    super(
      'trap',
      `The router already has a secret named ${name} that this app did not create; its password was not changed. Take it into the app (Routers → Differences) or choose another username`,
    );
  }
}

/** A router refusal as a sentence for the queue (the router's own words kept at the end). */
function refusal(op: OpRow, err: RouterError): string {
  if (err instanceof NotOurs) return err.message;
  if (op.kind === 'secret.upsert' && /does not match any value of profile/i.test(err.message)) {
    const p = JSON.parse(op.payload) as SecretUpsertPayload;
    return `Profile ${p.profile} is not on the router: repair its profiles first (Routers → Differences) (router said: ${err.message})`;
  }
  return `The router refused: ${err.message}`;
}

/**
 * Router refusals that will not go away by trying again (bad value, unknown profile...). Anything else
 * (busy, interrupted, resource temporarily unavailable) is retried with backoff.
 */
const PERMANENT_TRAP =
  /invalid|does not match|must be|expected|unknown parameter|not allowed|ambiguous|too long|out of range|no such command|can not|cannot|bad /i;
export const isRetryableTrap = (message: string) => !PERMANENT_TRAP.test(message);

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const SAME_NAME = /same name already exists/i;

/** An operation with its payload read once. */
interface Parsed {
  op: OpRow;
  payload: unknown;
}

const isProfileOp = (op: OpRow) => op.kind.startsWith('profile.');

/**
 * Operations of the same key run one after another, in queue order: an account's (its id), or a secret
 * name's (a string: never equal to a number in a Map).
 */
function laneKey({ op, payload }: Parsed): number | string {
  return op.entityId ?? `n:${(payload as NamePayload).name}`;
}

/**
 * Runs one batch in queue order where it matters: operations of one account (or name) one after another,
 * different accounts side by side with at most `concurrency` in flight, and each profile operation as a
 * barrier (everything queued before it has finished, nothing queued after it has started) so a profile
 * exists before the secrets that use it.
 */
export async function applyBatch(
  app: AppContext,
  routerId: number,
  client: RouterClient,
  ids: RouterIds,
  batch: OpRow[],
  concurrency: number,
  /** The batch's accounts when the caller read them already (batchAccounts). */
  read?: BatchAccounts,
): Promise<{ done: Outcome[]; connectionError: unknown }> {
  // A run's first prints of the router's ids go out before the passwords are decrypted: that work fills
  // their round trip instead of following it.
  const loads = [
    batch.some((o) => o.kind.startsWith('secret.')) && ids.load('/ppp/secret').catch((e) => e),
    batch.some(isProfileOp) && ids.load('/ppp/profile').catch((e) => e),
  ];
  const accounts = read ?? batchAccounts(app, routerId, batch);
  await Promise.all(loads);
  const done: Outcome[] = [];
  const run = { connectionError: null as unknown };
  const runOne = async ({ op, payload }: Parsed) => {
    try {
      const secretId = await applyOne(client, ids, op, payload, accounts);
      done.push(
        secretId && op.entityId !== null
          ? { id: op.id, ok: true, secret: { accountId: op.entityId, id: secretId } }
          : { id: op.id, ok: true },
      );
    } catch (err) {
      if (isConnectionError(err) || !(err instanceof RouterError)) {
        run.connectionError ??= err;
        return;
      }
      done.push({
        id: op.id,
        ok: false,
        error: refusal(op, err),
        retry: !(err instanceof NotOurs) && isRetryableTrap(err.message),
        attempts: op.attempts + 1,
      });
    }
  };
  let segment: Parsed[] = [];
  for (const op of batch) {
    const p = { op, payload: JSON.parse(op.payload) as unknown };
    if (!isProfileOp(op)) {
      segment.push(p);
      continue;
    }
    await runLanes(segment, concurrency, runOne, run);
    segment = [];
    if (!run.connectionError) await runOne(p);
  }
  await runLanes(segment, concurrency, runOne, run);
  return { done, connectionError: run.connectionError };
}

/**
 * `concurrency` workers, each taking the next account's lane and running its operations in order. A
 * worker per lane (not a promise chain per operation) keeps the cost per operation to one await.
 */
async function runLanes(
  ops: Parsed[],
  concurrency: number,
  runOne: (p: Parsed) => Promise<void>,
  run: { connectionError: unknown },
) {
  if (!ops.length || run.connectionError) return;
  const byKey = new Map<number | string, Parsed[]>();
  for (const p of ops) {
    const key = laneKey(p);
    const lane = byKey.get(key);
    if (lane) lane.push(p);
    else byKey.set(key, [p]);
  }
  const lanes = [...byKey.values()];
  let next = 0;
  const worker = async () => {
    while (next < lanes.length) {
      const lane = lanes[next++]!;
      for (const p of lane) {
        // The connection is gone: what has not started stays queued.
        if (run.connectionError) return;
        await runOne(p);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, worker));
}

/** What an upsert needs of its account: the password, and whether a same-named secret is the app's own. */
interface AccountInfo {
  password: string;
  routerSecretId: string | null;
  customerCode: string;
  appliedBefore: boolean;
}

export type BatchAccounts = Map<number, AccountInfo>;

/** The accounts a batch's secret upserts need (one read, passwords decrypted). */
export function batchAccounts(app: AppContext, routerId: number, batch: OpRow[]): BatchAccounts {
  const ids = batch.filter((o) => o.kind === 'secret.upsert' && o.entityId !== null).map((o) => o.entityId!);
  const out = new Map<number, AccountInfo>();
  if (!ids.length) return out;
  const applied = appliedAccountIds(app.sqlite, routerId, ids);
  for (const r of secretOwnerships(app.sqlite, ids))
    out.set(r.id, {
      password: app.secrets.decrypt(r.enc),
      routerSecretId: r.secretId,
      customerCode: r.code,
      appliedBefore: applied.has(r.id),
    });
  return out;
}

/**
 * Applies one operation; a secret upsert answers with the router's `.id` of the secret. Not itself
 * async: a secret upsert (nearly every operation of a full sync) goes straight to RouterIds, without a
 * promise of its own around it.
 */
function applyOne(
  client: RouterClient,
  ids: RouterIds,
  op: OpRow,
  payload: unknown,
  accounts: Map<number, AccountInfo>,
): Promise<string | undefined> | undefined {
  if (op.kind !== 'secret.upsert') return applyOther(client, ids, op, payload);
  const p = payload as SecretUpsertPayload;
  const a = op.entityId !== null ? accounts.get(op.entityId) : undefined;
  // The account was deleted after this was queued; its remove follows in the queue.
  if (a === undefined) return;
  const attrs: Record<string, string> = {
    name: p.name,
    password: a.password,
    service: 'pppoe',
    profile: p.profile,
    comment: p.comment,
    disabled: yesNo(p.disabled),
    'caller-id': p.callerId ?? '',
    'remote-address': p.remoteAddress ?? '',
  };
  // Never replace someone else's secret (and its password) silently: see ownsSecret.
  return ids.upsert('/ppp/secret', p.name, p.previousName ?? null, attrs, SAME_NAME, (found: Known) => {
    if (!ownsSecret(a, found)) throw new NotOurs(p.name);
  });
}

/** The other operations: profiles, removes, kicks. */
async function applyOther(client: RouterClient, ids: RouterIds, op: OpRow, payload: unknown): Promise<undefined> {
  switch (op.kind) {
    case 'profile.upsert': {
      const p = payload as ProfilePayload;
      // No pool in the app clears the profile's pool on the router (unset, see UNSETTABLE).
      const attrs: Record<string, string> = {
        name: p.name,
        'rate-limit': p.rateLimit,
        'remote-address': p.remoteAddress ?? '',
      };
      await ids.upsert('/ppp/profile', p.name, null, attrs, SAME_NAME);
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
