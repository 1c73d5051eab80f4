import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPE_CHANNELS, API_SCOPES } from '../../../src-shared/api-scopes';
import { procedures, type Channel } from '../../../src-shared/contract';
import { ROUTES } from '../../../src-main/host/http/api-v1/routes';
import { apiCallLog, FLUSH_MS, ApiCallLog } from '../../../src-main/core/api-keys/call-log';
import { listAuditRows } from './audit-rows';
import { apiHarness, type ApiHarness } from './helpers';

let h: ApiHarness;
const secrets: Record<string, string> = {};

beforeAll(async () => {
  h = await apiHarness();
  for (const scope of API_SCOPES) secrets[scope] = (await h.makeKey({ name: `only ${scope}`, scopes: [scope] })).secret;
});
afterAll(() => h.close());

/** A request a route answers without side effects when allowed: an unknown id, or an empty (invalid) body. */
const probe = (route: (typeof ROUTES)[number]) =>
  route.method === 'POST'
    ? { method: 'POST', path: `/api/v1${route.path}`, body: {} }
    : { method: 'GET', path: `/api/v1${route.path.replace('{id}', '987654')}` };

describe('every scope × every route', () => {
  const cases = API_SCOPES.flatMap((scope) =>
    ROUTES.map((route) => ({
      scope,
      route: `${route.method} ${route.path}`,
      r: route,
      allowed: (API_SCOPE_CHANNELS[scope] as readonly string[]).includes(route.channel),
    })),
  );
  it.each(cases)('$scope → $route: allowed=$allowed', async ({ scope, r, allowed }) => {
    const p = probe(r);
    const res = await h.request(p.method, p.path, {
      key: secrets[scope],
      body: p.body,
      headers: p.body ? { 'Idempotency-Key': `probe-${scope}-${r.tag}` } : {},
    });
    if (allowed) {
      expect(res.status, res.body).not.toBe(403);
      // GET of an unknown id: not found; a list: 200; an empty POST: the contract's field errors.
      expect([200, 400, 404]).toContain(res.status);
      if (res.status === 400) expect(res.json().error.issues.length, res.body).toBeGreaterThan(0);
    } else {
      expect(res.status, res.body).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });
});

describe('keys never reach users, roles, settings', () => {
  const closed = new Set([
    'users.manage',
    'settings.read',
    'settings.write',
    'system.admin',
    'backups.manage',
    'apiKeys.manage',
    'audit.read',
  ]);
  it('no scope opens a channel needing an admin permission', () => {
    for (const channels of Object.values(API_SCOPE_CHANNELS))
      for (const c of channels) expect(closed.has(procedures[c as Channel].permission), c).toBe(false);
  });
  it('the staff API refuses a key as a session, and /api/v1 has no such resource', async () => {
    const all = (await h.makeKey({ name: 'everything', scopes: [...API_SCOPES] })).secret;
    for (const channel of ['users.list', 'settings.get', 'apiKeys.list', 'users.create']) {
      const res = await h.request('POST', `/api/${channel}`, { key: all, body: {} });
      expect(res.status, channel).toBe(401);
    }
    for (const path of ['/api/v1/users', '/api/v1/roles', '/api/v1/settings', '/api/v1/apiKeys']) {
      expect((await h.request('GET', path, { key: all })).status, path).toBe(404);
    }
  });
});

describe('refused keys', () => {
  it('missing, malformed, revoked, expired and wrong-address keys are refused; the right address passes', async () => {
    expect((await h.request('GET', '/api/v1/customers')).status).toBe(401);
    expect((await h.request('GET', '/api/v1/customers', { key: 'pdk_nope' })).status).toBe(401);
    const good = secrets['customers:read']!;
    expect(
      (await h.request('GET', '/api/v1/customers', { key: good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A') }))
        .status,
    ).toBe(401);

    const revoked = await h.makeKey({ name: 'to revoke' });
    expect((await h.request('GET', '/api/v1/customers', { key: revoked.secret })).status).toBe(200);
    await h.t.ok('apiKeys.revoke', { id: revoked.id, reason: 'partner left' });
    const r = await h.request('GET', '/api/v1/customers', {
      key: revoked.secret,
      headers: { 'Accept-Language': 'en' },
    });
    expect(r.status).toBe(401);
    expect(r.json().error.message).toBe('This API key was revoked');

    const expiring = await h.makeKey({
      name: 'short lived',
      expiresAt: new Date(h.t.clock.now().getTime() + 60_000).toISOString(),
    });
    expect((await h.request('GET', '/api/v1/customers', { key: expiring.secret })).status).toBe(200);
    h.t.clock.advance(61_000);
    const e = await h.request('GET', '/api/v1/customers', { key: expiring.secret });
    expect(e.status).toBe(401);
    expect(e.json().error.message).toBe('Kunci API ini sudah kedaluwarsa');

    const pinned = await h.makeKey({ name: 'office only', allowedIps: ['127.0.0.2', '10.0.0.0/8'] });
    expect((await h.request('GET', '/api/v1/customers', { key: pinned.secret })).status).toBe(403);
    expect((await h.request('GET', '/api/v1/customers', { key: pinned.secret, from: '127.0.0.2' })).status).toBe(200);
    const cidr = await h.makeKey({ name: 'loopback net', allowedIps: ['127.0.0.0/30'] });
    expect((await h.request('GET', '/api/v1/customers', { key: cidr.secret, from: '127.0.0.2' })).status).toBe(200);
  });

  it('the secret is shown once and stored only as a keyed hash; list shows last use', async () => {
    const made = await h.t.ok('apiKeys.create', { name: 'hash check', scopes: ['packages:read'] });
    expect(made.secret).toMatch(/^pdk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(made.secret.startsWith(`pdk_${made.key.prefix}_`)).toBe(true);
    // The random part (base64url: it may itself hold '_', so not split on it).
    const body = made.secret.slice(`pdk_${made.key.prefix}_`.length);
    expect(body).toHaveLength(43);
    const row = h.t.app.ctx.sqlite.prepare('SELECT * FROM api_keys WHERE id = ?').get(made.key.id) as Record<
      string,
      string
    >;
    expect(JSON.stringify(row)).not.toContain(body);
    const listed = (await h.t.ok('apiKeys.list', {})).items.find((k) => k.id === made.key.id)!;
    expect(JSON.stringify(listed)).not.toContain(body);
    expect(listed.lastUsedAt).toBeNull();
    await h.request('GET', '/api/v1/packages', { key: made.secret });
    apiCallLog(h.t.app.ctx).flush();
    const used = (await h.t.ok('apiKeys.list', {})).items.find((k) => k.id === made.key.id)!;
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedFrom).toBe('127.0.0.1');
  });

  it('every call is audited with the key name and the address; changes made through a key name it', async () => {
    const key = await h.makeKey({ name: 'Billing Partner', scopes: ['customers:write', 'customers:read'] });
    await h.request('GET', '/api/v1/customers?pageSize=5', { key: key.secret, from: '127.0.0.2' });
    const made = await h.request('POST', '/api/v1/customers', {
      key: key.secret,
      body: { name: 'Dewi Lestari' },
      headers: { 'Idempotency-Key': 'cust-1' },
    });
    expect(made.status, made.body).toBe(201);
    apiCallLog(h.t.app.ctx).flush();
    const rows = listAuditRows(h.t.app.ctx.sqlite, 'api:Billing Partner');
    expect(rows.find((r) => r.action === 'api.call' && r.source === '127.0.0.2')?.after).toContain(
      '/api/v1/customers?pageSize=5',
    );
    expect(rows.some((r) => r.action === 'customer.create' && r.source === '127.0.0.1')).toBe(true);
  });

  it('call rows wait at most FLUSH_MS and are written in one batch with the instant of each call', () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const log = new ApiCallLog(h.t.app.ctx, {
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => {},
      now: () => 0,
    });
    const principal = { keyId: 1, name: 'batch', scopes: [], ratePerMinute: 1 };
    log.add(principal, '127.0.0.9', { method: 'GET', path: '/api/v1/a', status: 200 });
    h.t.clock.advance(300);
    log.add(principal, '127.0.0.9', { method: 'GET', path: '/api/v1/b', status: 404 });
    expect(timers.map((t) => t.ms)).toEqual([FLUSH_MS]);
    expect(listAuditRows(h.t.app.ctx.sqlite, 'api:batch')).toHaveLength(0);
    timers[0]!.fn();
    const rows = listAuditRows(h.t.app.ctx.sqlite, 'api:batch');
    expect(rows.map((r) => JSON.parse(r.after!).path)).toEqual(['/api/v1/a', '/api/v1/b']);
    expect(rows[0]).toMatchObject({ action: 'api.call', source: '127.0.0.9' });
  });

  it('only an admin manages keys; bad input names the field', async () => {
    const bad = await h.t.call('apiKeys.create', { name: 'x', scopes: [], allowedIps: ['999.1.1.1'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['allowedIps.0', 'scopes']);
    const dup = await h.t.call('apiKeys.create', { name: 'ONLY CUSTOMERS:READ', scopes: ['customers:read'] });
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
    expect(procedures['apiKeys.create'].permission).toBe('apiKeys.manage');
  });
});
