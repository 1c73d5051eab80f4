/**
 * Wablas (wablas.com), the other WhatsApp gateway of small ISPs. Verified against
 * wablas.com/documentation/api: `POST {server}/api/send-message` (the server is per account, e.g.
 * https://bdg.wablas.com), header `Authorization: {token}.{secret_key}` (older accounts: the token
 * alone), form fields phone/message/ref_id, answer `{"status":true,"message":"Message is pending and
 * waiting to be processed","data":{"messages":[{"id":…,"status":"pending"}]}}` (some accounts answer
 * `data.message[]` or `data[].messages`); `GET /api/report/message?ref_id=…` lists messages by our
 * reference, which is how a crash between "accepted" and "committed" is resolved.
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

export interface WablasConfig {
  /** The account's server, e.g. `https://bdg.wablas.com`. */
  baseUrl: string;
  token: string;
  /** Newer accounts: sent as `token.secret`. */
  secretKey?: string;
  timeoutMs?: number;
  log?: ChannelLog;
}

export function classifyWablasMessage(text: string, httpStatus?: number): ChannelFailure | null {
  const t = text.toLowerCase();
  const base = { httpStatus, providerCode: text.slice(0, 80), detail: `wablas: ${text.slice(0, 200)}` };
  if (/token|secret|unauthori[sz]ed|device expired|access denied/.test(t)) return failure({ reason: 'auth', ...base });
  if (/disconnect|not connected|offline/.test(t)) return failure({ reason: 'device_offline', ...base });
  if (/phone|number|nomor|not registered|not on whatsapp/.test(t))
    return failure({ reason: 'invalid_recipient', ...base });
  if (/quota|kuota|balance/.test(t)) return failure({ reason: 'quota', ...base });
  if (/too many|rate limit|limit exceeded/.test(t)) return failure({ reason: 'rate_limited', ...base });
  if (/maximum character|too long|message (is )?required|invalid message/.test(t))
    return failure({ reason: 'message_rejected', ...base });
  return null;
}

const STATUS_MAP: Record<string, DeliveryStatus> = {
  pending: 'queued',
  process: 'queued',
  processing: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  received: 'delivered',
  read: 'read',
  cancel: 'failed',
  failed: 'failed',
  reject: 'failed',
};

/** The first message object of the three answer shapes the docs show. */
function firstMessage(data: unknown): unknown {
  const d = Array.isArray(data) ? data[0] : data;
  for (const key of ['messages', 'message']) {
    const m = field(d, key);
    if (Array.isArray(m)) return m[0];
    if (m && typeof m === 'object') return m;
  }
  return undefined;
}

export class WablasChannel implements Channel {
  readonly provider = 'wablas' as const;
  readonly kind = 'whatsapp' as const;
  readonly capabilities = {
    lookupByReference: true,
    lookupById: true,
    attachments: false,
    needsTemplate: false,
    maxTextLength: MAX_TEXT_LENGTH.wablas,
    resendCollapses: false,
  };
  private readonly timeoutMs: number;
  private readonly auth: string;

  constructor(private readonly cfg: WablasConfig) {
    this.timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.auth = cfg.secretKey ? `${cfg.token}.${cfg.secretKey}` : cfg.token;
  }

  private get secrets() {
    return [this.cfg.token, this.cfg.secretKey, this.auth];
  }

  send(msg: OutgoingMessage): Promise<SendResult> {
    return logged(this.cfg.log, this.provider, 'send', msg.reference, async () => {
      const pre = precheck(this.provider, msg, 'phone');
      if (pre) return { ok: false, failure: pre };
      const res = await httpCall({
        method: 'POST',
        url: joinUrl(this.cfg.baseUrl, 'api/send-message'),
        headers: { Authorization: this.auth },
        form: {
          phone: msg.to.kind === 'phone' ? e164Digits(msg.to.e164) : '',
          message: msg.text,
          ref_id: msg.reference,
        },
        timeoutMs: this.timeoutMs,
        secrets: this.secrets,
      });
      return res.ok ? this.readSend(res.answer) : res;
    });
  }

  /** Wablas answers some refusals with HTTP 500 and a clear text: read the body before the status. */
  private refusal(a: HttpAnswer): ChannelFailure | null {
    const status = field(a.json, 'status');
    if (status === undefined || truthy(status)) return null;
    const text = scrub(asText(field(a.json, 'message')) ?? 'refused without a reason', this.secrets);
    return (
      classifyWablasMessage(text, a.status) ??
      (a.status >= 300
        ? failureFromHttpStatus(a.status, `wablas HTTP ${a.status}: ${text}`, a.headers.get('retry-after'))
        : failure({ reason: 'server_error', scope: 'message', httpStatus: a.status, detail: `wablas: ${text}` }))
    );
  }

  private readSend(a: HttpAnswer): SendResult {
    const refused = this.refusal(a);
    if (refused) return { ok: false, failure: refused };
    if (a.status < 200 || a.status >= 300)
      return {
        ok: false,
        failure: failureFromHttpStatus(
          a.status,
          scrub(`wablas HTTP ${a.status}: ${a.text.slice(0, 200)}`, this.secrets),
          a.headers.get('retry-after'),
        ),
      };
    if (!truthy(field(a.json, 'status'))) return { ok: false, failure: unreadableSuccess(a, this.secrets) };
    const m = firstMessage(field(a.json, 'data'));
    return {
      ok: true,
      providerMessageId: asText(field(m, 'id')) ?? null,
      providerStatus: asText(field(m, 'status')) ?? 'pending',
    };
  }

  lookup(q: LookupQuery): Promise<LookupResult> {
    return logged(this.cfg.log, this.provider, 'lookup', q.reference, async () => {
      const params = new URLSearchParams(
        q.providerMessageId ? { message_id: q.providerMessageId } : { ref_id: q.reference },
      );
      params.set('perPage', '50');
      const res = await httpCall({
        method: 'GET',
        url: `${joinUrl(this.cfg.baseUrl, 'api/report/message')}?${params}`,
        headers: { Authorization: this.auth },
        timeoutMs: this.timeoutMs,
        secrets: this.secrets,
      });
      if (!res.ok) return { kind: 'error', failure: res.failure };
      const a = res.answer;
      const refused = this.refusal(a);
      if (refused) return { kind: 'error', failure: refused };
      if (a.status < 200 || a.status >= 300)
        return {
          kind: 'error',
          failure: failureFromHttpStatus(a.status, `wablas report HTTP ${a.status}`, a.headers.get('retry-after')),
        };
      const rows = field(a.json, 'message') ?? field(a.json, 'data');
      if (!Array.isArray(rows)) return { kind: 'unknown', detail: 'wablas report without a message list' };
      const match = (r: unknown) =>
        q.providerMessageId
          ? asText(field(r, 'id')) === q.providerMessageId
          : asText(field(r, 'ref_id')) === q.reference;
      const hit = rows.find(match);
      if (!hit) {
        // Rows that do not match mean the server ignored our filter: an absence proves nothing then.
        return rows.length === 0
          ? { kind: 'not_found' }
          : { kind: 'unknown', detail: 'wablas report ignored the filter' };
      }
      const st = (asText(field(hit, 'status')) ?? '').toLowerCase();
      return {
        kind: 'found',
        providerMessageId: asText(field(hit, 'id')) ?? null,
        status: STATUS_MAP[st] ?? 'queued',
        providerStatus: st,
      };
    });
  }

  async close(): Promise<void> {}
}
