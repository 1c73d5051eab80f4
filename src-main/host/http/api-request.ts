import type http from 'node:http';
import { BodyTooLarge, readBody } from './http-util';

/* What the staff host and the portal host both check and read in a call to /api/<channel>. */

/**
 * A browser may only call the API from the page it was served: a request carrying an Origin header
 * must come from the host it is addressed to (no CORS headers are ever sent).
 */
export function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The call's JSON input (undefined for an empty body), or why it cannot be read. */
export async function readJsonInput(
  req: http.IncomingMessage,
  maxBody: number,
): Promise<{ input: unknown } | { refused: 'tooLarge' | 'notJson' }> {
  try {
    const text = await readBody(req, maxBody);
    return { input: text.trim() === '' ? undefined : JSON.parse(text) };
  } catch (err) {
    return { refused: err instanceof BodyTooLarge ? 'tooLarge' : 'notJson' };
  }
}

/**
 * The answer to a sign-in from a source the limiter holds back until `retryAt`: the body and the
 * Retry-After header, in whole seconds (at least 1).
 */
export function signInsLimited(retryAt: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return {
    body: {
      ok: false,
      error: {
        code: 'RATE_LIMITED' as const,
        message: `Too many sign-in attempts from this computer: wait ${seconds} seconds`,
      },
    },
    headers: { 'Retry-After': String(seconds) },
  };
}
