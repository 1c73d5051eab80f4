import { useCallback, useEffect, useRef, useState } from 'react';
import { loadQueue, saveQueue, sendQueue, type QueuedPayment } from './offlineQueue';

const RETRY_MS = 15_000;

/**
 * The phone's queue of payments not yet confirmed by the office, and sending it: at once when a payment
 * is taken with a signal, when the browser says it is back online, and every 15 s while items wait.
 */
export function useCollectorQueue(userId: number, onSent: () => void) {
  const [queue, setQueue] = useState<QueuedPayment[]>(() => loadQueue(userId));
  const [online, setOnline] = useState(() => navigator.onLine);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = useRef(false);
  const sentRef = useRef(onSent);
  useEffect(() => {
    sentRef.current = onSent;
  });

  const sync = useCallback(async () => {
    if (busy.current || !loadQueue(userId).length) return;
    busy.current = true;
    try {
      const out = await sendQueue(userId, (done, total) => setProgress({ done, total }));
      setProblem(out.kind === 'unreachable' ? out.message : null);
      if (out.kind === 'done') sentRef.current();
    } finally {
      busy.current = false;
      setProgress(null);
      setQueue(loadQueue(userId));
    }
  }, [userId]);

  const add = useCallback(
    (p: QueuedPayment) => {
      const next = [...loadQueue(userId), p];
      saveQueue(userId, next);
      setQueue(next);
      if (navigator.onLine) void sync();
    },
    [userId, sync],
  );

  useEffect(() => {
    const up = () => {
      setOnline(true);
      sentRef.current();
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    if (navigator.onLine) void sync();
    // Items the office has not refused are retried while they wait (a weak signal comes and goes).
    const timer = setInterval(() => {
      if (navigator.onLine && loadQueue(userId).some((q) => q.error === null)) void sync();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [userId, sync]);

  return { queue, online, progress, problem, add, sync };
}
