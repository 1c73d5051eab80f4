// Electron main entry (bundled to out/main/main.cjs, package.json "main"). Everything testable lives in
// desktop.ts and its modules; this file only binds the real electron and electron-updater modules.
import * as electron from 'electron';
import { autoUpdater } from 'electron-updater';
import { runDesktop } from './desktop';

export const desktop = runDesktop(electron, {
  // electron-updater creates its autoUpdater on first access (it reads electron.app): only after ready.
  loadAutoUpdater: () => autoUpdater,
});
// A start-up failure was already shown to the user and logged by runDesktop.
desktop?.ready.catch(() => undefined);
