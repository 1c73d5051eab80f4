import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES } from '../../../src-shared/events';
import { type createElectronMock } from './electron-mock';

const electron = vi.hoisted(() => ({ mock: null as any }));
vi.mock('electron', async () => {
  const { createElectronMock: make } = await import('./electron-mock');
  electron.mock = make({ userData: '/tmp/none', appPath: '/tmp/none' });
  return electron.mock;
});

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  // The preload runs in the page being loaded: our own app:// page unless a test says otherwise.
  vi.stubGlobal('location', { origin: 'app://pppoe-desk' });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function loadPreload() {
  await import('../../../src-main/host/electron/preload');
  const m = electron.mock as ReturnType<typeof createElectronMock>;
  expect(m.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
  const [name, api] = m.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, any];
  const [seatName, seat] = m.contextBridge.exposeInMainWorld.mock.calls[1]! as [string, any];
  return { m, name, api, seatName, seat };
}

describe('preload', () => {
  it('exposes exactly window.pppoe = { invoke, on } and nothing of ipcRenderer', async () => {
    const { name, api } = await loadPreload();
    expect(name).toBe('pppoe');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('sendSync');
  });

  it('invoke goes through the single api:invoke channel', async () => {
    const { m, api } = await loadPreload();
    m.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 1 });
    await expect(api.invoke('customers.list', { page: 1 })).resolves.toEqual({ ok: true, value: 1 });
    expect(m.ipcRenderer.invoke).toHaveBeenCalledWith('api:invoke', 'customers.list', { page: 1 });
  });

  it('on accepts only allow-listed events, passes only the payload, and unsubscribes', async () => {
    const { m, api } = await loadPreload();
    for (const bad of ['api:invoke', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'data.changed ', 42]) {
      expect(() => api.on(bad, () => undefined)).toThrow(/Unknown event/);
    }
    expect(() => api.on('data.changed', 'nope')).toThrow();
    expect(m.ipcRenderer.on).not.toHaveBeenCalled();

    const cb = vi.fn();
    const off = api.on('data.changed', cb);
    expect(m.ipcRenderer.on).toHaveBeenCalledWith('api:event', expect.any(Function));
    const listener = m.ipcRenderer.on.mock.calls[0]![1] as (e: unknown, msg: unknown) => void;
    const fakeEvent = { sender: { secret: 'ipcRenderer' } };
    listener(fakeEvent, { name: 'data.changed', payload: { entity: 'customers' } });
    listener(fakeEvent, { name: 'sync.progress', payload: { n: 1 } });
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cb).toHaveBeenCalledWith({ entity: 'customers' });
    off();
    expect(m.ipcRenderer.removeListener).toHaveBeenCalledWith('api:event', listener);
  });

  it('every pushed event name can be subscribed', async () => {
    const { api } = await loadPreload();
    for (const name of EVENT_NAMES) expect(typeof api.on(name, () => undefined)).toBe('function');
  });

  it('window.pppoeSeat: pairing and the office link over seat:invoke, strings only, the status pushed', async () => {
    const { m, seatName, seat } = await loadPreload();
    expect(seatName).toBe('pppoeSeat');
    expect(Object.keys(seat).sort()).toEqual([
      'choosePrinters',
      'forget',
      'onStatus',
      'open',
      'pair',
      'printers',
      'retry',
      'status',
      'testPrint',
    ]);
    expect(Object.isFrozen(seat)).toBe(true);
    m.ipcRenderer.invoke.mockResolvedValue({ ok: true, officeName: 'Net Desa' });
    await seat.pair({ toString: () => '127.0.0.2:8443' }, 'ABCD-EFGH');
    expect(m.ipcRenderer.invoke).toHaveBeenCalledWith('seat:invoke', 'pair', ['127.0.0.2:8443', 'ABCD-EFGH']);
    await seat.retry();
    expect(m.ipcRenderer.invoke).toHaveBeenLastCalledWith('seat:invoke', 'retry', []);
    const cb = vi.fn();
    const off = seat.onStatus(cb);
    const listener = m.ipcRenderer.on.mock.calls[0]![1] as (e: unknown, s: unknown) => void;
    listener({ sender: 'ipc' }, { link: { kind: 'online' } });
    expect(cb).toHaveBeenCalledWith({ link: { kind: 'online' } });
    off();
    expect(m.ipcRenderer.removeListener).toHaveBeenCalledWith('seat:status', listener);
    // The seat page's printer settings: strings only ('' = no printer).
    await seat.choosePrinters({ receipt: 'TM-T82', a4: null, silent: false });
    expect(m.ipcRenderer.invoke).toHaveBeenLastCalledWith('seat:invoke', 'choosePrinters', ['TM-T82', '', 'false']);
    await seat.testPrint('a4', 'en');
    expect(m.ipcRenderer.invoke).toHaveBeenLastCalledWith('seat:invoke', 'testPrint', ['a4', 'en']);
  });

  it("exposes nothing to another origin's page (a seat's window showing the office PC's app)", async () => {
    vi.stubGlobal('location', { origin: 'https://127.0.0.2:8443' });
    await import('../../../src-main/host/electron/preload');
    expect(
      (electron.mock as ReturnType<typeof createElectronMock>).contextBridge.exposeInMainWorld,
    ).not.toHaveBeenCalled();
  });

  describe('window.pppoePrint on a seat', () => {
    const OFFICE = 'https://127.0.0.2:8443';
    const ARG = `--pppoe-seat-print-origin=${OFFICE}`;
    const argv = process.argv;
    afterEach(() => {
      process.argv = argv;
    });
    /** Loads the preload in a page of `origin`, in the main frame unless told, with the window's arguments. */
    async function loadIn(origin: string, opts: { args?: string[]; subframe?: boolean } = {}) {
      process.argv = [...argv, ...(opts.args ?? [ARG])];
      const win: Record<string, unknown> = {};
      win.top = opts.subframe ? {} : win;
      vi.stubGlobal('window', win);
      vi.stubGlobal('location', { origin });
      await import('../../../src-main/host/electron/preload');
      return (electron.mock as ReturnType<typeof createElectronMock>).contextBridge.exposeInMainWorld.mock.calls;
    }

    it("the paired office's page in the main frame gets print only, over seat:print", async () => {
      const calls = await loadIn(OFFICE);
      expect(calls.map((c) => c[0])).toEqual(['pppoePrint']);
      const bridge = calls[0]![1] as Record<string, (...a: unknown[]) => Promise<unknown>>;
      expect(Object.keys(bridge).sort()).toEqual(['choice', 'openSettings', 'print']);
      expect(Object.isFrozen(bridge)).toBe(true);
      const m = electron.mock as ReturnType<typeof createElectronMock>;
      await bridge.print!('receipt', { filename: 'r.pdf', base64: 'JVBERi0=', extra: 'dropped' });
      expect(m.ipcRenderer.invoke).toHaveBeenLastCalledWith('seat:print', 'print', ['receipt', 'r.pdf', 'JVBERi0=']);
      await bridge.openSettings!();
      expect(m.ipcRenderer.invoke).toHaveBeenLastCalledWith('seat:print', 'settings', []);
    });

    it('another origin, a frame inside the page, or no paired origin get nothing', async () => {
      expect(await loadIn('https://127.0.0.3:8443')).toHaveLength(0);
      vi.resetModules();
      expect(await loadIn(OFFICE, { subframe: true })).toHaveLength(0);
      vi.resetModules();
      expect(await loadIn(OFFICE, { args: [] })).toHaveLength(0);
      vi.resetModules();
      expect(
        await loadIn('http://127.0.0.2:8443', { args: ['--pppoe-seat-print-origin=http://127.0.0.2:8443'] }),
      ).toHaveLength(0);
    });
  });
});
