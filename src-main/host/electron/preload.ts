// Sandboxed preload (bundled to one CJS file by scripts/build-main.mjs): only `electron` is required.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload-bridge';

contextBridge.exposeInMainWorld('pppoe', createPreloadBridge(ipcRenderer));
