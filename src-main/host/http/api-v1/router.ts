/**
 * /api/v1: the REST API for other systems. Each route is a contract channel called through the same
 * dispatcher as the staff screens (validation, services, messages), authorised by an API key's scopes
 * instead of a user's role. Order per request: address limit, key check, key limit, route, body,
 * idempotency, call, audit row.
 */
import type http from 'node:http';
import type { App } from '../../../app';
import { peerAddress } from '../../../core/context';
import { checkApiKey, type ApiPrincipal } from '../../../core/api-keys/keys';
import { apiCallLog } from '../../../core/api-keys/call-log';
import { ADDRESS_RATE_PER_MINUTE, MinuteWindows, type RateDecision } from '../../../core/api-keys/rate-limit';
import { bodyHash, IDEMPOTENCY_KEY_PATTERN, idempotent } from '../../../core/api-keys/idempotency';
import { BodyTooLarge, readBody, send, STATUS } from '../http-util';
import { matchRoute, type Route } from './routes';
import { scopeAllows } from '../../../../src-shared/api-scopes';
import { queryToInput } from './schemas';
import { languageOf, translate, type Lang } from './translate';
import { docsPage, openApiDocument } from './openapi';

export const API_V1 = '/api/v1';
/** Bodies of API POSTs are small records; anything bigger is refused with 413. */
export const MAX_API_BODY = 64 * 1024;

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const KEY_REFUSALS = {
  missing: [401, 'Send the API key as Authorization: Bearer <key>'],
  unknown: [401, 'This API key is not valid'],
  revoked: [401, 'This API key was revoked'],
  expired: [401, 'This API key has expired'],
  address: [403, 'This API key may not be used from this address'],
} as const;

function errorBody(code: string, message: string, lang: Lang, issues?: { path: string; message: string }[]) {
  return {
    error: {
      code,
      message: translate(message, lang),
      ...(issues?.length ? { issues: issues.map((i) => ({ path: i.path, message: translate(i.message, lang) })) } : {}),
    },
  };
}

function limiter(app: App): MinuteWindows {
  const existing = app.ctx.services.apiRateWindows;
  if (existing instanceof MinuteWindows) return existing;
  const created = new MinuteWindows(app.ctx.clock);
  app.ctx.services.apiRateWindows = created;
  return created;
}

function rateHeaders(d: RateDecision): Record<string, string> {
  const h: Record<string, string> = {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': String(d.resetSeconds),
  };
  if (!d.allowed) h['Retry-After'] = String(d.resetSeconds);
  return h;
}

const tooMany = (lang: Lang, d: RateDecision, who: string): Answer => ({
  status: 429,
  body: errorBody('RATE_LIMITED', `Too many requests ${who}: wait ${d.resetSeconds} seconds`, lang),
  headers: rateHeaders(d),
});

async function readInput(req: http.IncomingMessage, route: Route, id: number | undefined, lang: Lang) {
  if (route.method === 'GET') {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (id !== undefined) return { input: { id }, raw: '' };
    return { input: queryToInput(route.channel, params), raw: '' };
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return { error: { status: 415, body: errorBody('BAD_INPUT', 'Send JSON (Content-Type: application/json)', lang) } };
  }
  let raw: string;
  try {
    raw = await readBody(req, MAX_API_BODY);
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) throw err;
    return {
      error: {
        status: 413,
        body: errorBody('BAD_INPUT', 'The request body is larger than 64 KB', lang),
        headers: { Connection: 'close' },
      },
    };
  }
  try {
    return { input: raw.trim() === '' ? {} : (JSON.parse(raw) as unknown), raw };
  } catch {
    return { error: { status: 400, body: errorBody('BAD_INPUT', 'The request body is not valid JSON', lang) } };
  }
}

async function callRoute(
  app: App,
  principal: ApiPrincipal,
  source: string | null,
  route: Route,
  input: unknown,
  lang: Lang,
) {
  const result = await app.call(route.channel, input, { transport: 'http', source, apiKey: principal });
  if (result.ok) return { status: route.method === 'POST' ? 201 : 200, body: result.value };
  return {
    status: STATUS[result.error.code],
    body: errorBody(result.error.code, result.error.message, lang, result.error.issues),
  };
}

