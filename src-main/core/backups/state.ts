import { AppError } from '../../../src-shared/result';
import type { AppContext } from '../context';

/** What runs now and how the last daily copy to the backup folder went, per running app (not persisted). */
export interface State {
  running: null | 'backup' | 'restore';
  /** Set when the last daily copy to the custom folder failed (the default folder copy still exists). */
  lastError: { at: string; message: string } | null;
}
const states = new WeakMap<AppContext, State>();
export function stateOf(app: AppContext): State {
  let s = states.get(app);
  if (!s) states.set(app, (s = { running: null, lastError: null }));
  return s;
}

/** One backup or restore at a time per app; the API answers CONFLICT to a second one. */
export async function exclusive<T>(app: AppContext, what: 'backup' | 'restore', fn: () => Promise<T>): Promise<T> {
  const st = stateOf(app);
  if (st.running)
    throw new AppError(
      'CONFLICT',
      st.running === 'backup'
        ? 'A backup is already running; wait for it to finish.'
        : 'A restore is already running; wait for it to finish.',
    );
  st.running = what;
  try {
    return await fn();
  } finally {
    st.running = null;
  }
}

export function isBackupRunning(app: AppContext): boolean {
  return stateOf(app).running !== null;
}
