import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module (the Electron binary cannot be downloaded here): just enough
 * behaviour to drive the shell's wiring and record what it configured.
 */
let nextId = 1;

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public processId = 7,
    public routingId = 1,
  ) {}
}

/** A printer as webContents.getPrintersAsync() lists it. */
export type FakePrinter = { name: string; displayName: string; description: string; options: Record<string, string> };

export class FakeWebContents extends EventEmitter {
  /** What every webContents lists as this PC's printers, and how a print ends (set per test). */
  static printers: FakePrinter[] = [];
  static printAnswer: [success: boolean, failureReason: string] = [true, ''];
  /** When an array, prints wait here for the test to answer them. */
  static held: ((success: boolean, failureReason: string) => void)[] | null = null;
  id = nextId++;
  destroyed = false;
  mainFrame: FakeFrame;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  send = vi.fn();
  reload = vi.fn();
  getPrintersAsync = vi.fn(async () => FakeWebContents.printers);
  print = vi.fn((_options: Record<string, unknown>, cb?: (success: boolean, failureReason: string) => void) => {
    if (FakeWebContents.held && cb) FakeWebContents.held.push(cb);
    else cb?.(...FakeWebContents.printAnswer);
  });
  constructor(url = 'app://pppoe-desk/index.html') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Emits a cancelable Electron-style event and tells whether a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  minimized = false;
  visible = true;
  destroyed = false;
  constructor(public options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isMinimized() {
    return this.minimized;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

export function createElectronMock(opts: { userData: string; appPath: string; lock?: boolean; packaged?: boolean }) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: opts.packaged ?? false,
    requestSingleInstanceLock: vi.fn(() => opts.lock ?? true),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(async () => undefined),
    getPath: vi.fn((name: string) => (name === 'userData' ? opts.userData : opts.userData + '/' + name)),
    getAppPath: vi.fn(() => opts.appPath),
    getVersion: vi.fn(() => '9.9.9'),
  });
  const ipcHandlers = new Map<string, (...args: any[]) => any>();
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setCertificateVerifyProc: vi.fn(),
  };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((ch: string, fn: (...args: any[]) => any) => void ipcHandlers.set(ch, fn)),
      removeHandler: vi.fn((ch: string) => void ipcHandlers.delete(ch)),
      on: vi.fn(),
    },
    ipcHandlers,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: {
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn((s: string) => Buffer.from('enc:' + s)),
      decryptString: vi.fn((b: Buffer) => b.toString().replace(/^enc:/, '')),
    },
    Menu: { setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
}
export type ElectronMock = ReturnType<typeof createElectronMock>;

/** An ipcMain.handle event as Electron builds it for a call from `contents` (main frame unless told). */
export function invokeEvent(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame } as any;
}
