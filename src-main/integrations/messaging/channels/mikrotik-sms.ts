/**
 * SMS through a MikroTik router with an LTE modem: `/tool/sms/send` with `port`, `phone-number` and
 * `message` over our RouterOS client (the RouterOS SMS manual, help.mikrotik.com/docs/display/ROS/SMS).
 * The modem sends GSM-7 only (no UCS-2, no emoji) and one SMS of at most 160 characters, so texts are
 * checked before they leave. RouterOS confirms only that the modem took the message: no delivery
 * report, nothing to look up.
 */
import { RouterError, type RouterClient } from '../../../routeros/client';
import { failure, scrub } from '../failures';
import { MAX_TEXT_LENGTH } from '../length';
import type { Channel, ChannelFailure, ChannelLog, LookupResult, OutgoingMessage, SendResult } from '../types';
import { logged, precheck } from './common';

export interface MikrotikSmsConfig {
  /** The router's client, e.g. `pool.client(routerId)` (connection, login and reconnects are the pool's). */
  client: RouterClient;
  /** The modem interface, e.g. `lte1`. */
  port: string;
  /** Modem channel, for modems that need one. */
  channel?: number;
  /** A modem can take several seconds per SMS; default 30 s. */
  timeoutMs?: number;
  log?: ChannelLog;
}

export function classifyRouterError(err: unknown): ChannelFailure {
  if (!(err instanceof RouterError))
    return failure({ reason: 'network', maybeAccepted: true, detail: scrub(`router: ${String(err)}`, []) });
  const detail = scrub(`router ${err.kind}: ${err.message}`, []);
  switch (err.kind) {
    case 'unreachable':
      return failure({ reason: 'network', detail });
    case 'auth':
      return failure({ reason: 'auth', detail });
    case 'timeout':
      // The command reached the router; the modem may still send it.
      return failure({ reason: 'timeout', maybeAccepted: true, detail });
    case 'closed':
    case 'fatal':
      return failure({ reason: 'network', maybeAccepted: true, detail });
    case 'protocol':
      return failure({ reason: 'bad_response', maybeAccepted: true, detail });
    case 'trap': {
      const m = err.message.toLowerCase();
      // No SMS tool (no LTE package / modem) or a wrong interface name: our settings, not this message.
      if (/no such command|does not match any value of (port|interface)|no such item/.test(m))
        return failure({ reason: 'config', providerCode: err.message.slice(0, 80), detail });
      if (/phone-number/.test(m))
        return failure({ reason: 'invalid_recipient', providerCode: err.message.slice(0, 80), detail });
      if (/message|too long|gsm/.test(m))
        return failure({ reason: 'message_rejected', providerCode: err.message.slice(0, 80), detail });
      // Modem busy, no signal, SIM without credit: the modem refused, nothing was sent; try later.
      return failure({ reason: 'device_offline', providerCode: err.message.slice(0, 80), detail });
    }
  }
}

export class MikrotikSmsChannel implements Channel {
  readonly provider = 'mikrotik_sms' as const;
  readonly kind = 'sms' as const;
  readonly capabilities = {
    lookupByReference: false,
    lookupById: false,
    attachments: false,
    needsTemplate: false,
    maxTextLength: MAX_TEXT_LENGTH.mikrotik_sms,
    resendCollapses: false,
  };

  constructor(private readonly cfg: MikrotikSmsConfig) {}

  send(msg: OutgoingMessage): Promise<SendResult> {
    return logged(this.cfg.log, this.provider, 'send', msg.reference, async () => {
      const pre = precheck(this.provider, msg, 'phone');
      if (pre) return { ok: false, failure: pre };
      try {
        await this.cfg.client.run(
          '/tool/sms/send',
          {
            port: this.cfg.port,
            'phone-number': msg.to.kind === 'phone' ? msg.to.e164 : '',
            message: msg.text,
            channel: this.cfg.channel,
          },
          { timeoutMs: this.cfg.timeoutMs ?? 30_000 },
        );
        return { ok: true, providerMessageId: null, providerStatus: 'submitted to modem' };
      } catch (err) {
        return { ok: false, failure: classifyRouterError(err) };
      }
    });
  }

  async lookup(): Promise<LookupResult> {
    return { kind: 'unsupported' };
  }

  /** The router client belongs to the pool; nothing to release here. */
  async close(): Promise<void> {}
}
