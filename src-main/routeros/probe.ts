import { RouterError, type RouterTarget } from './client';
import { RouterConnection } from './connection';
import { parseVersion } from './pool';
import type { Timers } from '../timers';

export interface RouterProbe {
  identity: string;
  /** e.g. `7.19.4`. */
  version: string;
  uptime: string;
  boardName?: string;
  cpuLoad?: number;
}

/**
 * The "Test" button: a fresh connection (not the pool's), login, identity + resource, close.
 * Rejects with a RouterError whose kind says why: unreachable, auth, timeout, fatal, closed, protocol.
 */
export async function probeRouter(target: RouterTarget, opts: { timers?: Timers } = {}): Promise<RouterProbe> {
  const t = {
    ...target,
    connectTimeoutMs: target.connectTimeoutMs ?? 8_000,
    commandTimeoutMs: target.commandTimeoutMs ?? 8_000,
  };
  const conn = await RouterConnection.open(t, { timers: opts.timers });
  try {
    const [resource, identity] = await Promise.all([
      conn.run('/system/resource/print'),
      conn.run('/system/identity/print'),
    ]);
    const r = resource[0];
    if (!r?.version) throw new RouterError('protocol', 'the router did not report its RouterOS version');
    const load = Number(r['cpu-load']);
    return {
      identity: identity[0]?.name ?? '',
      version: parseVersion(r.version) ?? r.version,
      uptime: r.uptime ?? '',
      boardName: r['board-name'],
      cpuLoad: Number.isFinite(load) ? load : undefined,
    };
  } finally {
    await conn.close();
  }
}
