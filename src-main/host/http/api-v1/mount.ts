import type http from 'node:http';
import type { App } from '../../../app';
import { send } from '../http-util';
import { API_V1, handleApiV1 } from './router';

export { API_V1 };

/** The one entry from server.ts: /api/v1 requests, never throwing into the HTTP server. */
export function mountApiV1(app: App, req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
  handleApiV1(app, req, res, path).catch((err: unknown) => {
    app.ctx.logger.error('api v1 request failed', {
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    if (!res.headersSent) send(res, 500, { error: { code: 'INTERNAL', message: 'Request failed' } });
  });
}
