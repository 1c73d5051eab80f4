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
    expect(Object.keys(seat).sort()).toEqual(['forget', 'onStatus', 'open', 'pair', 'retry', 'status']);
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
  });

  it("exposes nothing to another origin's page (a seat's window showing the office PC's app)", async () => {
    vi.stubGlobal('location', { origin: 'https://127.0.0.2:8443' });
    await import('../../../src-main/host/electron/preload');
    expect(
      (electron.mock as ReturnType<typeof createElectronMock>).contextBridge.exposeInMainWorld,
    ).not.toHaveBeenCalled();
  });
});
