import type { IncomingMessage } from 'node:http';
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

const bare = (a: string | undefined) => (a ?? '').replace(/^::ffff:/, '');
const hostOf = (address: string, port: number) =>
  `${address.includes(':') ? `[${address}]` : address}${port === 80 ? '' : `:${port}`}`;

/**
 * The portal's own address as the customer reached it: the address and port the connection arrived on
 * (after the router's dst-nat this is the portal's, whatever site the customer typed).
 */
export function portalBaseOf(req: IncomingMessage): string {
  return `http://${hostOf(bare(req.socket.localAddress), req.socket.localPort ?? 80)}`;
}

/**
 * A request for the portal itself (its Host names the address the connection arrived on, or the isolir
 * address in Settings) rather than for some site the router redirected: the portal app answers it.
 */
export function isDirectVisit(app: App, req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').toLowerCase().replace(/:80$/, '');
  if (!host) return false;
  const port = req.socket.localPort ?? 80;
  const s = getSettings(app.ctx);
  const own = [hostOf(bare(req.socket.localAddress), port)];
  if (s.isolirPortalAddress) own.push(hostOf(s.isolirPortalAddress, s.isolirPortalPort));
  return own.includes(host);
}

/**
 * An isolated customer's plain-HTTP page (the router's dst-nat brings every port-80 request here): the
 * isolir page, whatever the path, for any site they typed. Asked only for page requests, never /api/,
 * and not for a visit to the portal's own address, so the same customer can still sign in and pay
 * (the isolir page links the pay pages there).
 */
export function isolirPageHandler(app: App): PortalPageHandler {
  return async (req, res) => {
    if (isDirectVisit(app, req)) return false;
    const page = await isolirPageFor(app.ctx, req.socket.remoteAddress ?? '', { portalBase: portalBaseOf(req) });
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
