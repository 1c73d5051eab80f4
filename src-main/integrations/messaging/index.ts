/**
 * The messaging layer without a database: channel adapters behind one interface, and the pure helpers
 * (phone numbers, templates, lengths, wa.me links, throttling, catch-up relevance) the outbox worker
 * and the Pesan screen build on.
 */
import { FonnteChannel, type FonnteConfig } from './channels/fonnte';
import { MikrotikSmsChannel, type MikrotikSmsConfig } from './channels/mikrotik-sms';
import { SmtpChannel, type SmtpConfig } from './channels/smtp';
import { WablasChannel, type WablasConfig } from './channels/wablas';
import { WebPushChannel, type WebPushConfig } from './channels/web-push';
import { WhatsAppCloudChannel, type WhatsAppCloudConfig } from './channels/whatsapp-cloud';
import type { Channel } from './types';

export * from './types';
export * from './phone';
export * from './length';
export * from './wa-link';
export * from './throttle';
export * from './relevance';
export * from './templates/kinds';
export * from './templates/engine';
export * from './templates/defaults';
export { formatLongDate, formatMonth, stripWhatsAppFormatting, type Language } from './templates/format';
export { FonnteChannel, type FonnteConfig } from './channels/fonnte';
export { WablasChannel, type WablasConfig } from './channels/wablas';
export { WhatsAppCloudChannel, type WhatsAppCloudConfig } from './channels/whatsapp-cloud';
export { SmtpChannel, type SmtpConfig } from './channels/smtp';
export { MikrotikSmsChannel, type MikrotikSmsConfig } from './channels/mikrotik-sms';
export { WebPushChannel, generateVapidKeys, topicFor, type VapidKeys, type WebPushConfig } from './channels/web-push';

export type ChannelConfig =
  | ({ provider: 'fonnte' } & FonnteConfig)
  | ({ provider: 'wablas' } & WablasConfig)
  | ({ provider: 'whatsapp_cloud' } & WhatsAppCloudConfig)
  | ({ provider: 'smtp' } & SmtpConfig)
  | ({ provider: 'mikrotik_sms' } & MikrotikSmsConfig)
  | ({ provider: 'web_push' } & WebPushConfig);

/** Builds the adapter for a provider's settings (secrets already decrypted by the caller). */
export function createChannel(cfg: ChannelConfig): Channel {
  switch (cfg.provider) {
    case 'fonnte':
      return new FonnteChannel(cfg);
    case 'wablas':
      return new WablasChannel(cfg);
    case 'whatsapp_cloud':
      return new WhatsAppCloudChannel(cfg);
    case 'smtp':
      return new SmtpChannel(cfg);
    case 'mikrotik_sms':
      return new MikrotikSmsChannel(cfg);
    case 'web_push':
      return new WebPushChannel(cfg);
  }
}
