/**
 * The official WhatsApp Cloud API (Meta Graph API). `POST {graph}/{version}/{phone-number-id}/messages`
 * with a bearer token and `{messaging_product:"whatsapp", to, type:"template", template:{name,
 * language:{code}, components:[{type:"body", parameters:[{type:"text", text}]}]}}` (gembok-bill
 * config/whatsapp-meta-api.js; WhatsApp-Nodejs-SDK template reference). Reminders are business-
 * initiated, so they must be approved templates. Errors come as `{error:{message, type, code,
 * error_data:{details}, fbtrace_id}}` with the codes of Meta's error-code table
 * (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes, mirrored
 * with HTTP statuses by docs.ycloud.com). Delivery status only arrives by webhook, so lookup() cannot
 * tell; our reference rides along as `biz_opaque_callback_data` for a future webhook relay.
 */
import { failure, failureFromHttpStatus, scrub } from '../failures';
import { asText, field, httpCall, joinUrl, unreadableSuccess } from '../http';
import { MAX_TEXT_LENGTH } from '../length';
import { e164Digits } from '../phone';
import type { Channel, ChannelFailure, ChannelLog, LookupResult, OutgoingMessage, SendResult } from '../types';
import { DEFAULT_TIMEOUT_MS, logged, precheck } from './common';

export interface WhatsAppCloudConfig {
  accessToken: string;
  phoneNumberId: string;
  /** Default `https://graph.facebook.com`. */
  baseUrl?: string;
  /** Graph API version, default `v21.0`. */
  apiVersion?: string;
  timeoutMs?: number;
  log?: ChannelLog;
}

type Rule = Pick<ChannelFailure, 'reason'> & Partial<Pick<ChannelFailure, 'retryable' | 'scope'>>;

/** Meta's error codes → our classification. Unknown codes fall back to the HTTP status. */
const CODES: Record<number, Rule> = {
  0: { reason: 'auth' },
  190: { reason: 'auth' }, // access token expired or invalid
  10: { reason: 'auth' }, // permission denied
  3: { reason: 'config' }, // capability or permission missing for the app
  1: { reason: 'server_error' },
  2: { reason: 'server_error' }, // API service temporarily down
  4: { reason: 'rate_limited' }, // too many API calls
  80007: { reason: 'rate_limited' }, // WhatsApp Business account rate limit
  130429: { reason: 'rate_limited' }, // Cloud API throughput reached
  131048: { reason: 'rate_limited' }, // spam rate limit: too many messages from this number
  131056: { reason: 'rate_limited', scope: 'message' }, // pair rate limit: too many to this one customer
  131000: { reason: 'server_error' },
  131016: { reason: 'server_error' }, // service unavailable
  133004: { reason: 'server_error' }, // server temporarily unavailable
  100: { reason: 'message_rejected' }, // invalid parameter (refined below when it is the phone)
  131008: { reason: 'message_rejected' }, // required parameter missing
  131009: { reason: 'message_rejected' }, // parameter value invalid
  131026: { reason: 'invalid_recipient' }, // undeliverable: not on WhatsApp, old app, terms not accepted
  131030: { reason: 'invalid_recipient' }, // not in the allowed list (test number)
  131047: { reason: 'message_rejected' }, // outside the 24-hour window: a template is required
  131051: { reason: 'message_rejected' }, // unsupported message type
  132000: { reason: 'template_rejected' }, // parameter count mismatch
  132001: { reason: 'template_rejected' }, // template does not exist (name or language)
  132005: { reason: 'template_rejected' }, // text too long after filling
  132007: { reason: 'template_rejected' }, // format character policy violated
  132012: { reason: 'template_rejected' }, // parameter format mismatch
  132015: { reason: 'template_rejected' }, // template paused for low quality
  132016: { reason: 'template_rejected' }, // template disabled
  131031: { reason: 'auth' }, // business account locked
  131042: { reason: 'quota' }, // payment method problem
  133010: { reason: 'config' }, // our business phone number is not registered
  368: { reason: 'auth' }, // temporarily blocked for policy violations
};

