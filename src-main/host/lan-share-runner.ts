import type { App } from '../app';
import { userCount } from '../core/auth';
import { getSettings } from '../core/settings';
import { setLanShareStatus } from '../core/lan-share/status';
import { localUrl, reachableUrls, isWildcard } from './http/announce';
import { bindRefusal } from './http/bind-policy';
import { createHttpHost } from './http/server';
import { ensureSelfSignedIdentity, type TlsIdentity } from './http/tls-identity';

export interface LanShareRunnerOptions {
  /** Built renderer served to the seats' browsers. */
  staticDir?: string;
  /** The certificate to serve (default: the app's own, made on first use in the data folder). */
  tls?: TlsIdentity;
  /**
   * Addresses the process already serves over HTTPS (`npm run server --tls-…` beyond loopback): shown
   * and paired with like the shared ones, whatever Settings say.
   */
  alsoServing?: string[];
}

const urlsFor = (host: string, port: number) =>
  isWildcard(host) ? reachableUrls(host, port, undefined, 'https') : [localUrl(host, port, 'https')];

/**
 * "Bagikan di jaringan kantor": the staff host over HTTPS on each address chosen in Settings, beside the
 * app's own window. Started, moved or stopped whenever the settings change (one change at a time).
 */
export function startLanShareRunner(app: App, opts: LanShareRunnerOptions = {}) {
  let hosts: ReturnType<typeof createHttpHost>[] = [];
  let key = '';
  let chain: Promise<void> = Promise.resolve();
  let identity: TlsIdentity | undefined = opts.tls;
  const also = opts.alsoServing ?? [];

  const status = (urls: string[], error: string | null) =>
    setLanShareStatus(app.ctx, { urls: [...also, ...urls], fingerprint: identity?.fingerprint ?? null, error });

  const wanted = () => {
    const s = getSettings(app.ctx);
    return s.lanShareEnabled && s.lanShareHosts.length ? { hosts: s.lanShareHosts, port: s.lanSharePort } : null;
  };

  const stopAll = async () => {
    await Promise.all(hosts.map((h) => h.close(2000)));
    hosts = [];
  };

  const apply = () =>
    (chain = chain.then(async () => {
      const want = wanted();
      const next = want ? `${want.hosts.join(',')}|${want.port}` : '';
      if (next === key) return;
      await stopAll();
      key = next;
      if (!want) return status([], null);
      const refusal = want.hosts.map((h) => bindRefusal(h, userCount(app.ctx))).find(Boolean);
      if (refusal) return status([], refusal);
      try {
        identity ??= await ensureSelfSignedIdentity(app.ctx.dataDir);
        const urls: string[] = [];
        for (const host of want.hosts) {
          const h = createHttpHost({ app, host, port: want.port, staticDir: opts.staticDir, tls: identity });
          await h.listen();
          hosts.push(h);
          urls.push(...urlsFor(host, want.port));
        }
        status(urls, null);
        app.ctx.logger.info('shared on the office network', { urls });
      } catch (err) {
        await stopAll();
        key = '';
        const message = `Cannot share on the office network: ${(err as Error).message}`;
        app.ctx.logger.warn('office network sharing not started', { error: message });
        status([], message);
      }
    }));

  status([], null);
  const unsubscribe = app.ctx.events.subscribe((e) => {
    if (e.name === 'data.changed' && (e.payload as { entity?: string }).entity === 'settings') void apply();
  });
  const ready = apply();
  return {
    ready,
    async stop() {
      unsubscribe();
      await chain;
      await stopAll();
    },
  };
}
