// Electron main entry (bundled to out/main/main.cjs, package.json "main"). Everything testable lives in
// desktop.ts and its modules; this file only binds the real electron and electron-updater modules.
import * as electron from 'electron';
import { runDesktop } from './desktop';

const desktop = runDesktop(electron, {
  // Required lazily: electron-updater's autoUpdater reads electron.app when first touched.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadAutoUpdater: () => require('electron-updater').autoUpdater,
});
// A start-up failure was already shown and logged by runDesktop.
desktop?.ready.catch(() => undefined);
