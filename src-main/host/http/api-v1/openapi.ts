/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod contract (z.toJSONSchema, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses), and a readable page rendered from the same document on the server
 * (no script, nothing fetched from the internet).
 */
import type http from 'node:http';
import { API_SCOPE_CHANNELS } from '../../../../src-shared/api-scopes';
import { ROUTES, type Route } from './routes';
import { channelSchema, type JsonSchema } from './schemas';
import { webhooksSection } from './webhooks-doc';

const scopesOf = (r: Route) =>
  Object.entries(API_SCOPE_CHANNELS)
    .filter(([, channels]) => (channels as readonly string[]).includes(r.channel))
    .map(([scope]) => scope);

const errorSchema: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: 'Indonesian by default; English with Accept-Language: en' },
        issues: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function queryParameters(r: Route) {
  const input = channelSchema(r.channel, 'input');
  const params: unknown[] = [];
  for (const [name, schema] of Object.entries(input.properties ?? {})) {
    if (schema.type === 'object' && schema.properties) {
      for (const [sub, s] of Object.entries(schema.properties))
        params.push({ name: `${name}.${sub}`, in: 'query', schema: s });
    } else params.push({ name, in: 'query', schema });
  }
  return params;
}

function operation(r: Route) {
  const scopes = scopesOf(r);
  const op: Record<string, unknown> = {
    operationId: r.channel,
    summary: r.summary,
    tags: [r.tag],
    description: `Contract channel \`${r.channel}\`. Scope: ${scopes.join(' or ')}.`,
    security: [{ apiKey: scopes }],
    responses: {
      [r.method === 'POST' ? '201' : '200']: {
        description: 'OK',
        content: { 'application/json': { schema: channelSchema(r.channel, 'output') } },
      },
      '400': errorResponse('Bad input: the message names the field'),
      '401': errorResponse('Missing, unknown, revoked or expired key'),
      '403': errorResponse('The key lacks the scope, or is used from an address it does not allow'),
      '404': errorResponse('Not found'),
      '429': errorResponse('Rate limit reached: see Retry-After and RateLimit-* headers'),
    },
  };
  if (r.path.includes('{id}')) {
    op.parameters = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }];
  } else if (r.method === 'GET') op.parameters = queryParameters(r);
  if (r.method === 'POST') {
    op.parameters = [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: 'Same key + same body: the stored answer again (never a second record). Another body: 409.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$' },
      },
    ];
    op.requestBody = { required: true, content: { 'application/json': { schema: channelSchema(r.channel, 'input') } } };
    (op.responses as Record<string, unknown>)['409'] = errorResponse(
      'Conflict, or an Idempotency-Key reused with another body',
    );
    (op.responses as Record<string, unknown>)['413'] = errorResponse('Body larger than 64 KB');
  }
  return op;
}

let cached: Record<string, unknown> | null = null;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'PPPoE Desk API',
      version: '1',
      description:
        'Customers, packages, PPPoE accounts, invoices and payments of PPPoE Desk. Authenticate with an API key made by an admin (Settings → API keys): `Authorization: Bearer pdk_…`. Money is integer rupiah; instants are ISO UTC.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (pdk_…)' } },
      schemas: { Error: errorSchema },
    },
  };
  return cached;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function schemaTable(schema: JsonSchema): string {
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) return '';
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = props
    .map(([name, s]) => {
      const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? (s.anyOf ? 'one of several' : 'any'));
      const extra = s.enum ? `: ${(s.enum as unknown[]).join(', ')}` : '';
      return `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' *' : ''}</td><td>${esc(String(type) + extra)}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>Field</th><th>Type</th></tr>${rows}</table>`;
}

/** The readable page: every route with its scope, parameters and fields, from the same document. */
export function docsPage(res: http.ServerResponse) {
  const doc = openApiDocument();
  const sections = ROUTES.map((r) => {
    const op = (doc.paths as Record<string, Record<string, { description: string }>>)[r.path]![r.method.toLowerCase()]!;
    const input = r.path.includes('{id}') ? '' : schemaTable(channelSchema(r.channel, 'input'));
    return `<section><h2><span class="m">${r.method}</span> /api/v1${esc(r.path)}</h2><p>${esc(r.summary)}. ${esc(op.description)}</p>
${input ? `<h3>${r.method === 'GET' ? 'Query parameters' : 'Body'}</h3>${input}` : ''}
<h3>Answer</h3>${schemaTable(channelSchema(r.channel, 'output'))}</section>`;
  }).join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PPPoE Desk API v1</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
.m{background:#1c7ed6;color:#fff;border-radius:4px;padding:0 .4rem;font-size:.9em}section{border-top:1px solid #ddd;margin-top:1.5rem}</style></head>
<body><h1>PPPoE Desk API v1</h1><p>${esc(String((doc.info as { description: string }).description))}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1). Errors: <code>{"error":{"code","message","issues"}}</code>; rate limits: <code>429</code> with <code>Retry-After</code> and <code>RateLimit-*</code>; every POST needs an <code>Idempotency-Key</code>.</p>
${sections}
${webhooksSection()}</body></html>`;
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}
