import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Channel, InputOf, OutputOf } from '../../src-shared/contract';
import type { EventName } from '../../src-shared/events';
import type { ApiError } from '../../src-shared/result';
import { api, onEvent } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True while a request is in flight (the previous data stays visible meanwhile). */
  loading: boolean;
  refetch: () => void;
}

interface QueryOptions {
  /** Skip the call (e.g. no id yet). */
  enabled?: boolean;
  /**
   * Refetch when a `data.changed` event names one of these entities (or `all`). Defaults to
   * refetching on every change: lists are cheap and staff expect screens to stay current.
   */
  entities?: string[];
  /**
   * Pushed events that also change what this query shows (e.g. `sync.progress` for sync states).
   * They can come in bursts, so the refetch is throttled to one a second, always with a trailing one.
   */
  refetchOn?: EventName[];
}

const EVENT_REFETCH_MS = 1_000;

/**
 * Loads one API channel and keeps it current: refetches when the input changes and when the main
 * process reports a data change. Late answers to an older input are dropped.
 */
export function useApiQuery<C extends Channel>(
  channel: C,
  input: InputOf<C>,
  opts: QueryOptions = {},
): QueryState<OutputOf<C>> {
  const { enabled = true, entities, refetchOn } = opts;
  // `key` stands for the input's content: a new object with the same content does not refetch. The
  // input is sent as it would travel anyway (JSON), so the request never reads a stale render's input.
  const key = JSON.stringify(input ?? null);
  const sent = useMemo(() => (JSON.parse(key) ?? undefined) as InputOf<C>, [key]);
  const [state, setState] = useState<{ data: OutputOf<C> | undefined; error: ApiError | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: enabled,
  });
  // A new input (or enabling the query) shows `loading` in the same render, before the request is made.
  const wanted = enabled ? key : null;
  const [shown, setShown] = useState(wanted);
  if (wanted !== shown) {
    setShown(wanted);
    if (wanted !== null) setState((s) => ({ ...s, loading: true }));
  }
  const seq = useRef(0);

  const load = useCallback(() => {
    if (!enabled) return;
    const mine = ++seq.current;
    void api(channel, sent).then((r) => {
      if (mine !== seq.current) return;
      setState((s) =>
        r.ok ? { data: r.value, error: null, loading: false } : { data: s.data, error: r.error, loading: false },
      );
    });
  }, [channel, sent, enabled]);

  useEffect(load, [load]);

  /** Loads again with the same input (a data change, a pushed event, the caller). */
  const run = useCallback(() => {
    if (!enabled) return;
    setState((s) => ({ ...s, loading: true }));
    load();
  }, [enabled, load]);

  const entitiesKey = entities?.join(',');
  useEffect(
    () =>
      onEvent('data.changed', (p) => {
        const entity = typeof p.entity === 'string' ? p.entity : 'all';
        if (!entitiesKey || entity === 'all' || entitiesKey.split(',').includes(entity)) run();
      }),
    [run, entitiesKey],
  );

  const refetchOnKey = refetchOn?.join(',');
  useEffect(() => {
    if (!refetchOnKey) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const throttled = () => {
      if (timer) return;
      const wait = Math.max(0, last + EVENT_REFETCH_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        run();
      }, wait);
    };
    const offs = (refetchOnKey.split(',') as EventName[]).map((name) => onEvent(name, throttled));
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [run, refetchOnKey]);

  return { ...state, refetch: run };
}
