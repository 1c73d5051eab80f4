import type { App, Session, Shell, WebContents, WebPreferences } from 'electron';
import { APP_HOST, APP_SCHEME } from './constants';

/**
 * The renderer's privileges (ARCHITECTURE.md, Electron security checklist): an isolated world for the
 * preload, Chromium's sandbox, no Node.js, no <webview>. The preload is one bundled CJS file because
 * a sandboxed preload can only require('electron').
 */
export function secureWebPreferences(preload: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // DevTools only in development; the installed app has no way to poke at the renderer.
    devTools: opts.devTools ?? false,
  };
}

/** True only for our own origin (app://pppoe-desk/...). */
export function isAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Links the app may hand to the system browser (the ISP's website, a WhatsApp link): plain http(s)
 * with a host and no embedded credentials. Everything else (file:, javascript:, smb:, custom
 * handlers that could start programs) is refused.
 */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && !u.username && !u.password;
  } catch {
    return false;
  }
}

type Log = { warn(msg: string, data?: Record<string, unknown>): void };

/** Origins besides app:// a window may show: a seat's office PC (`https://host:port`), nothing else. */
export type AllowedOrigins = () => readonly string[];
const none: AllowedOrigins = () => [];

const originOf = (raw: string | undefined | null): string | null => {
  try {
    return raw ? new URL(raw).origin : null;
  } catch {
    return null;
  }
};
/** Our app:// page, or a page of an allowed origin (https only). */
export function isAllowedPage(raw: string | undefined | null, allowed: AllowedOrigins = none): boolean {
  if (isAppUrl(raw)) return true;
  const origin = originOf(raw);
  return origin !== null && origin.startsWith('https://') && allowed().includes(origin);
}

/**
 * Per-webContents guards: no navigation away from app:// (or, on a seat, the paired office's origin), no
 * new windows (http/https links go to the system browser after isSafeExternalUrl), no <webview>, no
 * redirects elsewhere.
 */
export function hardenWebContents(
  contents: WebContents,
  shell: Pick<Shell, 'openExternal'>,
  log?: Log,
  allowed: AllowedOrigins = none,
) {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedPage(url, allowed)) {
      event.preventDefault();
      log?.warn('navigation blocked', { url: String(url).slice(0, 200) });
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedPage(url, allowed)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      void shell.openExternal(url).catch(() => undefined);
    } else {
      log?.warn('window.open blocked', { url: String(url).slice(0, 200) });
    }
    return { action: 'deny' };
  });
}

/**
 * Camera, microphone, geolocation, HID, serial...: the app needs none of them. Notifications only for our
 * own app:// page (and a seat's office page): staff see a new ticket, an online payment or a router down
 * as a native notification (Electron shows the page's HTML5 Notification through the system).
 */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> &
    Partial<Pick<Session, 'setDevicePermissionHandler'>>,
  allowed: AllowedOrigins = none,
) {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === 'notifications' && isAllowedPage(details?.requestingUrl, allowed)),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, origin) => permission === 'notifications' && isAllowedPage(origin, allowed),
  );
  session.setDevicePermissionHandler?.(() => false);
}

/**
 * Applies hardenWebContents to every webContents the app ever creates (devtools and any window a bug
 * might open included), so no code path can forget it.
 */
export function installGlobalGuards(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  log?: Log,
  allowed: AllowedOrigins = none,
) {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log, allowed));
}
