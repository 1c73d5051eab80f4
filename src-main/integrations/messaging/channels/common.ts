/** Small pieces every adapter shares: checks before sending, timing and safe logging. */
import { checkLength } from '../length';
import { failure } from '../failures';
import {
  isValidReference,
  type ChannelFailure,
  type ChannelLog,
  type LookupResult,
  type OutgoingMessage,
  type ProviderName,
  type SendResult,
} from '../types';

/** Refusals we can make before anything leaves (never retried: the same message would fail again). */
export function precheck(
  provider: ProviderName,
  msg: OutgoingMessage,
  recipient: 'phone' | 'email' | 'push',
): ChannelFailure | null {
  if (!isValidReference(msg.reference))
    return failure({ reason: 'message_rejected', detail: 'reference must be 1-64 characters of A-Z a-z 0-9 . _ : -' });
  if (msg.to.kind !== recipient)
    return failure({
      reason: 'invalid_recipient',
      detail: `${provider} sends to a ${recipient}, not a ${msg.to.kind}`,
    });
  if (msg.to.kind === 'phone' && !/^\+[1-9]\d{7,14}$/.test(msg.to.e164))
    return failure({ reason: 'invalid_recipient', detail: 'phone is not in E.164 form' });
  if (!msg.text.trim() && !msg.template) return failure({ reason: 'message_rejected', detail: 'empty text' });
  if (msg.text) {
    const len = checkLength(provider, msg.text);
    if (!len.ok)
      return failure({
        reason: 'message_rejected',
        providerCode: len.problem,
        detail:
          len.problem === 'not_gsm7'
            ? `text has characters a GSM-7 SMS cannot carry: ${len.sms?.nonGsm.join(' ')}`
            : `text is ${len.length} long, the limit is ${len.limit}`,
      });
  }
  return null;
}

/** Runs one send/lookup, timing it and logging only safe fields. */
export async function logged<T extends SendResult | LookupResult>(
  log: ChannelLog | undefined,
  provider: ProviderName,
  op: 'send' | 'lookup',
  reference: string,
  run: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const result = await run();
  if (log) {
    const f: ChannelFailure | undefined =
      'ok' in result && !result.ok
        ? result.failure
        : 'kind' in result && result.kind === 'error'
          ? result.failure
          : undefined;
    try {
      log({
        provider,
        op,
        reference,
        ok: !f,
        ms: Date.now() - started,
        httpStatus: f?.httpStatus,
        reason: f?.reason,
        detail: f?.detail,
      });
    } catch {
      // A failing logger must not turn a sent message into an error.
    }
  }
  return result;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
