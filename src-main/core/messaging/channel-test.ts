/**
 * "Kirim uji" in Settings: the settings as typed (not saved; a secret left out means the stored one) are
 * tried with one short message to an address staff give, and the provider's answer is shown as it came.
 * Nothing of the channel is written; the try is audited (without secrets or text).
 */
import type { ChannelInput } from '../../../src-shared/contract/messaging';
import { badInput } from '../../../src-shared/result';
import { findChannel } from '../../data/messaging/config.repository';
import { createChannel, normalizeIndonesianPhone, type OutgoingMessage } from '../../integrations/messaging';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { channelConfig, checkChannelInput, mergeSecrets, splitSettings } from './channels';

/** The test text, in the ISP's language (customer-facing text lives with the templates, like this one). */
const TEST_TEXT = {
  id: (isp: string) => `Pesan uji dari ${isp}: kanal ini sudah bisa mengirim.`,
  en: (isp: string) => `Test message from ${isp}: this channel can send.`,
};
const TEST_SUBJECT = { id: 'Pesan uji', en: 'Test message' };
/** Every WhatsApp Business account starts with Meta's approved `hello_world` template (en_US, no parameters). */
const CLOUD_TEST_TEMPLATE = { name: 'hello_world', language: 'en_US', bodyParams: [] };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function testChannel(call: CallContext, input: ChannelInput & { to: string }) {
  const { app } = call;
  checkChannelInput(app, input);
  const settings = getSettings(app);
  const lang = settings.language;
  const reference = `test-${app.clock.now().getTime()}`;
  let msg: OutgoingMessage;
  if (input.channel === 'email') {
    if (!EMAIL.test(input.to)) throw badInput('to', 'Test recipient must be an e-mail address');
    msg = {
      reference,
      to: { kind: 'email', address: input.to },
      subject: `${TEST_SUBJECT[lang]} · ${settings.ispName}`,
      text: TEST_TEXT[lang](settings.ispName),
    };
  } else {
    const phone = normalizeIndonesianPhone(input.to);
    if (!phone.ok) throw badInput('to', 'Test recipient must be a mobile number (08…, 628… or +628…)');
    msg = { reference, to: { kind: 'phone', e164: phone.e164 }, text: TEST_TEXT[lang](settings.ispName) };
    if (input.settings.provider === 'whatsapp_cloud') msg.template = CLOUD_TEST_TEMPLATE;
  }

  const before = findChannel(app.sqlite, input.channel);
  const { fields, secrets: typed } = splitSettings(input.settings);
  const secrets = mergeSecrets(app, before, input.settings, typed);
  const channel = createChannel(channelConfig(app, input.settings.provider, fields, secrets));
  try {
    const r = await channel.send(msg);
    const answer = r.ok
      ? {
          ok: true,
          providerMessageId: r.providerMessageId,
          providerStatus: r.providerStatus ?? null,
          reason: null,
          detail: null,
        }
      : {
          ok: false,
          providerMessageId: null,
          providerStatus: null,
          reason: r.failure.reason,
          detail: r.failure.detail,
        };
    app.sqlite.transaction(() =>
      writeAudit(call, {
        action: 'messages.channel.test',
        entity: 'message_channel',
        entityId: input.channel,
        after: { provider: input.settings.provider, ok: answer.ok, reason: answer.reason },
      }),
    )();
    return answer;
  } finally {
    await channel.close();
  }
}
