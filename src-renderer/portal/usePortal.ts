import { useCallback, useEffect, useState } from 'react';
import type { PortalChannel, PortalInputOf, PortalOutputOf } from '../../src-shared/contract/portal';
import type { ApiError } from '../../src-shared/result';
import { portalApi } from './api';

/** Loads one portal channel; `reload` asks again (after a change the customer made). */
export function usePortal<C extends PortalChannel>(channel: C, input: PortalInputOf<C>) {
  const key = JSON.stringify(input);
  const [data, setData] = useState<PortalOutputOf<C> | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void portalApi(channel, JSON.parse(key)).then((r) => {
      if (!live) return;
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [channel, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}
