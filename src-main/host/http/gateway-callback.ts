import type http from 'node:http';
import { GATEWAYS, type Gateway } from '../../../src-shared/contract/gateway-payments';
import type { App } from '../../app';
import { handleGatewayCallback } from '../../core/gateway-payments/callback';
import { gatewayRow } from '../../core/gateway-payments/gateways';
import { BodyTooLarge, readRawBody } from './http-util';

/*
 * The gateways' callback receiver, mounted on the portal's address (the customer-facing host an ISP
 * can publish): POST /callback/<provider>. Only for a gateway whose "accept callbacks" setting is on.
 * The signature is checked on the raw bytes by the adapter (handleGatewayCallback) before anything is
 * read; the status is then confirmed with the provider and credited once (core/gateway-payments).
 */

export const CALLBACK_PREFIX = '/callback/';
/** Callback bodies are a few hundred bytes; anything near this is not a gateway's. */
const MAX_CALLBACK_BODY = 64 * 1024;

const isGateway = (s: string): s is Gateway => (GATEWAYS as readonly string[]).includes(s);

function plain(res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

export async function receiveGatewayCallback(
  app: App,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
) {
  try {
    const provider = path.slice(CALLBACK_PREFIX.length);
    if (!isGateway(provider)) return plain(res, 404, 'not found');
    if (req.method !== 'POST') return plain(res, 405, 'use POST', { Allow: 'POST' });
    const row = gatewayRow(app.ctx, provider);
    if (!row.enabled || !row.callbacksEnabled) return plain(res, 404, 'callbacks are off for this gateway');
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(req, MAX_CALLBACK_BODY);
    } catch (e) {
      return e instanceof BodyTooLarge
        ? plain(res, 413, 'too large', { Connection: 'close' })
        : plain(res, 400, 'bad request');
    }
    const r = await handleGatewayCallback(app.ctx, provider, { rawBody, headers: req.headers });
    const retry: Record<string, string> = r.retryAfter ? { 'Retry-After': String(r.retryAfter) } : {};
    res
      .writeHead(r.ack.status, { 'Content-Type': r.ack.contentType, 'Cache-Control': 'no-store', ...retry })
      .end(r.ack.body);
  } catch (e) {
    app.ctx.logger.warn('gateway callback failed', { error: e instanceof Error ? e.message : String(e) });
    if (!res.headersSent) plain(res, 500, 'failed');
  }
}
