import { useState } from 'react';
import type { ApiResult } from '../../src-shared/result';
import { notifyApiError } from './apiError';

/**
 * A row action behind a ConfirmDialog (revoke a key, rotate or delete a webhook): `ask(row)` opens the
 * dialog, which stays open and busy until the call returns; then it closes (`onClose` too, e.g. to
 * clear a reason typed in it) and a failure shows as a red notice, a success goes to `done`.
 */
export function useConfirmedAction<T, V>(
  run: (row: T) => Promise<ApiResult<V>>,
  done: (value: V) => void,
  onClose?: () => void,
) {
  const [row, setRow] = useState<T | null>(null);
  const close = () => {
    setRow(null);
    onClose?.();
  };
  return {
    /** The row the dialog asks about; null while closed. */
    row,
    ask: (r: T) => setRow(r),
    cancel: close,
    confirm: async () => {
      if (!row) return;
      const r = await run(row);
      close();
      if (!r.ok) return notifyApiError(r.error);
      done(r.value);
    },
  };
}
