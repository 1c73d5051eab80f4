import type { UseFormReturnType } from '@mantine/form';
import { useEffect, useEffectEvent } from 'react';

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
  // Reads the latest form, values and callback without making them reasons to reload.
  const load = useEffectEvent(() => {
    const v = values();
    form.setValues(v);
    form.resetDirty(v);
    form.clearErrors();
    onOpen?.();
  });
  useEffect(() => {
    if (opened) load();
  }, [opened, key]);
}
