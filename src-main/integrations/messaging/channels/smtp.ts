/**
 * E-mail over SMTP with nodemailer: a pooled connection (one at a time, as small ISPs' mail hosts
 * throttle), TLS on 465 or STARTTLS on 587 (required, not opportunistic) or plain on a trusted LAN
 * relay, attachments such as the invoice PDF. The Message-ID is built from our reference, so a resend
 * after a crash carries the same id and mail clients that de-duplicate (Gmail does) show it once.
 * SMTP only says "accepted for delivery": there is nothing to look up afterwards.
 */
import { isIP } from 'node:net';
import type nodemailer from 'nodemailer';
import type { NodemailerError, SMTPTransportOptions, Transporter } from 'nodemailer';
import { lazyRequire } from '../../../lazy-require';
import { failure, scrub } from '../failures';
import { MAX_TEXT_LENGTH } from '../length';
import type { Channel, ChannelFailure, ChannelLog, LookupResult, OutgoingMessage, SendResult } from '../types';
import { DEFAULT_TIMEOUT_MS, logged, precheck } from './common';

/** Loaded on first use (lazy-require.ts). */
const mailer = lazyRequire<typeof nodemailer>('nodemailer');

export interface SmtpConfig {
  host: string;
  port: number;
  /** implicit: TLS from the first byte (465) · starttls: upgrade required (587) · none: trusted LAN relay. */
  security: 'implicit' | 'starttls' | 'none';
  user?: string;
  password?: string;
  from: { address: string; name?: string };
  replyTo?: string;
  /** PEM of the CA of a self-signed office mail server. */
  ca?: string;
  /** Default true; false only for a LAN server whose certificate cannot be fixed. */
  verifyCertificate?: boolean;
  timeoutMs?: number;
  log?: ChannelLog;
}

const CONNECT_CODES = new Set(['ECONNECTION', 'EDNS', 'ECONFIG', 'EPROXY', 'ENOAUTH']);

export function classifySmtpError(err: unknown, secrets: ReadonlyArray<string | undefined>): ChannelFailure {
  const e = (err ?? {}) as NodemailerError;
  const code = e.code ?? '';
  const rc = e.responseCode;
  const detail = scrub(
    `smtp ${code}${rc ? ` ${rc}` : ''}${e.command ? ` at ${e.command}` : ''}: ${e.response ?? e.message ?? String(err)}`,
    secrets,
  );
  const base = { detail, providerCode: rc ? String(rc) : code || undefined };
  if (code === 'EAUTH' || code === 'ENOAUTH' || rc === 535 || rc === 534 || rc === 530)
    return failure({ reason: 'auth', ...base });
  if (code === 'ETLS' || e.originalCode?.includes('CERT')) return failure({ reason: 'config', ...base });
  if (rc) {
    if (code === 'EENVELOPE' && e.permanent && /^RCPT/i.test(e.command ?? ''))
      return failure({ reason: 'invalid_recipient', ...base });
    if (rc === 421) return failure({ reason: 'server_error', ...base });
    if (rc === 450 || rc === 451 || rc === 452 || e.permanent === false)
      return failure({ reason: 'server_error', scope: 'message', ...base });
    if (rc === 550 || rc === 551 || rc === 553) return failure({ reason: 'invalid_recipient', ...base });
    return failure({ reason: 'message_rejected', ...base });
  }
  if (code === 'ETIMEDOUT') {
    // A timeout while connecting or greeting happened before the message left; an idle-socket
    // timeout mid-transaction may hide a server that queued it.
    const early =
      e.timeoutType === 'CONNECT_TIMEOUT' ||
      e.timeoutType === 'GREETING_TIMEOUT' ||
      e.timeoutType === 'UPGRADE_TIMEOUT';
    return failure({ reason: 'timeout', maybeAccepted: !early, ...base });
  }
  if (CONNECT_CODES.has(code) || e.command === 'CONN') return failure({ reason: 'network', ...base });
  return failure({ reason: 'network', maybeAccepted: true, ...base });
}

export class SmtpChannel implements Channel {
  readonly provider = 'smtp' as const;
  readonly kind = 'email' as const;
  readonly capabilities = {
    lookupByReference: false,
    lookupById: false,
    attachments: true,
    needsTemplate: false,
    maxTextLength: MAX_TEXT_LENGTH.smtp,
    resendCollapses: false,
  };
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly cfg: SmtpConfig) {
    const timeout = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const options: SMTPTransportOptions = {
      host: cfg.host,
      port: cfg.port,
      secure: cfg.security === 'implicit',
      requireTLS: cfg.security === 'starttls',
      ignoreTLS: cfg.security === 'none',
      auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
      tls: {
        ca: cfg.ca,
        rejectUnauthorized: cfg.verifyCertificate ?? true,
        minVersion: 'TLSv1.2',
        servername: isIP(cfg.host) ? undefined : cfg.host,
      },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    };
    this.transport = mailer().createTransport({ ...options, pool: true, maxConnections: 1, maxMessages: 100 });
    this.domain = cfg.from.address.split('@')[1] || 'pppoe-desk.local';
  }

  private get secrets() {
    return [
      this.cfg.password,
      this.cfg.user && this.cfg.password ? `${this.cfg.user}:${this.cfg.password}` : undefined,
    ];
  }

  send(msg: OutgoingMessage): Promise<SendResult> {
    return logged(this.cfg.log, this.provider, 'send', msg.reference, async () => {
      const pre = precheck(this.provider, msg, 'email');
      if (pre) return { ok: false, failure: pre };
      if (msg.to.kind !== 'email')
        return { ok: false, failure: failure({ reason: 'invalid_recipient', detail: 'no address' }) };
      if (!msg.subject?.trim())
        return { ok: false, failure: failure({ reason: 'message_rejected', detail: 'e-mail without a subject' }) };
      try {
        const info = await this.transport.sendMail({
          from: { name: this.cfg.from.name ?? '', address: this.cfg.from.address },
          to: { name: msg.to.name ?? '', address: msg.to.address },
          replyTo: this.cfg.replyTo,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          attachments: msg.attachments?.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
          messageId: `<${msg.reference}@${this.domain}>`,
          headers: { 'X-PPPoE-Desk-Reference': msg.reference },
        });
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length)
          return {
            ok: false,
            failure: failure({
              reason: 'invalid_recipient',
              detail: scrub(`smtp rejected ${rejected.length} recipient(s)`, this.secrets),
            }),
          };
        return {
          ok: true,
          providerMessageId: info.messageId ?? null,
          providerStatus: String(info.response ?? '').slice(0, 120),
        };
      } catch (err) {
        return { ok: false, failure: classifySmtpError(err, this.secrets) };
      }
    });
  }

  async lookup(): Promise<LookupResult> {
    return { kind: 'unsupported' };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
