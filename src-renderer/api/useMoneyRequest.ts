import { useState } from 'react';
import type { InputOf, OutputOf } from '../../src-shared/contract';
import type { ApiError } from '../../src-shared/result';
import { api, isUnknownOutcome } from './client';
import { SubmissionIds } from './requestId';

/** The money writes that carry a client request id (issue 17): a repeat never moves money twice. */
export type MoneyChannel = 'payments.create' | 'refunds.create' | 'resellers.topup' | 'reseller.pay';

export interface MoneyRequestHandlers<C extends MoneyChannel> {
  /** The office took it (or, `replayed`, had taken it from an earlier send of the same request). */
  done(value: OutputOf<C>): void | Promise<void>;
  /** The office answered with a refusal: nothing was written. */
  refused(error: ApiError): void;
}

/**
 * Sends a money form with one client request id per submission (SubmissionIds). When no answer comes back
 * (network cut, timeout) the outcome is unknown: `unknown` is set and `resend()` sends exactly the same
 * request with the same id, so the office answers with the first result if it had taken it.
 */
export function useMoneyRequest<C extends MoneyChannel>(channel: C, handlers: MoneyRequestHandlers<C>) {
  const [ids] = useState(() => new SubmissionIds());
  const [unknown, setUnknown] = useState<InputOf<C> | null>(null);
  const [sending, setSending] = useState(false);

  /** Sends the form's input; its clientRequestId is set here (one per submission). */
  const send = async (input: InputOf<C>): Promise<void> => {
    setSending(true);
    // api() never throws: a failure comes back as a value.
    const r = await api(channel, Object.assign({}, input, { clientRequestId: ids.idFor(input) }));
    setSending(false);
    if (!r.ok && isUnknownOutcome(r.error)) return void setUnknown(input);
    setUnknown(null);
    if (!r.ok) return handlers.refused(r.error);
    ids.finished();
    await handlers.done(r.value);
  };

  return {
    send,
    sending,
    /** The last send got no answer: it may or may not have been taken. */
    unknown: unknown !== null,
    /** "Kirim ulang": the same request with the same id. */
    resend: () => (unknown ? send(unknown) : Promise.resolve()),
    /** The form was closed or moved on to something else: the warning goes (the id stays for the same content). */
    dismiss: () => setUnknown(null),
  };
}

export type MoneyRequest = ReturnType<typeof useMoneyRequest>;
