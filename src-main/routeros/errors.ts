import { RouterError, type RouterTarget } from './client';

export const API_PORT = 8728;
export const API_SSL_PORT = 8729;

/** Explicit default port: node-routeros keeps 8728 even with TLS (ROUTEROS.md defect 5). */
export function portOf(target: Pick<RouterTarget, 'port' | 'tls'>): number {
  return target.port || (target.tls ? API_SSL_PORT : API_PORT);
}

/** Turns a socket/TLS error (often with an empty message) into a RouterError a technician can act on. */
export function mapSocketError(
  err: NodeJS.ErrnoException,
  target: Pick<RouterTarget, 'host' | 'port' | 'tls'>,
): RouterError {
  const port = portOf(target);
  const host = target.host;
  const service = target.tls ? 'api-ssl' : 'api';
  const code = err.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return new RouterError(
        'unreachable',
        `connection refused — is the API service enabled on port ${port}? (IP → Services → ${service} on ${host})`,
      );
    case 'EHOSTUNREACH':
      return new RouterError('unreachable', `host ${host} is unreachable — check the address, cable and route`);
    case 'ENETUNREACH':
      return new RouterError(
        'unreachable',
        `network unreachable for ${host} — check this computer's network connection`,
      );
    case 'EHOSTDOWN':
      return new RouterError('unreachable', `host ${host} is down`);
    case 'EADDRNOTAVAIL':
      return new RouterError('unreachable', `address ${host} is not usable from this computer`);
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new RouterError('unreachable', `host name "${host}" not found — check the address or DNS`);
    case 'ETIMEDOUT':
      return new RouterError('timeout', `connection to ${host}:${port} timed out — the router did not answer`);
    case 'ECONNRESET':
      return new RouterError('closed', `the router at ${host}:${port} reset the connection`);
    case 'EPIPE':
    case 'ECONNABORTED':
      return new RouterError('closed', `the connection to ${host}:${port} was broken`);
  }
  if (
    code.startsWith('ERR_SSL') ||
    code.startsWith('ERR_TLS') ||
    code === 'EPROTO' ||
    code.includes('CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  ) {
    return new RouterError(
      'unreachable',
      `TLS handshake with ${host}:${port} failed (${err.message || code}) — is ${service} enabled with a certificate on the router?`,
    );
  }
  return new RouterError('closed', `connection to ${host}:${port} failed: ${err.message || code || 'socket error'}`);
}
