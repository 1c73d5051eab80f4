import { useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../src-shared/result';

/** How often an open attempt asks whether the money arrived (the server's poller asks the gateway). */
const POLL_MS = 3_000;
const WAITING_STATES: readonly string[] = ['pending', 'paid'];

/** Whether the money of a gateway attempt may still come (pending, or paid and not yet credited). */
export const isWaiting = (state: string) => WAITING_STATES.includes(state);

/** How one screen asks the server about its attempt: the customer portal's pay page or the reseller's top-up. */
export interface AttemptCalls<T> {
  /** The attempt as the server knows it now (polled while waiting). */
  status: (id: number) => Promise<ApiResult<T>>;
  /** Asks the gateway now ("Cek pembayaran"). */
  check: (id: number) => Promise<ApiResult<T>>;
  /** The note shown when the check found the money not yet there. */
  notYet: string;
  /** The note shown for a failed check, from its error message. */
  failure: (message: string) => string;
}

export interface FollowedAttempt<T> {
  tx: T;
  waiting: boolean;
  checking: boolean;
  note: string | null;
  setNote: (note: string | null) => void;
  check: () => Promise<void>;
}

/**
 * Follows one gateway attempt until its money is recorded or it ends: polls while waiting and lets the
 * payer ask the gateway now, keeping the note that answers that question.
 */
export function useFollowedAttempt<T extends { id: number; state: string }>(
  initial: T,
  calls: AttemptCalls<T>,
): FollowedAttempt<T> {
  const [tx, setTx] = useState(initial);
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const waiting = isWaiting(tx.state);
  // The calls are fresh closures each render; the poll uses the latest without restarting its timer.
  const latest = useRef(calls);
  useEffect(() => {
    latest.current = calls;
  });

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      void latest.current.status(tx.id).then((r) => r.ok && setTx(r.value));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, tx.id]);

  const check = async () => {
    setChecking(true);
    const r = await calls.check(tx.id);
    setChecking(false);
    if (r.ok) {
      setTx(r.value);
      setNote(isWaiting(r.value.state) ? calls.notYet : null);
    } else setNote(calls.failure(r.error.message));
  };

  return { tx, waiting, checking, note, setNote, check };
}