async function answer(
  app: App,
  req: http.IncomingMessage,
  subPath: string,
  lang: Lang,
): Promise<Answer & { principal?: ApiPrincipal }> {
  const source = peerAddress(req.socket.remoteAddress);
  const windows = limiter(app);
  const perAddress = app.ctx.services.apiAddressRatePerMinute;
  const byAddress = windows.hit(
    `addr:${source ?? '?'}`,
    typeof perAddress === 'number' ? perAddress : ADDRESS_RATE_PER_MINUTE,
  );
  if (!byAddress.allowed) return tooMany(lang, byAddress, 'from this address');

  const auth = req.headers.authorization;
  const secret = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  const check = checkApiKey(app.ctx, secret, source);
  if (!check.ok) {
    const [status, message] = KEY_REFUSALS[check.reason];
    const code = status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    return {
      status,
      body: errorBody(code, message, lang),
      headers: status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
    };
  }
  const principal = check.principal;
  const byKey = windows.hit(`key:${principal.keyId}`, principal.ratePerMinute);
  if (!byKey.allowed) return { ...tooMany(lang, byKey, 'for this API key'), principal };
  const limits = rateHeaders(byKey);

  const match = matchRoute(req.method ?? 'GET', subPath);
  if (!match)
    return { status: 404, body: errorBody('NOT_FOUND', 'No such API resource', lang), headers: limits, principal };
  if ('methods' in match) {
    return {
      status: 405,
      body: errorBody('BAD_INPUT', `Use ${match.methods.join(' or ')} here`, lang),
      headers: { ...limits, Allow: match.methods.join(', ') },
      principal,
    };
  }
  // The scope first (dispatch checks it again): a key learns nothing about routes it may not use.
  if (!scopeAllows(principal.scopes, match.route.channel)) {
    return {
      status: 403,
      body: errorBody('FORBIDDEN', 'This API key may not do this', lang),
      headers: limits,
      principal,
    };
  }
  const read = await readInput(req, match.route, match.id, lang);
  if (read.error) return { ...read.error, headers: { ...limits, ...read.error.headers }, principal };
  if (match.route.method === 'GET')
    return { ...(await callRoute(app, principal, source, match.route, read.input, lang)), headers: limits, principal };

  const idemKey = req.headers['idempotency-key'];
  if (typeof idemKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(idemKey)) {
    const message = 'Send an Idempotency-Key header (1–100 letters, digits, _ . : -) with every POST';
    return { status: 400, body: errorBody('BAD_INPUT', message, lang), headers: limits, principal };
  }
  const routeName = `POST ${match.route.path}`;
  const outcome = await idempotent(
    app.ctx,
    { apiKeyId: principal.keyId, key: idemKey, route: routeName, bodyHash: bodyHash(JSON.stringify(read.input)) },
    () => callRoute(app, principal, source, match.route, read.input, 'en'),
  );
  if ('conflict' in outcome) {
    const message =
      outcome.conflict === 'body'
        ? 'This Idempotency-Key was already used with a different request'
        : 'An earlier request with this Idempotency-Key did not finish: check its result before using a new key';
    return { status: 409, body: errorBody('CONFLICT', message, lang), headers: limits, principal };
  }
  // Stored answers are English; each caller reads them in its own language.
  const body = localized(outcome.body, lang);
  return {
    status: outcome.status,
    body,
    headers: { ...limits, ...(outcome.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    principal,
  };
}

function localized(body: unknown, lang: Lang): unknown {
  if (lang === 'en' || !body || typeof body !== 'object' || !('error' in body)) return body;
  const e = (body as { error: { code: string; message: string; issues?: { path: string; message: string }[] } }).error;
  return errorBody(e.code, e.message, lang, e.issues);
}

/** Serves everything below /api/v1 (the one mount in server.ts). */
export async function handleApiV1(app: App, req: http.IncomingMessage, res: http.ServerResponse, path: string) {
  const lang = languageOf(req.headers['accept-language']);
  const subPath = path.slice(API_V1.length) || '/';
  if (req.method === 'GET' && subPath === '/openapi.json') return send(res, 200, openApiDocument());
  if (req.method === 'GET' && subPath === '/docs') return docsPage(res);
  const out = await answer(app, req, subPath, lang);
  send(res, out.status, out.body, out.headers ?? {});
  if (out.principal) {
    apiCallLog(app.ctx).add(out.principal, peerAddress(req.socket.remoteAddress), {
      method: req.method ?? 'GET',
      path: (req.url ?? path).slice(0, 300),
      status: out.status,
    });
  }
}
