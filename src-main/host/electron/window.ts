import type { BrowserWindow as BrowserWindowT, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './constants';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  preload: string;
  icon?: string;
  devTools?: boolean;
  /** The first page (default: the app's entry; a seat starts on its seat page). */
  url?: string;
  /** Appended to the renderer's process.argv, for the sandboxed preload (a seat's office origin). */
  additionalArguments?: string[];
}

export function mainWindowOptions(opts: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash
    title: 'PPPoE Desk',
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      ...secureWebPreferences(opts.preload, { devTools: opts.devTools }),
      ...(opts.additionalArguments?.length ? { additionalArguments: opts.additionalArguments } : {}),
    },
  };
}

/** Creates the one main window and loads the renderer from app:// (never file://). */
export function createMainWindow(
  BrowserWindow: new (o: BrowserWindowConstructorOptions) => BrowserWindowT,
  opts: MainWindowOptions,
): BrowserWindowT {
  const win = new BrowserWindow(mainWindowOptions(opts));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url ?? APP_ENTRY_URL);
  return win;
}

/** Second launch: bring the existing window to the front instead of opening another database writer. */
export function focusWindow(win: BrowserWindowT | null | undefined) {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
