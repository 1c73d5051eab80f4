import type { z } from 'zod';
import type { Router, RouterTestResult, routersContract } from '../../../src-shared/contract/routers';
import { AppError, notFound } from '../../../src-shared/result';
import { RouterError, type RouterTarget } from '../../routeros/client';
import { profileIsolatedOnRouter } from '../../data/network/account-state.repository';
import * as routersRepo from '../../data/network/routers.repository';
import { deleteRouterOps } from '../../data/network/sync-ops.repository';
import { detachRouterTraffic } from '../../data/network/traffic.repository';
import { activeProfiles } from '../../data/packages.repository';
import { diff, writeAudit } from '../audit';
import type { CallContext } from '../context';
import { isUniqueViolation, likePattern, type Paged } from '../../data/sql';
import { markRouterDown, markRouterOnline } from './health';
import { connectorOf, routerTarget } from './router-access';
import { describeRouterError } from './router-errors';
import { enqueueIsolirProfile, enqueueOp, syncAccount } from './queue';
import { moveToBrand, placeInBrand } from '../brands/membership';
import { canSeeBrand, visibleBrandIds } from '../brands/scope';
import { rateLimitFor } from './rate-limit';

type R = typeof routersContract;
type In<K extends keyof R> = z.output<R[K]['input']>;

export function getRouter(call: CallContext, id: number): Router {
  const router = routersRepo.findRouter(call.app.sqlite, id);
  if (!router || !canSeeBrand(call, router.brandId)) throw notFound('Router');
  return router;
}

export function listRouters(call: CallContext, input: In<'routers.list'>): Paged<Router> {
  const rows = routersRepo.listRouters(
    call.app.sqlite,
    input.search ? likePattern(input.search) : null,
    visibleBrandIds(call),
  );
  return { items: rows, total: rows.length, page: 1, pageSize: Math.max(rows.length, 1) };
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
  for (const p of activeProfiles(call.app.sqlite)) {
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
      const id = routersRepo.insertRouter(
        app.sqlite,
        {
          name: input.name,
          host: input.host,
          port: input.port ?? (useTls ? 8729 : 8728),
          useTls,
          username: input.username,
          passwordEnc: app.secrets.encrypt(input.password),
          isolirProfile: input.isolirProfile ?? 'ISOLIR',
          notes: input.notes ?? null,
          isActive: input.isActive !== false,
        },
        now,
      );
      placeInBrand(call, 'routers', id, input.brandId);
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
      routersRepo.updateRouter(
        app.sqlite,
        input.id,
        next,
        input.password !== undefined ? app.secrets.encrypt(input.password) : undefined,
        app.clock.now().toISOString(),
      );
      moveToBrand(call, 'routers', input.id, before.brandId, input.brandId);
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
        for (const id of profileIsolatedOnRouter(app.sqlite, input.id)) syncAccount(app, id, { kick: true });
      }
      if (next.isActive && !before.isActive) queueAllProfiles(call, input.id);
      const after = getRouter(call, input.id);
      const d = diff(before, after);
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
    deleteRouterOps(sqlite, id);
    detachRouterTraffic(sqlite, id);
    routersRepo.deleteRouter(sqlite, id);
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
