import { z } from 'zod';
import { procedure } from './define';

export const UPDATE_STATES = [
  'unsupported', // browser host, or `npm start` (not an installed app)
  'not-configured', // no update URL in settings
  'idle',
  'checking',
  'not-available',
  'downloading',
  'downloaded',
  'error',
] as const;

export const updateStatus = z.object({
  /** False in the browser host and in development: only the installed desktop app updates itself. */
  supported: z.boolean(),
  state: z.enum(UPDATE_STATES),
  currentVersion: z.string(),
  availableVersion: z.string().nullable(),
  /** Download progress while state is 'downloading' (percent 0–100). */
  progress: z
    .object({ percent: z.number(), transferred: z.number(), total: z.number(), bytesPerSecond: z.number() })
    .nullable(),
  /** Human-readable detail (error text, why unsupported). */
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type UpdateStatus = z.output<typeof updateStatus>;

/**
 * Implemented by the Electron host (host/electron/updater.ts) and put in `ctx.services.updater`; absent in
 * the browser host. check() resolves once the check is done (the download continues in the background
 * and is reported through `update.status` events); install() quits and installs a downloaded update.
 */
export interface UpdaterService {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  install(): UpdateStatus;
}

const empty = z.object({}).strict().default({});

export const diagnosticsResult = z.object({
  filename: z.string(),
  size: z.number().int(),
  /** Browser host: the zip itself, for the UI to offer as a download. */
  base64: z.string().optional(),
  /** Desktop app: where the main process saved it after its save dialog (null: the user cancelled). */
  savedTo: z.string().nullable().optional(),
});

export const systemOpsContract = {
  'updates.status': procedure({ permission: 'system.admin', input: empty, output: updateStatus }),
  /** Browser host: BAD_INPUT "Updates are only available in the desktop app". */
  'updates.check': procedure({ permission: 'system.admin', input: empty, output: updateStatus }),
  /** Quits and installs the downloaded update ("restart to update"); CONFLICT when nothing is downloaded. */
  'updates.install': procedure({ permission: 'system.admin', input: empty, output: updateStatus }),
  /** Zip of logs, versions, settings without secrets, schema version and table sizes. */
  'diagnostics.export': procedure({ permission: 'system.admin', input: empty, output: diagnosticsResult }),
};
