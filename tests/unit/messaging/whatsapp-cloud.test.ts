import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WhatsAppCloudChannel } from '../../../src-main/integrations/messaging/channels/whatsapp-cloud';
import { cloudTemplateParams } from '../../../src-main/integrations/messaging/templates/engine';
import type { OutgoingMessage } from '../../../src-main/integrations/messaging/types';
import { WhatsAppCloudFake } from '../../fakes/messaging/wa-cloud-fake';

const values = { name: 'Budi Santoso', amount: 150_000, dueDate: '2026-07-10', period: '2026-07' };
const params = cloudTemplateParams('reminder_final', ['nama', 'periode', 'jumlah', 'jatuh_tempo'], values, {
  lang: 'id',
  tz: 'Asia/Jakarta',
});

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  reference: 'inv-77:reminder_final',
  to: { kind: 'phone', e164: '+6281234567890' },
  text: '',
  template: { name: 'pengingat_h1', language: 'id', bodyParams: params.ok ? params.params : [] },
  ...over,
});

describe('WhatsApp Cloud API adapter against the local Graph fake', () => {
  let fake: WhatsAppCloudFake;
  let ch: WhatsAppCloudChannel;
  beforeEach(async () => {
    fake = await new WhatsAppCloudFake().start();
    fake.addTemplate({ name: 'pengingat_h1', language: 'id', bodyParams: 4 });
    ch = new WhatsAppCloudChannel({
      accessToken: fake.accessToken,
      phoneNumberId: fake.phoneNumberId,
      baseUrl: fake.url,
      timeoutMs: 10_000,
    });
  });
  afterEach(() => fake.stop());

  it('sends an approved template with a bearer token and gets the wamid back', async () => {
    const r = await ch.send(msg());
    expect(r).toMatchObject({ ok: true, providerStatus: 'accepted' });
    expect(r.ok && r.providerMessageId).toMatch(/^wamid\./);
    const req = fake.http.requests[0]!;
    expect(req.path).toBe(`/v21.0/${fake.phoneNumberId}/messages`);
    expect(req.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
    expect(req.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      type: 'template',
      template: {
        name: 'pengingat_h1',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: ['Budi Santoso', 'Juli 2026', 'Rp 150.000', '10 Juli 2026'].map((text) => ({
              type: 'text',
              text,
            })),
          },
        ],
      },
      biz_opaque_callback_data: 'inv-77:reminder_final',
    });
    expect(await ch.lookup()).toEqual({ kind: 'unsupported' });
  });

  it('template problems are permanent for the message', async () => {
    expect(await ch.send(msg({ template: { name: 'tidak_ada', language: 'id', bodyParams: [] } }))).toMatchObject({
      ok: false,
      failure: {
        reason: 'template_rejected',
        providerCode: '132001',
        httpStatus: 404,
        retryable: false,
        scope: 'message',
      },
    });
    expect(await ch.send(msg({ template: { name: 'pengingat_h1', language: 'id', bodyParams: ['a'] } }))).toMatchObject(
      {
        ok: false,
        failure: { reason: 'template_rejected', providerCode: '132000' },
      },
    );
    fake.addTemplate({ name: 'pengingat_h1', language: 'id', bodyParams: 4, status: 'PAUSED' });
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'template_rejected', providerCode: '132015' },
    });
    expect(await ch.send(msg({ template: undefined, text: 'free text' }))).toMatchObject({
      ok: false,
      failure: { reason: 'template_rejected', retryable: false },
    });
  });

  it('a bad token or phone number id stops the channel; an invalid number fails the message', async () => {
    const bad = new WhatsAppCloudChannel({
      accessToken: 'expired-token',
      phoneNumberId: fake.phoneNumberId,
      baseUrl: fake.url,
    });
    expect(await bad.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'auth', providerCode: '190', httpStatus: 401, scope: 'channel', retryable: false },
    });
    const wrongId = new WhatsAppCloudChannel({
      accessToken: fake.accessToken,
      phoneNumberId: '123',
      baseUrl: fake.url,
    });
    expect(await wrongId.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'message_rejected', providerCode: '100' },
    });
    fake.http.fail({ kind: 'status', ...WhatsAppCloudFake.errors.pairRateLimit } as never);
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'rate_limited', scope: 'message', retryable: true },
    });
  });

  it('rate limits and Meta outages are retryable', async () => {
    fake.http.fail({
      kind: 'status',
      ...WhatsAppCloudFake.errors.rateLimit,
      headers: { 'Retry-After': '60' },
    } as never);
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'rate_limited', providerCode: '130429', httpStatus: 429, retryable: true, scope: 'channel' },
    });
    fake.http.fail({ kind: 'status', ...WhatsAppCloudFake.errors.somethingWentWrong } as never);
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'server_error', providerCode: '131000', retryable: true },
    });
    fake.http.fail({ kind: 'status', ...WhatsAppCloudFake.errors.serviceUnavailable } as never);
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'server_error', providerCode: '2' } });
    fake.http.fail({ kind: 'hang' });
    const quick = new WhatsAppCloudChannel({
      accessToken: fake.accessToken,
      phoneNumberId: fake.phoneNumberId,
      baseUrl: fake.url,
      timeoutMs: 300,
    });
    expect(await quick.send(msg())).toMatchObject({ ok: false, failure: { reason: 'timeout', maybeAccepted: true } });
    expect(fake.messages).toHaveLength(0);
    expect(await ch.send(msg())).toMatchObject({ ok: true });
  });

  it('the token never appears in a failure', async () => {
    fake.http.fail({
      kind: 'status',
      status: 400,
      body: { error: { message: `bad token ${fake.accessToken}`, code: 99999 } },
    });
    const r = await ch.send(msg());
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(fake.accessToken);
  });
});
