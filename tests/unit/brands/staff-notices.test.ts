import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src-shared/events';
import { eventReaches, notifyStaff } from '../../../src-main/core/messaging/staff-notify';
import { createHttpHost } from '../../../src-main/host/http/server';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
let host: ReturnType<typeof createHttpHost> | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  t?.close();
});

/** A brand-limited manager (brand 1 only) and brand Beta beside the default one. */
async function twoBrands(app: TestApp) {
  const beta = await app.ok('brands.create', { name: 'Beta Net', invoicePrefix: 'BETA', address: 'Jl. Beta' });
  const user = await app.ok('users.create', {
    username: 'kasir-alfa',
    fullName: 'Kasir Alfa',
    role: 'manager',
    password: 'Rahasia-Alfa-1',
    mustChangePassword: false,
  });
  await app.ok('brands.setUserBrands', { userId: user.id, brandIds: [1] });
  const limited = (await app.ok('auth.login', { username: 'kasir-alfa', password: 'Rahasia-Alfa-1' })).token;
  return { betaId: beta.id, userId: user.id, limited };
}

/** Reads an open `/api/events` stream until `line` has arrived; answers all text read so far. */
function streamUntil(port: number, token: string, start: () => void, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { Authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const first = text === '';
          text += chunk;
          if (first) start();
          if (text.includes(line)) {
            req.destroy();
            resolve(text);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const notice = (payload: Record<string, unknown>): AppEvent => ({ name: 'staff.notify', payload });

/**
 * Staff notices name a customer or a router: one about brand Beta must not reach the stream of a user limited
 * to brand Alfa (the hosts filter every pushed event through eventReaches before it leaves the process).
 */
describe('staff notices follow the brands a user may see', () => {
  it("a brand-limited user's screens hear only their brands' notices; unlimited users hear all", async () => {
    t = await testApp();
    const { betaId, userId, limited } = await twoBrands(t);
    const beta = { id: betaId };
    const user = { id: userId };
    const ctx = t.app.ctx;

    const alfaTicket = notice({ kind: 'ticket_new', ticketId: 1, customerName: 'Pelanggan Alfa', brandId: 1 });
    const betaTicket = notice({ kind: 'ticket_new', ticketId: 2, customerName: 'Pelanggan Beta', brandId: beta.id });
    const betaRouter = notice({ kind: 'router_down', routerId: 9, routerName: 'RB Beta', brandId: beta.id });
    const failed = notice({ kind: 'messages_failed', count: 3 });

    expect(eventReaches(ctx, limited, alfaTicket)).toBe(true);
    expect(eventReaches(ctx, limited, betaTicket)).toBe(false);
    expect(eventReaches(ctx, limited, betaRouter)).toBe(false);
    expect(eventReaches(ctx, limited, failed)).toBe(true);
    // The admin (no brand rows) hears every brand.
    expect(eventReaches(ctx, t.token, betaTicket)).toBe(true);
    // A signed-out or unknown token hears no notice that names a brand's customer.
    expect(eventReaches(ctx, undefined, alfaTicket)).toBe(false);
    expect(eventReaches(ctx, 'not-a-token', alfaTicket)).toBe(false);
    // Other events are not this filter's business.
    expect(eventReaches(ctx, limited, { name: 'data.changed', payload: { entity: 'customers' } })).toBe(true);

    // Limits are read per event: given brand Beta too, the user hears Beta's notices at once.
    await t.ok('brands.setUserBrands', { userId: user.id, brandIds: [1, beta.id] });
    expect(eventReaches(ctx, limited, betaTicket)).toBe(true);
    await t.ok('auth.logout', {}, limited);
    expect(eventReaches(ctx, limited, alfaTicket)).toBe(false);
  });
});

describe('staff notices on the HTTP host', () => {
  it("the event stream of a brand-limited user carries its brand's notice and not another brand's", async () => {
    t = await testApp();
    const { betaId, limited } = await twoBrands(t);
    host = createHttpHost({ app: t.app, port: 0 });
    const { port } = await host.listen();
    const ctx = t.app.ctx;
    // Beta's notice goes out first: had the stream carried it, it would stand before Alfa's.
    const send = () => {
      notifyStaff(ctx, { kind: 'ticket_new', ticketId: 2, customerName: 'Pelanggan Beta', brandId: betaId });
      notifyStaff(ctx, { kind: 'ticket_new', ticketId: 1, customerName: 'Pelanggan Alfa', brandId: 1 });
    };
    const seen = await streamUntil(port, limited, send, 'Pelanggan Alfa');
    expect(seen).not.toContain('Pelanggan Beta');
    // The admin's stream carries both.
    const all = await streamUntil(port, t.token, send, 'Pelanggan Alfa');
    expect(all).toContain('Pelanggan Beta');
  });
});
