import type { z } from 'zod';
import type { Router, RouterTestResult, routersContract } from '../../../src-shared/contract/routers';
import { AppError, notFound } from '../../../src-shared/result';
import { RouterError, type RouterTarget } from '../../routeros/client';
import { diff, writeAudit } from '../audit';
import type { CallContext } from '../context';
import { isUniqueViolation, likePattern, type Paged } from '../sql';
import { markRouterDown, markRouterOnline } from './health';
import { connectorOf, describeRouterError, routerTarget } from './router-access';
import { enqueueIsolirProfile, enqueueOp, syncAccount } from './queue';
import { rateLimitFor } from './rate-limit';

type R = typeof routersContract;
type In<K extends keyof R> = z.output<R[K]['input']>;

const SELECT = `
  SELECT r.id, r.name, r.host, r.port, r.use_tls AS useTls, r.username, (r.password_enc IS NOT NULL) AS hasPassword,
         r.isolir_profile AS isolirProfile, r.notes, r.is_active AS isActive, r.state, r.identity, r.version, r.uptime,
         r.last_seen_at AS lastSeenAt, r.last_error AS lastError, r.sync_hold AS syncHold,
         (SELECT count(*) FROM pppoe_accounts a WHERE a.router_id = r.id) AS accounts,
         (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pending,
         (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failed,
         r.created_at AS createdAt, r.updated_at AS updatedAt
  FROM routers r`;

type Row = Omit<Router, 'useTls' | 'hasPassword' | 'isActive'> & {
  useTls: number;
  hasPassword: number;
  isActive: number;
};
const toRouter = (r: Row): Router => ({
  ...r,
  useTls: r.useTls === 1,
  hasPassword: r.hasPassword === 1,
  isActive: r.isActive === 1,
});

export function getRouter(call: CallContext, id: number): Router {
  const row = call.app.sqlite.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('Router');
  return toRouter(row);
}

export function listRouters(call: CallContext, input: In<'routers.list'>): Paged<Router> {
  const params: unknown[] = [];
  let w = '';
  if (input.search) {
    w = "WHERE r.name LIKE ? ESCAPE '\\' OR r.host LIKE ? ESCAPE '\\' OR coalesce(r.identity, '') LIKE ? ESCAPE '\\'";
    const p = likePattern(input.search);
    params.push(p, p, p);
  }
  const rows = call.app.sqlite.prepare(`${SELECT} ${w} ORDER BY r.name COLLATE NOCASE`).all(...params) as Row[];
  return { items: rows.map(toRouter), total: rows.length, page: 1, pageSize: Math.max(rows.length, 1) };
}

function nameConflict(err: unknown): never {
  if (isUniqueViolation(err, 'routers')) {
    throw new AppError('CONFLICT', 'A router with this name already exists', [
      { path: 'name', message: 'A router with this name already exists' },
    ]);
  }
  throw err;
}

/** A new router gets every active package as a profile, so accounts created on it find their profile. */
function queueAllProfiles(call: CallContext, routerId: number) {
  const pkgs = call.app.sqlite
    .prepare(
      'SELECT id, profile_name AS profileName, bandwidth_up AS up, bandwidth_down AS down, ip_pool AS ipPool FROM internet_packages WHERE is_active = 1 ORDER BY id',
    )
    .all() as { id: number; profileName: string; up: number; down: number; ipPool: string | null }[];
  for (const p of pkgs) {
    enqueueOp(call.app, routerId, 'profile.upsert', 'package', p.id, {
      name: p.profileName,
      rateLimit: rateLimitFor(p.up, p.down),
      remoteAddress: p.ipPool,
    });
  }
}

