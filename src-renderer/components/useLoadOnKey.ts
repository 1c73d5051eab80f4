import { useEffect, useEffectEvent, useState } from 'react';

/**
 * Loads what a panel shows for one record (a router's drift, its import preview) when the record
 * (`key`) changes, and again on demand. `loading` is true from the render in which the key changed
 * until its load settles, and while a `track`ed reload runs. The load itself stores its answer.
 * (Resetting during render, not in an effect, means no frame shows the last record's answer.)
 */
export function useLoadOnKey<K extends string | number>(
  key: K | undefined,
  load: (key: K) => Promise<unknown>,
  /** Forgets the last record's answer; runs during the render in which the key changes. */
  reset: () => void,
) {
  const [loadedFor, setLoadedFor] = useState<K | undefined>(undefined);
  const [seen, setSeen] = useState(key);
  if (key !== seen) {
    // Closing and reopening the same record loads it again: forget what was loaded.
    setSeen(key);
    setLoadedFor(undefined);
    reset();
  }
  const [reloads, setReloads] = useState(0);
  const start = useEffectEvent((k: K) => load(k));
  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    void start(key).finally(() => {
      if (live) setLoadedFor(key);
    });
    return () => {
      live = false;
    };
  }, [key]);

  /** Runs a reload (or any call that refreshes the panel) with `loading` on. */
  const track = async (reload: Promise<unknown>): Promise<void> => {
    setReloads((n) => n + 1);
    try {
      await reload;
    } finally {
      setReloads((n) => n - 1);
    }
  };
  return { loading: key !== undefined && (loadedFor !== key || reloads > 0), track };
}
