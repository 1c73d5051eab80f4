import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { createApp as realCreateApp } from '../../../src-main/app';
import { runDesktop, type Desktop } from '../../../src-main/host/electron/desktop';
import { fingerprintOf } from '../../../src-main/host/http/tls-identity';
import type { SeatConfig } from '../../../src-main/host/seat/pairing-client';
import { SEAT_FILE, saveSeatConfig } from '../../../src-main/host/seat/seat-config';
import type { LinkState } from '../../../src-main/host/seat/office-link';
import { desktopEnv } from './desktop-env';
import { createElectronMock, FakeBrowserWindow, type FakeFrame, invokeEvent } from './electron-mock';

/*
 * The desktop app started as a seat (or in local mode) with electron mocked and a hand-driven office link:
 * shared by the seat-mode and seat-print tests.
 */
export const OFFICE = 'https://127.0.0.2:8443';
export const CERT = fs.readFileSync(path.resolve('tests/fakes/messaging/fixtures/fake-cert.pem'), 'utf8');

export function fakeLink() {
  const listeners = new Set<(s: LinkState) => void>();
  const link = {
    state: { kind: 'connecting' } as LinkState,
    start: vi.fn(async () => undefined),
    retryNow: vi.fn(async () => undefined),
    stop: vi.fn(),
    onChange(fn: (s: LinkState) => void) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    set(s: LinkState) {
      link.state = s;
      listeners.forEach((l) => l(s));
    },
  };
  return link;
}

export const seatConfig = (): SeatConfig => ({
  url: OFFICE,
  certPem: CERT,
  fingerprint: fingerprintOf(CERT),
  officeName: 'Net Desa',
  pairedAt: '2026-12-06T10:00:00.000Z',
});

export interface StartOptions {
  seat?: 'paired' | 'damaged';
  pair?: (a: string, c: string) => Promise<SeatConfig>;
}

export async function startDesktop(opts: StartOptions = {}) {
  const paths = desktopEnv();
  const m = createElectronMock({ userData: paths.userData, appPath: paths.appPath });
  if (opts.seat === 'paired') saveSeatConfig(paths.userData, seatConfig());
  if (opts.seat === 'damaged') {
    fs.mkdirSync(paths.userData, { recursive: true });
    fs.writeFileSync(path.join(paths.userData, SEAT_FILE), '{"url": "https://127.0.0.2:8443", "certPem": "x"');
  }
  const link = fakeLink();
  const createApp = vi.fn(realCreateApp);
  const desktop: Desktop = runDesktop(m as never, {
    createApp,
    loadAutoUpdater: () => ({}) as never,
    outDir: paths.base,
    resourcesPath: paths.base,
    createOfficeLink: () => link,
    pairWithOffice: opts.pair,
  })!;
  await desktop.ready;
  const win = FakeBrowserWindow.instances.at(-1)!;
  const seatCall = (op: string, args: unknown[] = [], contents = win.webContents, frame?: FakeFrame) =>
    m.ipcHandlers.get('seat:invoke')!(invokeEvent(contents, frame ?? contents.mainFrame), op, args);
  return {
    paths,
    m,
    desktop,
    link,
    createApp,
    win,
    seatCall,
    stop() {
      m.app.emit('will-quit');
      paths.cleanup();
    },
  };
}