export function createRouter(call: CallContext, input: In<'routers.create'>): Router {
  const { app } = call;
  const now = app.clock.now().toISOString();
  try {
    return app.sqlite.transaction(() => {
      const useTls = input.useTls ?? false;
      const { lastInsertRowid } = app.sqlite
        .prepare(
          `INSERT INTO routers(name, host, port, use_tls, username, password_enc, isolir_profile, notes, is_active, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.name,
          input.host,
          input.port ?? (useTls ? 8729 : 8728),
          useTls ? 1 : 0,
          input.username,
          app.secrets.encrypt(input.password),
          input.isolirProfile ?? 'ISOLIR',
          input.notes ?? null,
          input.isActive === false ? 0 : 1,
          now,
          now,
        );
      const id = Number(lastInsertRowid);
      if (input.isActive !== false) {
        enqueueIsolirProfile(app, id, input.isolirProfile ?? 'ISOLIR');
        queueAllProfiles(call, id);
      }
      const created = getRouter(call, id);
      writeAudit(call, { action: 'router.create', entity: 'router', entityId: id, after: created });
      return created;
    })();
  } catch (err) {
    nameConflict(err);
  }
}

export function updateRouter(call: CallContext, input: In<'routers.update'>): Router {
  const { app } = call;
  let reconnect = false;
  let result: Router;
  try {
    result = app.sqlite.transaction(() => {
      const before = getRouter(call, input.id);
      const useTls = input.useTls ?? before.useTls;
      const next = {
        name: input.name ?? before.name,
        host: input.host ?? before.host,
        port:
          input.port ??
          (input.useTls !== undefined && input.useTls !== before.useTls ? (useTls ? 8729 : 8728) : before.port),
        useTls,
        username: input.username ?? before.username,
        isolirProfile: input.isolirProfile ?? before.isolirProfile,
        notes: input.notes === undefined ? before.notes : input.notes,
        isActive: input.isActive ?? before.isActive,
      };
      app.sqlite
        .prepare(
          `UPDATE routers SET name = ?, host = ?, port = ?, use_tls = ?, username = ?, isolir_profile = ?, notes = ?, is_active = ?,
             updated_at = ? ${input.password !== undefined ? ', password_enc = ?' : ''} WHERE id = ?`,
        )
        .run(
          next.name,
          next.host,
          next.port,
          next.useTls ? 1 : 0,
          next.username,
          next.isolirProfile,
          next.notes,
          next.isActive ? 1 : 0,
          app.clock.now().toISOString(),
          ...(input.password !== undefined ? [app.secrets.encrypt(input.password)] : []),
          input.id,
        );
      reconnect =
        next.host !== before.host ||
        next.port !== before.port ||
        next.useTls !== before.useTls ||
        next.username !== before.username ||
        input.password !== undefined ||
        !next.isActive;
      if (next.isolirProfile !== before.isolirProfile) {
        enqueueIsolirProfile(app, input.id, next.isolirProfile);
        // Accounts isolated by profile on this router must move to the new isolir profile.
        const isolated = app.sqlite
          .prepare(
            "SELECT id FROM pppoe_accounts WHERE router_id = ? AND status = 'suspended' AND isolated_from_profile IS NOT NULL",
          )
          .all(input.id) as { id: number }[];
        for (const a of isolated) syncAccount(app, a.id, { kick: true });
      }
      if (next.isActive && !before.isActive) queueAllProfiles(call, input.id);
      const after = getRouter(call, input.id);
      const d = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
      delete d.before.updatedAt;
      delete d.after.updatedAt;
      if (input.password !== undefined) {
        d.after.hasPassword = true;
        (d.after as Record<string, unknown>).password = 'changed';
      }
      if (Object.keys(d.after).length)
        writeAudit(call, { action: 'router.update', entity: 'router', entityId: input.id, ...d });
      return after;
    })();
  } catch (err) {
    nameConflict(err);
  }
  if (reconnect) tryRelease(call, input.id);
  return result;
}

function tryRelease(call: CallContext, id: number) {
  try {
    connectorOf(call.app).release(id);
  } catch {
    // no connector running (tests, CLI): nothing pooled to drop
  }
}

export function deleteRouter(call: CallContext, id: number): { id: number } {
  const { sqlite } = call.app;
  sqlite.transaction(() => {
    const before = getRouter(call, id);
    if (before.accounts > 0) {
      throw new AppError(
        'CONFLICT',
        `${before.name} still has ${before.accounts} PPPoE account(s): move or delete them first`,
      );
    }
    // Queue rows and traffic samples are operational data about this router, not business records.
    sqlite.prepare('DELETE FROM sync_ops WHERE router_id = ?').run(id);
    sqlite.prepare('UPDATE traffic_samples SET router_id = NULL WHERE router_id = ?').run(id);
    sqlite.prepare('DELETE FROM routers WHERE id = ?').run(id);
    writeAudit(call, { action: 'router.delete', entity: 'router', entityId: id, before });
  })();
  tryRelease(call, id);
  return { id };
}

function reasonOf(err: unknown): string {
  if (!(err instanceof RouterError)) return 'error';
  if (err.kind === 'unreachable' && /refused/i.test(err.message)) return 'refused';
  return err.kind;
}

/**
 * Connects, logs in and reads identity + resource. A saved router uses a fresh connection too, so the
 * Test button checks exactly what is stored, and its health is updated from the result.
 */
export async function testRouter(call: CallContext, input: In<'routers.test'>): Promise<RouterTestResult> {
  const { app } = call;
  let target: RouterTarget;
  if (input.id !== undefined) {
    const saved = routerTarget(app, input.id);
    target = {
      host: input.host ?? saved.host,
      port: input.port ?? saved.port,
      tls: input.useTls ?? saved.tls,
      username: input.username ?? saved.username,
      password: input.password ?? saved.password,
    };
  } else {
    const tls = input.useTls ?? false;
    target = {
      host: input.host!,
      port: input.port ?? (tls ? 8729 : 8728),
      tls,
      username: input.username!,
      password: input.password ?? '',
    };
  }
  target.connectTimeoutMs = 5000;
  target.commandTimeoutMs = 5000;
  const started = Date.now();
  const connector = connectorOf(app);
  let client;
  try {
    client = await connector.connect(target);
    const [identity, resource] = await Promise.all([
      client.run('/system/identity/print'),
      client.run('/system/resource/print'),
    ]);
    const res = resource[0] ?? {};
    const result: RouterTestResult = {
      ok: true,
      identity: identity[0]?.name ?? null,
      version: res.version ?? null,
      uptime: res.uptime ?? null,
      boardName: res['board-name'] ?? null,
      reason: null,
      message: null,
      ms: Date.now() - started,
    };
    if (input.id !== undefined)
      markRouterOnline(app, input.id, { identity: result.identity, version: result.version, uptime: result.uptime });
    return result;
  } catch (err) {
    if (input.id !== undefined && input.host === undefined && input.password === undefined)
      markRouterDown(app, input.id, err);
    return {
      ok: false,
      identity: null,
      version: null,
      uptime: null,
      boardName: null,
      reason: reasonOf(err),
      message: describeRouterError(err),
      ms: Date.now() - started,
    };
  } finally {
    if (client) await client.close().catch(() => undefined);
  }
}
