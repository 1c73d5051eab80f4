/**
 * Web Push to the customer portal PWA with VAPID (RFC 8292), payload encrypted per RFC 8291
 * (aes128gcm), through the `web-push` package. A 404 or 410 from the push service means the browser
 * dropped the subscription: the wiring deletes it. The Topic header (RFC 8030 §5.4) is derived from
 * our reference, so a resend replaces a still-undelivered copy, and the notification tag makes the
 * browser replace rather than stack a shown one.
 */
import { createHash } from 'node:crypto';
import https from 'node:https';
import type WebPush from 'web-push';
import { lazyRequire } from '../../../lazy-require';
import { failure, failureFromError, failureFromHttpStatus, scrub } from '../failures';
import { MAX_TEXT_LENGTH } from '../length';
import type { Channel, ChannelFailure, ChannelLog, LookupResult, OutgoingMessage, SendResult } from '../types';
import { DEFAULT_TIMEOUT_MS, logged, precheck } from './common';

/** Loaded on first use (lazy-require.ts). */
const webpush = lazyRequire<typeof WebPush>('web-push');

export interface VapidKeys {
  /** base64url, uncompressed P-256 point (given to the browser's pushManager.subscribe). */
  publicKey: string;
  /** base64url; stored encrypted like router passwords, never returned. */
  privateKey: string;
}

export interface WebPushConfig {
  vapid: VapidKeys & { /** `mailto:admin@isp.id` or an https URL of the ISP. */ subject: string };
  /** PEM of a CA to trust for the push endpoint (the tests' local push service). */
  ca?: string;
  /** How long the push service keeps an undelivered message; default one day. */
  ttlSeconds?: number;
  timeoutMs?: number;
  log?: ChannelLog;
}

/** A fresh VAPID key pair, made once per ISP when push is switched on. */
export function generateVapidKeys(): VapidKeys {
  return webpush().generateVAPIDKeys();
}

/** RFC 8030: a Topic is at most 32 characters of the URL-safe base64 alphabet. */
export function topicFor(reference: string): string {
  return createHash('sha256').update(reference).digest('base64url').slice(0, 32);
}

export function classifyPushError(err: unknown, secrets: ReadonlyArray<string | undefined>): ChannelFailure {
  if (err instanceof webpush().WebPushError) {
    const status = err.statusCode;
    const detail = scrub(`push service ${status}: ${String(err.body ?? '').slice(0, 200)}`, secrets);
    const retryAfter = (err.headers as Record<string, string | undefined> | undefined)?.['retry-after'];
    if (status === 404 || status === 410) return failure({ reason: 'recipient_gone', httpStatus: status, detail });
    if (status === 413) return failure({ reason: 'message_rejected', httpStatus: status, detail });
    return failureFromHttpStatus(status, detail, retryAfter);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (message === 'Socket timeout')
    return failure({ reason: 'timeout', maybeAccepted: true, detail: 'push service did not answer in time' });
  // web-push checks the VAPID details and the subscription before it connects.
  if (
    /vapid|subject|public key|private key|subscription|p256dh|auth/i.test(message) &&
    !(err as { code?: string }).code
  )
    return failure({ reason: 'config', detail: scrub(message, secrets) });
  return failureFromError(err, secrets);
}

export class WebPushChannel implements Channel {
  readonly provider = 'web_push' as const;
  readonly kind = 'push' as const;
  readonly capabilities = {
    lookupByReference: false,
    lookupById: false,
    attachments: false,
    needsTemplate: false,
    maxTextLength: MAX_TEXT_LENGTH.web_push,
    resendCollapses: true,
  };
  private readonly agent: https.Agent | undefined;

  constructor(private readonly cfg: WebPushConfig) {
    this.agent = cfg.ca ? new https.Agent({ ca: cfg.ca, keepAlive: true }) : undefined;
  }

  send(msg: OutgoingMessage): Promise<SendResult> {
    return logged(this.cfg.log, this.provider, 'send', msg.reference, async () => {
      const pre = precheck(this.provider, msg, 'push');
      if (pre) return { ok: false, failure: pre };
      if (msg.to.kind !== 'push')
        return { ok: false, failure: failure({ reason: 'invalid_recipient', detail: 'no subscription' }) };
      const payload = JSON.stringify({
        title: msg.push?.title ?? '',
        body: msg.text,
        url: msg.push?.url,
        tag: msg.push?.tag ?? msg.reference,
        reference: msg.reference,
      });
      if (Buffer.byteLength(payload) > MAX_TEXT_LENGTH.web_push + 500)
        return {
          ok: false,
          failure: failure({
            reason: 'message_rejected',
            detail: `push payload of ${Buffer.byteLength(payload)} bytes is too large`,
          }),
        };
      const secrets = [this.cfg.vapid.privateKey];
      try {
        const res = await webpush().sendNotification(msg.to.subscription, payload, {
          vapidDetails: this.cfg.vapid,
          TTL: msg.push?.ttlSeconds ?? this.cfg.ttlSeconds ?? 86_400,
          urgency: msg.push?.urgency ?? 'normal',
          topic: topicFor(msg.reference),
          timeout: this.cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          agent: this.agent,
        });
        const location = (res.headers as Record<string, string | undefined>).location;
        return { ok: true, providerMessageId: location ?? null, providerStatus: String(res.statusCode) };
      } catch (err) {
        return { ok: false, failure: classifyPushError(err, secrets) };
      }
    });
  }

  async lookup(): Promise<LookupResult> {
    return { kind: 'unsupported' };
  }

  async close(): Promise<void> {
    this.agent?.destroy();
  }
}
