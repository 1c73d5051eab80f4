/**
 * "Kirim uji" of the push section: one short notice to one device of a customer, with the stored VAPID
 * keys and the contact as typed, and the push service's answer shown as it came. A device the service
 * calls gone is removed, as the worker would. Audited (without the endpoint).
 */
import { notFound } from '../../../src-shared/result';
import { findSubscription } from '../../data/messaging/push.repository';
import { WebPushChannel } from '../../integrations/messaging';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { removeGoneDevice, serviceOf } from './push-devices';
import { ensurePushChannel, PUSH_CHANNEL, webPushConfig } from './push';

const TEST = {
  id: { title: 'Notifikasi uji', body: (isp: string) => `Notifikasi dari ${isp} sudah aktif di perangkat ini.` },
  en: { title: 'Test notice', body: (isp: string) => `Notices from ${isp} now reach this device.` },
};

export async function testPush(call: CallContext, input: { subscriptionId: number; subject?: string | undefined }) {
  const { app } = call;
  const sub = findSubscription(app.sqlite, input.subscriptionId);
  if (!sub) throw notFound('Device');
  const row = ensurePushChannel(call);
  const settings = getSettings(app);
  const text = TEST[settings.language];
  const channel = new WebPushChannel(webPushConfig(app, row, input.subject || undefined));
  try {
    const r = await channel.send({
      reference: `test-${app.clock.now().getTime()}`,
      to: { kind: 'push', subscription: { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } } },
      text: text.body(settings.ispName),
      push: { title: text.title, url: '/', ttlSeconds: 600 },
    });
    const removed = !r.ok && r.failure.reason === 'recipient_gone';
    if (removed) removeGoneDevice(app, sub, r.failure.httpStatus);
    const answer = r.ok
      ? {
          ok: true,
          providerMessageId: r.providerMessageId,
          providerStatus: r.providerStatus ?? null,
          reason: null,
          detail: null,
          removed,
        }
      : {
          ok: false,
          providerMessageId: null,
          providerStatus: r.failure.httpStatus ? String(r.failure.httpStatus) : null,
          reason: r.failure.reason,
          detail: r.failure.detail,
          removed,
        };
    app.sqlite.transaction(() =>
      writeAudit(call, {
        action: 'messages.push.test',
        entity: 'message_channel',
        entityId: PUSH_CHANNEL,
        after: { customerId: sub.customerId, service: serviceOf(sub.endpoint), ok: answer.ok, reason: answer.reason },
      }),
    )();
    return answer;
  } finally {
    await channel.close();
  }
}