export function classifyCloudError(httpStatus: number, error: unknown, retryAfter?: string | null): ChannelFailure {
  const code = Number(field(error, 'code'));
  const text = asText(field(error, 'message')) ?? `HTTP ${httpStatus}`;
  const details = asText(field(field(error, 'error_data'), 'details')) ?? '';
  const detail = `whatsapp cloud ${Number.isFinite(code) ? code : '?'}: ${text}${details ? ` (${details})` : ''}`.slice(
    0,
    300,
  );
  let rule = Number.isFinite(code) ? CODES[code] : undefined;
  if (code === 100 && /phone|recipient|\bto\b/i.test(`${text} ${details}`)) rule = { reason: 'invalid_recipient' };
  if (!rule)
    return {
      ...failureFromHttpStatus(httpStatus, detail, retryAfter),
      providerCode: Number.isFinite(code) ? String(code) : undefined,
    };
  return failure({ ...rule, httpStatus, providerCode: String(code), detail });
}

export class WhatsAppCloudChannel implements Channel {
  readonly provider = 'whatsapp_cloud' as const;
  readonly kind = 'whatsapp' as const;
  readonly capabilities = {
    lookupByReference: false,
    lookupById: false,
    attachments: false,
    needsTemplate: true,
    maxTextLength: MAX_TEXT_LENGTH.whatsapp_cloud,
    resendCollapses: false,
  };
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(private readonly cfg: WhatsAppCloudConfig) {
    this.url = joinUrl(
      cfg.baseUrl ?? 'https://graph.facebook.com',
      `${cfg.apiVersion ?? 'v21.0'}/${encodeURIComponent(cfg.phoneNumberId)}/messages`,
    );
    this.timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  send(msg: OutgoingMessage): Promise<SendResult> {
    return logged(this.cfg.log, this.provider, 'send', msg.reference, async () => {
      const t = msg.template;
      if (!t)
        return {
          ok: false,
          failure: failure({
            reason: 'template_rejected',
            detail: 'the Cloud API needs an approved template for reminders',
          }),
        };
      const pre = precheck(this.provider, { ...msg, text: '' }, 'phone');
      if (pre) return { ok: false, failure: pre };
      const secrets = [this.cfg.accessToken];
      const res = await httpCall({
        method: 'POST',
        url: this.url,
        headers: { Authorization: `Bearer ${this.cfg.accessToken}` },
        json: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: msg.to.kind === 'phone' ? e164Digits(msg.to.e164) : '',
          type: 'template',
          template: {
            name: t.name,
            language: { code: t.language },
            components: t.bodyParams.length
              ? [{ type: 'body', parameters: t.bodyParams.map((text) => ({ type: 'text', text })) }]
              : [],
          },
          biz_opaque_callback_data: msg.reference,
        },
        timeoutMs: this.timeoutMs,
        secrets,
      });
      if (!res.ok) return res;
      const a = res.answer;
      const err = field(a.json, 'error');
      if (err || a.status < 200 || a.status >= 300) {
        const f = err
          ? classifyCloudError(a.status, err, a.headers.get('retry-after'))
          : failureFromHttpStatus(a.status, `whatsapp cloud HTTP ${a.status}`);
        return { ok: false, failure: { ...f, detail: scrub(f.detail, secrets) } };
      }
      const messages = field(a.json, 'messages');
      const first = Array.isArray(messages) ? messages[0] : undefined;
      const id = asText(field(first, 'id'));
      if (!id) return { ok: false, failure: unreadableSuccess(a, secrets) };
      return { ok: true, providerMessageId: id, providerStatus: asText(field(first, 'message_status')) ?? 'accepted' };
    });
  }

  async lookup(): Promise<LookupResult> {
    return { kind: 'unsupported' };
  }

  async close(): Promise<void> {}
}
