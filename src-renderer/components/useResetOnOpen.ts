import type { UseFormReturnType } from '@mantine/form';
import { useEffect } from 'react';

/**
 * Loads a dialog's form when it opens or another record is chosen (`key`), and only then: a refetch
 * of the same record (someone else saved) must not wipe what the user is typing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @mantine/form's own constraint
export function useResetOnOpen<V extends Record<string, any>>(
  form: UseFormReturnType<V>,
  opened: boolean,
  key: unknown,
  values: () => V,
  onOpen?: () => void,
) {
  useEffect(() => {
    if (!opened) return;
    const v = values();
    form.setValues(v);
    form.resetDirty(v);
    form.clearErrors();
    onOpen?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, key]);
}
