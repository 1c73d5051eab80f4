import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

/*
 * The portal service worker's push and notificationclick handlers, run in a VM context with the
 * worker's globals faked. Headless Chromium can deliver a push to the worker (the e2e spec does, over
 * DevTools) but has no way to tap the notice it shows, so the tap is tested here, on the shipped file.
 */
const SOURCE = fs.readFileSync(path.resolve('src-renderer/portal/public/sw.js'), 'utf8');
const ORIGIN = 'https://127.0.0.1:8443';

interface FakeWindow {
  url: string;
  focus: ReturnType<typeof vi.fn>;
  navigate: ReturnType<typeof vi.fn>;
}

function fakeWindow(url: string, navigate?: (to: string) => Promise<FakeWindow | null>): FakeWindow {
  const w: FakeWindow = {
    url,
    focus: vi.fn(async () => w),
    navigate: vi.fn(
      navigate ??
        (async (to: string) => {
          w.url = to;
          return w;
        }),
    ),
  };
  return w;
}

function loadWorker(windows: FakeWindow[] = []) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const clients = {
    matchAll: vi.fn(async () => windows),
    openWindow: vi.fn(async (url: string) => fakeWindow(url)),
    claim: vi.fn(async () => undefined),
  };
  const self = {
    location: { origin: ORIGIN },
    clients,
    registration: {
      showNotification: vi.fn(async (title: string, options: Record<string, unknown>) => {
        shown.push({ title, options });
      }),
    },
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    skipWaiting: vi.fn(),
  };
  vm.runInNewContext(SOURCE, { self, caches: {}, fetch: vi.fn(), URL, Response, console });
  /** Dispatches an event and waits for what it handed to waitUntil, as the browser does. */
  const dispatch = async (type: string, fields: Record<string, unknown>) => {
    let pending: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ ...fields, waitUntil: (p: Promise<unknown>) => (pending = p) });
    return pending;
  };
  const pushData = (payload: unknown) => ({
    json: () => (typeof payload === 'string' ? JSON.parse(payload) : payload),
    text: () => (typeof payload === 'string' ? payload : JSON.stringify(payload)),
  });
  const tap = (data: unknown) => {
    const notification = { data, close: vi.fn() };
    return { notification, done: dispatch('notificationclick', { notification }) };
  };
  return { shown, clients, dispatch, pushData, tap };
}

describe('portal service worker: push notices and their tap', () => {
  it('shows the notice with the bill path; a foreign or odd address becomes the portal home', async () => {
    const w = loadWorker();
    await w.dispatch('push', {
      data: w.pushData({ title: 'Tagihan November 2026', body: 'Rp 250.000', url: '/bayar/abc', tag: 'inv-7' }),
    });
    await w.dispatch('push', { data: w.pushData({ title: 'X', url: 'https://evil.example/steal' }) });
    await w.dispatch('push', { data: w.pushData({ title: 'Y', url: '//evil.example/steal' }) });
    await w.dispatch('push', { data: w.pushData('not json at all') });
    expect(w.shown.map((s) => [s.title, s.options.body, (s.options.data as { url: string }).url])).toEqual([
      ['Tagihan November 2026', 'Rp 250.000', '/bayar/abc'],
      ['X', '', '/'],
      ['Y', '', '/'],
      ['', 'not json at all', '/'],
    ]);
    expect(w.shown[0]!.options.tag).toBe('inv-7');
  });

  it('a tap with no portal open opens the bill page in a new window and closes the notice', async () => {
    const other = fakeWindow('https://127.0.0.2/elsewhere');
    const w = loadWorker([other]);
    const { notification, done } = w.tap({ url: '/bayar/abc' });
    await done;
    expect(notification.close).toHaveBeenCalledOnce();
    expect(w.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/bayar/abc`);
    // A window of another origin is never taken over.
    expect(other.navigate).not.toHaveBeenCalled();
    expect(other.focus).not.toHaveBeenCalled();
  });

  it('a tap with the portal open moves that window to the bill and focuses it (no second window)', async () => {
    const portal = fakeWindow(`${ORIGIN}/`);
    const w = loadWorker([portal]);
    await w.tap({ url: '/bayar/abc' }).done;
    expect(portal.navigate).toHaveBeenCalledWith(`${ORIGIN}/bayar/abc`);
    expect(portal.focus).toHaveBeenCalledOnce();
    expect(w.clients.openWindow).not.toHaveBeenCalled();
  });

  it('a tap on a notice for the page already shown only focuses it; a refused navigation still focuses', async () => {
    const there = fakeWindow(`${ORIGIN}/bayar/abc`);
    const w = loadWorker([there]);
    await w.tap({ url: '/bayar/abc' }).done;
    expect(there.navigate).not.toHaveBeenCalled();
    expect(there.focus).toHaveBeenCalledOnce();

    const stuck = fakeWindow(`${ORIGIN}/`, async () => Promise.reject(new Error('not controlled')));
    const v = loadWorker([stuck]);
    await v.tap({ url: '/bayar/xyz' }).done;
    expect(stuck.focus).toHaveBeenCalledOnce();
    expect(v.clients.openWindow).not.toHaveBeenCalled();
  });

  it('a tap on a notice without an address, or with a foreign one, opens the portal home', async () => {
    const w = loadWorker();
    await w.tap(undefined).done;
    await w.tap({ url: 'javascript:alert(1)' }).done;
    expect(w.clients.openWindow.mock.calls).toEqual([[`${ORIGIN}/`], [`${ORIGIN}/`]]);
  });
});
