/**
 * Fonnte (api.fonnte.com), the WhatsApp gateway most Indonesian ISP tools use. Verified against
 * docs.fonnte.com/api-send-message (POST /send, header `Authorization: <token>` without "Bearer",
 * form fields target/message/countryCode) and the answers public clients record:
 * `{"detail":"success! message in queue","id":["80367170"],"process":"pending","requestid":…,
 * "status":true,"target":["62…"]}` and `{"reason":"token invalid","status":false}`.
 * Fonnte keeps no client reference: after a crash it cannot tell whether it has our message. Its
 * `POST /status {id}` is deprecated (docs.fonnte.com, "use webhook get status instead") but still
 * answers by provider id.
 */
import { failure, failureFromHttpStatus, scrub } from '../failures';
import { asText, field, httpCall, joinUrl, truthy, unreadableSuccess, type HttpAnswer } from '../http';
import { MAX_TEXT_LENGTH } from '../length';
import { e164Digits } from '../phone';
import type {
  Channel,
  ChannelFailure,
  ChannelLog,
  DeliveryStatus,
  LookupQuery,
  LookupResult,
  OutgoingMessage,
  SendResult,
} from '../types';
import { DEFAULT_TIMEOUT_MS, logged, precheck } from './common';

export interface FonnteConfig {
  token: string;
  /** Default `https://api.fonnte.com`; tests point it at a local fake. */
  baseUrl?: string;
  timeoutMs?: number;
  log?: ChannelLog;
}

/** Fonnte's `reason` texts → our classification. Unknown reasons are retried a bounded number of times. */
export function classifyFonnteReason(reason: string, httpStatus?: number): ChannelFailure {
  const r = reason.toLowerCase();
  const base = { httpStatus, providerCode: reason.slice(0, 80), detail: `fonnte: ${reason.slice(0, 200)}` };
  if (/token|unauthori[sz]ed|invalid key/.test(r)) return failure({ reason: 'auth', ...base });
  if (/disconnect|not connected|device/.test(r)) return failure({ reason: 'device_offline', ...base });
  if (/target|number|not (registered|on whatsapp)|invalid phone/.test(r))
    return failure({ reason: 'invalid_recipient', ...base });
  if (/quota|balance|expired package|package expired/.test(r)) return failure({ reason: 'quota', ...base });
  if (/\brate\b|too many|\blimit/.test(r)) return failure({ reason: 'rate_limited', ...base });
  if (/input invalid|json format|url|file|format/.test(r)) return failure({ reason: 'message_rejected', ...base });
  return failure({ reason: 'server_error', scope: 'message', ...base });
}

const STATUS_MAP: Record<string, DeliveryStatus> = {
  sent: 'sent',
  pending: 'queued',
  waiting: 'queued',
  processing: 'queued',
  invalid: 'failed',
  expired: 'failed',
  'url unreachable': 'failed',
};

export class FonnteChannel implements Channel {
  readonly provider = 'fonnte' as const;
  readonly kind = 'whatsapp' as const;
  readonly capabilities = {
    lookupByReference: false,
    lookupById: true,
    attachments: false,
    needsTemplate: false,
    maxTextLength: MAX_TEXT_LENGTH.fonnte,
    resendCollapses: false,
  };
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly cfg: FonnteConfig) {
    this.base = cfg.baseUrl ?? 'https://api.fonnte.com';
    this.timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  send(msg: OutgoingMessage): Promise<SendResult> {
    return logged(this.cfg.log, this.provider, 'send', msg.reference, () => this.doSend(msg));
  }

  private async doSend(msg: OutgoingMessage): Promise<SendResult> {
    const pre = precheck(this.provider, msg, 'phone');
    if (pre) return { ok: false, failure: pre };
    const to = msg.to.kind === 'phone' ? e164Digits(msg.to.e164) : '';
    const res = await httpCall({
      method: 'POST',
      url: joinUrl(this.base, 'send'),
      headers: { Authorization: this.cfg.token },
      // countryCode "0" switches off Fonnte's own 0 → 62 rewriting: the number is already E.164.
      form: { target: to, message: msg.text, countryCode: '0' },
      timeoutMs: this.timeoutMs,
      secrets: [this.cfg.token],
    });
    if (!res.ok) return res;
    return this.readSend(res.answer);
  }

  private readSend(a: HttpAnswer): SendResult {
    const secrets = [this.cfg.token];
    const reason = asText(field(a.json, 'reason'));
    const refused = field(a.json, 'status') !== undefined && !truthy(field(a.json, 'status'));
    const byReason = refused
      ? classifyFonnteReason(scrub(reason ?? 'refused without a reason', secrets), a.status)
      : null;
    const http2xx = a.status >= 200 && a.status < 300;
    // A reason we recognise wins; an unknown one on a non-2xx answer says less than the HTTP status.
    if (byReason && (http2xx || byReason.reason !== 'server_error')) return { ok: false, failure: byReason };
    if (!http2xx)
      return {
        ok: false,
        failure: failureFromHttpStatus(
          a.status,
          scrub(`fonnte HTTP ${a.status}: ${a.text.slice(0, 200)}`, secrets),
          a.headers.get('retry-after'),
        ),
      };
    if (!truthy(field(a.json, 'status'))) return { ok: false, failure: unreadableSuccess(a, secrets) };
    const ids = field(a.json, 'id');
    const id = Array.isArray(ids) ? asText(ids[0]) : asText(ids);
    return { ok: true, providerMessageId: id ?? null, providerStatus: asText(field(a.json, 'process')) ?? 'queued' };
  }

  lookup(q: LookupQuery): Promise<LookupResult> {
    return logged(this.cfg.log, this.provider, 'lookup', q.reference, async () => {
      if (!q.providerMessageId) return { kind: 'unsupported' };
      const res = await httpCall({
        method: 'POST',
        url: joinUrl(this.base, 'status'),
        headers: { Authorization: this.cfg.token },
        form: { id: q.providerMessageId },
        timeoutMs: this.timeoutMs,
        secrets: [this.cfg.token],
      });
      if (!res.ok) return { kind: 'error', failure: res.failure };
      const a = res.answer;
      if (!truthy(field(a.json, 'status'))) {
        const reason = asText(field(a.json, 'reason')) ?? `HTTP ${a.status}`;
        if (/not found|no message|unknown id/i.test(reason)) return { kind: 'not_found' };
        const f = classifyFonnteReason(scrub(reason, [this.cfg.token]), a.status);
        return f.reason === 'server_error' ? { kind: 'unknown', detail: f.detail } : { kind: 'error', failure: f };
      }
      const st = (asText(field(a.json, 'message_status')) ?? '').toLowerCase();
      const status = STATUS_MAP[st];
      if (!status) return { kind: 'unknown', detail: `fonnte status "${st.slice(0, 40)}"` };
      return { kind: 'found', providerMessageId: q.providerMessageId, status, providerStatus: st };
    });
  }

  async close(): Promise<void> {}
}
