import type { App } from '../app';
import { getSettings } from '../core/settings';
import { setPortalStatus } from '../core/portal/status';
import { reachableUrls, localUrl, isWildcard } from './http/announce';
import { isolirPageFor } from '../core/isolir/page';
import { createPortalHost, type PortalPageHandler } from './http/portal-server';

export interface PortalRunnerOptions {
  staticDir?: string;
  /** `npm run serve -- --portal-port N [--portal-host ADDR]`: fixed, whatever Settings say. */
  fixed?: { host: string; port: number };
  pageHandlers?: PortalPageHandler[];
  /** Told the portal's address each time it starts listening. */
  onListening?(url: string): void;
  onError?(message: string): void;
}

/**
 * An isolated customer's plain-HTTP page (the router's dst-nat brings every port-80 request here): the
 * isolir page, whatever the path and Host. Asked only for page requests, never /api/, so the same
 * customer can still sign in to the portal and pay.
 */
export function isolirPageHandler(app: App): PortalPageHandler {
  return async (req, res) => {
    const page = await isolirPageFor(app.ctx, req.socket.remoteAddress ?? '');
    if (!page) return false;
    res.writeHead(page.status, page.headers).end(page.html);
    return true;
  };
}

/** The address a phone opens: the bound address, or for a wildcard bind this computer's first LAN address. */
export function portalUrl(host: string, port: number): string {
  const lan = isWildcard(host) ? reachableUrls(host, port)[0] : undefined;
  return `${lan ?? localUrl(host, port)}/`;
}

/**
 * Runs the customer portal beside the staff host in the same process: on at start when Settings (or
 * the command line) say so, and started, moved or stopped when an Admin changes its settings.
 */
export function startPortalRunner(app: App, opts: PortalRunnerOptions = {}) {
  let current: { key: string; host: ReturnType<typeof createPortalHost> } | null = null;
  let chain: Promise<void> = Promise.resolve();

  const wanted = () => {
    if (opts.fixed) return opts.fixed;
    const s = getSettings(app.ctx);
    return s.portalEnabled ? { host: s.portalHost, port: s.portalPort } : null;
  };

  // Changes are applied one after another, so a quick on-off-on never leaves two servers.
  const apply = () =>
    (chain = chain.then(async () => {
      const want = wanted();
      const key = want ? `${want.host}|${want.port}` : '';
      if (current?.key === key) return;
      if (current) {
        await current.host.close();
        current = null;
        setPortalStatus(app.ctx, { url: null, error: null });
      }
      if (!want) return;
      const host = createPortalHost({
        app,
        staticDir: opts.staticDir,
        pageHandlers: opts.pageHandlers ?? [isolirPageHandler(app)],
        ...want,
      });
      try {
        const { port } = await host.listen();
        current = { key, host };
        const url = portalUrl(want.host, port);
        setPortalStatus(app.ctx, { url, error: null });
        opts.onListening?.(url);
      } catch (err) {
        const message = `The customer portal cannot listen on ${want.host}:${want.port}: ${(err as Error).message}`;
        setPortalStatus(app.ctx, { url: null, error: message });
        app.ctx.logger.warn('portal not started', { error: message });
        opts.onError?.(message);
      }
    }));

  const unsubscribe = opts.fixed
    ? () => {}
    : app.ctx.events.subscribe((e) => {
        if (e.name === 'data.changed' && (e.payload as { entity?: string }).entity === 'settings') void apply();
      });
  const ready = apply();
  return {
    ready,
    async stop() {
      unsubscribe();
      await chain;
      if (current) await current.host.close();
      current = null;
    },
  };
}
