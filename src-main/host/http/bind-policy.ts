/** Host names that only this computer can reach. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const isLoopback = (host: string) => LOOPBACK_HOSTS.has(host.trim().toLowerCase());

/**
 * The browser host listens beyond this computer only once an Admin exists: otherwise the first
 * visitor on the network could create the Admin account. Returns why it refuses, or null.
 */
export function bindRefusal(host: string, userCount: number): string | null {
  if (isLoopback(host) || userCount > 0) return null;
  return `Refusing to listen on ${host} before an Admin exists: add --init-admin <user>:<password>`;
}
