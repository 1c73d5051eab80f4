import os from 'node:os';
import { isLoopback } from './bind-policy';

/** Addresses that mean "every interface" to listen(). */
export const isWildcard = (host: string) => ['0.0.0.0', '::', '[::]'].includes(host.trim());

export type Scheme = 'http' | 'https';

const urlFor = (address: string, port: number, scheme: Scheme = 'http') =>
  address.includes(':') ? `${scheme}://[${address}]:${port}` : `${scheme}://${address}:${port}`;

/** The URL to open on this computer: a wildcard bind is reached through loopback. */
export function localUrl(host: string, port: number, scheme: Scheme = 'http'): string {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (h === '0.0.0.0') return urlFor('127.0.0.1', port, scheme);
  if (h === '::') return urlFor('::1', port, scheme);
  return urlFor(h, port, scheme);
}

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/**
 * The URLs other computers can open: for a wildcard bind, each non-internal address of this computer
 * (IPv4 for 0.0.0.0; IPv4 and IPv6 for ::, without link-local fe80:: ones, which need a zone id a
 * browser cannot take); for a specific address, that address; nothing for loopback.
 */
export function reachableUrls(
  host: string,
  port: number,
  nets: Interfaces = os.networkInterfaces(),
  scheme: Scheme = 'http',
): string[] {
  if (isLoopback(host)) return [];
  if (!isWildcard(host)) return [localUrl(host, port, scheme)];
  const v6 = host.includes(':');
  const out: string[] = [];
  for (const list of Object.values(nets)) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv6' && (!v6 || /^fe[89ab]/i.test(a.address))) continue;
      const url = urlFor(a.address, port, scheme);
      if (!out.includes(url)) out.push(url);
    }
  }
  return out;
}

export const PLAIN_HTTP_WARNING =
  'Warning: this is plain HTTP. Passwords and customer data cross the network unencrypted: use it only on a trusted office LAN, never on the internet or public Wi-Fi.';

/**
 * What the browser host prints once it listens. `info` and `warning` are for people; the last line of
 * `info` is `ready`, the one line holding only the URL that scripts and tests read.
 */
export function announcement(
  host: string,
  port: number,
  nets?: Interfaces,
  scheme: Scheme = 'http',
): { info: string[]; warning: string | null; ready: string } {
  const ready = localUrl(host, port, scheme);
  // Over HTTPS nothing crosses the network in clear: no warning.
  const warning = scheme === 'https' ? null : PLAIN_HTTP_WARNING;
  if (isLoopback(host)) return { info: [ready], warning: null, ready };
  if (!isWildcard(host)) {
    return {
      info: [`Listening on ${host}, port ${port}: other computers on the LAN open the address below.`, ready],
      warning,
      ready,
    };
  }
  const urls = reachableUrls(host, port, nets, scheme);
  const info = urls.length
    ? [
        `Listening on every network interface, port ${port}. Other computers on the LAN open:`,
        ...urls.map((u) => `  ${u}`),
      ]
    : [`Listening on every network interface, port ${port}, but this computer has no network address (cable, Wi-Fi?).`];
  return { info: [...info, 'On this computer:', ready], warning, ready };
}
