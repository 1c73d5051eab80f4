import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_NAMES, type AppEvent } from '../../../src-shared/events';
import { fail, type ApiResult } from '../../../src-shared/result';
import type { App } from '../../app';
import { eventReaches } from '../../core/messaging/staff-notify';
import type { Logger } from '../../logging/logger';
import { IPC_EVENT, IPC_INVOKE } from './constants';
import { isAppUrl } from './security';

/** Channels whose successful answer carries a session token that must stay in the main process. */
const TOKEN_CHANNELS = new Set(['auth.login', 'setup.createAdmin']);

/**
 * Every IPC call must come from the main frame of our own window while it shows app:// content:
 * not from an iframe, another window, devtools, or a page that somehow navigated elsewhere.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: BrowserWindow | null,
): boolean {
  return isAppUrl(mainFrameUrl(event, win));
}

/** The URL of the sender's frame when it is the main frame of `win`'s own webContents; null otherwise. */
export function mainFrameUrl(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: BrowserWindow | null,
): string | null {
  if (!win || win.isDestroyed()) return null;
  const contents = win.webContents;
  if (!event.sender || event.sender.id !== contents.id) return null;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || !main || frame.parent !== null) return null;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return null;
  return frame.url;
}

export interface IpcHostOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  app: App;
  /** The window whose renderer may call the API (the single main window). */
  getWindow(): BrowserWindow | null;
  logger: Logger;
}

export interface IpcHost {
  /** For tests and diagnostics: whether a webContents currently holds a session. */
  hasSession(webContentsId: number): boolean;
  dispose(): void;
}

/**
 * The desktop transport: exactly one ipcMain.handle('api:invoke') → app.call(). The session token lives
 * here, per webContents, never in the renderer (an XSS could not steal what it never sees): it is kept
 * when auth.login / setup.createAdmin succeed and stripped from the value the renderer gets; auth.logout
 * or an UNAUTHENTICATED answer clears it. Pushed events go to the signed-in window on an allow-list.
 */
export function createIpcHost(opts: IpcHostOptions): IpcHost {
  const { ipcMain, app, getWindow, logger } = opts;
  const tokens = new Map<number, string>();
  const tracked = new Set<number>();

  const track = (sender: WebContents) => {
    if (tracked.has(sender.id)) return;
    tracked.add(sender.id);
    const id = sender.id;
    sender.once('destroyed', () => {
      tracked.delete(id);
      tokens.delete(id);
    });
  };

  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event, getWindow())) {
      logger.warn('IPC call from an untrusted sender refused', {
        url: String(event.senderFrame?.url ?? '').slice(0, 200),
      });
      return fail('FORBIDDEN', 'Request refused: unknown sender');
    }
    try {
      const sender = event.sender;
      track(sender);
      const result = await app.call(channel as string, input, { transport: 'ipc', token: tokens.get(sender.id) });
      if (typeof channel !== 'string') return result;
      if (channel === 'auth.logout') tokens.delete(sender.id);
      if (!result.ok) {
        // The stored session is gone (expired, revoked). A wrong password at sign-in says nothing about it.
        if (result.error.code === 'UNAUTHENTICATED' && !TOKEN_CHANNELS.has(channel)) tokens.delete(sender.id);
        return result;
      }
      if (TOKEN_CHANNELS.has(channel)) {
        const { token, ...rest } = result.value as { token: string } & Record<string, unknown>;
        const previous = tokens.get(sender.id);
        tokens.set(sender.id, token);
        // Another user signed in on this window (lock screen): end the previous session for good.
        if (previous && previous !== token) await app.call('auth.logout', {}, { transport: 'ipc', token: previous });
        return { ok: true, value: rest };
      }
      return result;
    } catch (err) {
      logger.error('IPC call failed', { channel: String(channel).slice(0, 80), error: String(err) });
      return fail('INTERNAL', 'Something went wrong inside PPPoE Desk; the error was logged');
    }
  });

  const unsubscribe = app.ctx.events.subscribe((event: AppEvent) => {
    if (!EVENT_NAMES.includes(event.name)) return;
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    const contents = win.webContents;
    // Same rule as the SSE stream of the HTTP host: no pushes before sign-in.
    if (!tokens.has(contents.id) || contents.isDestroyed()) return;
    if (!eventReaches(app.ctx, tokens.get(contents.id), event)) return;
    contents.send(IPC_EVENT, { name: event.name, payload: event.payload });
  });

  return {
    hasSession: (id) => tokens.has(id),
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(IPC_INVOKE);
      tokens.clear();
    },
  };
}
