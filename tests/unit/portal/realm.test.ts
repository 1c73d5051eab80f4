import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHost } from '../../../src-main/host/http/server';
import { PORTAL_COOKIE } from '../../../src-main/host/http/portal-server';
import { procedures } from '../../../src-shared/contract';
import { portalProcedures } from '../../../src-shared/contract/portal';
import { portalWorld, request, type PortalWorld } from './fixtures';

/*
 * The portal is a realm of its own: its own channels on its own port, its own cookie and sessions.
 * A customer reaches no staff channel, a staff token opens nothing in the portal, and the portal
 * cookie opens nothing on the staff API.
 */
let w: PortalWorld;
let cookie: string;

beforeAll(async () => {
  w = await portalWorld();
  cookie = await w.signIn(w.a.code, w.a.password);
});
afterAll(() => w.close());

describe('portal realm', () => {
  it('shares no channel name with the staff API', () => {
    const staff = new Set(Object.keys(procedures));
    for (const c of Object.keys(portalProcedures)) {
      expect(c.startsWith('portal.')).toBe(true);
      expect(staff.has(c)).toBe(false);
    }
  });

  it('sets an HttpOnly, SameSite=Strict cookie and never shows the token to the page', async () => {
    const r = await w.post('portal.login', { login: w.a.username, password: w.a.password });
    expect(r.status).toBe(200);
    const set = String(r.headers['set-cookie']?.[0]);
    expect(set).toMatch(new RegExp(`^${PORTAL_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(JSON.parse(r.body)).toEqual({
      ok: true,
      value: { me: expect.objectContaining({ customerCode: w.a.code }) },
    });
    expect(r.body).not.toContain(set.split(';')[0]!.split('=')[1]!);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers staff channels on the portal port as unknown, even with a customer session', async () => {
    for (const channel of ['customers.list', 'auth.me', 'settings.get', 'payments.create', 'users.list']) {
      const r = await w.post(channel, {}, { cookie });
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body).error.code).toBe('NOT_FOUND');
    }
  });

  it('does not accept a staff token in the portal', async () => {
    const bearer = await w.post('portal.me', {}, { headers: { Authorization: `Bearer ${w.t.token}` } });
    expect(bearer.status).toBe(401);
    const asCookie = await w.post('portal.me', {}, { cookie: `${PORTAL_COOKIE}=${w.t.token}` });
    expect(asCookie.status).toBe(401);
    const staffCookie = await w.post('portal.me', {}, { cookie: `pppoe_desk_session=${w.t.token}` });
    expect(staffCookie.status).toBe(401);
  });

  it('does not accept a portal session on the staff API', async () => {
    const staff = createHttpHost({ app: w.t.app, port: 0 });
    const { port } = await staff.listen();
    try {
      const token = cookie.split('=')[1];
      const tries: Record<string, string>[] = [
        { Authorization: `Bearer ${token}` },
        { Cookie: `pppoe_desk_session=${token}` },
      ];
      for (const headers of tries) {
        const r = await request(port, 'POST', '/api/customers.list', {
          headers: { 'Content-Type': 'application/json', ...headers },
          body: '{}',
        });
        expect(r.status).toBe(401);
      }
      const portalOnStaff = await request(port, 'POST', '/api/portal.home', {
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: '{}',
      });
      expect(portalOnStaff.status).toBe(400);
      expect(JSON.parse(portalOnStaff.body).error.message).toMatch(/Unknown channel/);
    } finally {
      await staff.close();
    }
  });

  it('refuses cross-site requests, non-JSON bodies, GET on the API and oversized bodies', async () => {
    const cross = await w.post('portal.home', {}, { cookie, headers: { Origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
    const form = await request(w.port, 'POST', '/api/portal.login', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `login=${w.a.code}&password=${w.a.password}`,
    });
    expect(form.status).toBe(415);
    const get = await request(w.port, 'GET', '/api/portal.home', { headers: { Cookie: cookie } });
    expect(get.status).toBe(405);
    const big = await w.post('portal.updateContact', { phone: 'x'.repeat(2 * 1024 * 1024) }, { cookie });
    expect(big.status).toBe(413);
    expect(big.body).not.toMatch(/at \w+ \(|node:|\.ts:/);
  });

  it('answers unknown or malformed input without stack traces', async () => {
    const bad = await request(w.port, 'POST', '/api/portal.home', {
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).not.toMatch(/SyntaxError|at JSON|\.ts:/);
    const extra = await w.post('portal.invoices', { page: 1, customerId: w.b.id }, { cookie });
    expect(extra.status).toBe(400);
  });

  it('ends the session on logout and clears the cookie', async () => {
    const mine = await w.signIn(w.a.code, w.a.password);
    const out = await w.post('portal.logout', {}, { cookie: mine });
    expect(String(out.headers['set-cookie']?.[0])).toContain('Max-Age=0');
    expect((await w.post('portal.me', {}, { cookie: mine })).status).toBe(401);
    expect((await w.post('portal.me', {}, { cookie })).status).toBe(200);
  });

  it('hands plain page requests to mounted page handlers first (where the isolir page goes)', async () => {
    const { createPortalHost } = await import('../../../src-main/host/http/portal-server');
    const host = createPortalHost({
      app: w.t.app,
      host: '127.0.0.1',
      port: 0,
      pageHandlers: [
        (_req, res, p) => {
          if (p !== '/generate_204') return false;
          res.writeHead(200, { 'Content-Type': 'text/plain' }).end('handled');
          return true;
        },
      ],
    });
    const { port } = await host.listen();
    try {
      expect((await request(port, 'GET', '/generate_204')).body).toBe('handled');
      expect((await request(port, 'GET', '/other')).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});
