import type { systemOpsContract, UpdaterService, UpdateStatus } from '../../../src-shared/contract/system-ops';
import { AppError } from '../../../src-shared/result';
import type { AppContext } from '../../core/context';
import { buildDiagnosticsZip, type FileSaver } from '../../core/logging/diagnostics';
import type { HandlersFor } from '../handler';

export const DESKTOP_ONLY = 'Updates are only available in the desktop app';

/** Set by the Electron host (host/electron/desktop.ts); absent in the browser host. */
const updaterOf = (app: AppContext) => app.services.updater as UpdaterService | undefined;
const fileSaverOf = (app: AppContext) => app.services.fileSaver as FileSaver | undefined;

function unsupported(app: AppContext): UpdateStatus {
  return {
    supported: false,
    state: 'unsupported',
    currentVersion: app.appVersion,
    availableVersion: null,
    progress: null,
    message: DESKTOP_ONLY,
    checkedAt: null,
  };
}

/**
 * Browser host: updates.status answers `{ supported: false, state: 'unsupported' }` so a settings screen
 * can show why; updates.check / updates.install are BAD_INPUT with the same message.
 */
function requireUpdater(app: AppContext): UpdaterService {
  const u = updaterOf(app);
  if (!u) throw new AppError('BAD_INPUT', DESKTOP_ONLY);
  return u;
}

export const systemOpsHandlers: HandlersFor<typeof systemOpsContract> = {
  'updates.status': (_input, { app }) => updaterOf(app)?.status() ?? unsupported(app),
  'updates.check': (_input, { app }) => requireUpdater(app).check(),
  'updates.install': (_input, { app }) => requireUpdater(app).install(),
  /**
   * One channel for both hosts: the desktop app saves the zip through a main-process save dialog and
   * answers where (null when cancelled); the browser host answers the bytes (base64) to download.
   */
  'diagnostics.export': async (_input, { app, session }) => {
    const { filename, data } = await buildDiagnosticsZip(app);
    app.logger.info('diagnostics exported', { by: session?.username, bytes: data.byteLength });
    const saveFile = fileSaverOf(app);
    if (saveFile) return { filename, size: data.byteLength, savedTo: await saveFile(filename, data) };
    return { filename, size: data.byteLength, base64: Buffer.from(data).toString('base64') };
  },
};
