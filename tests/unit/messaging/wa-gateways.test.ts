import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FonnteChannel } from '../../../src-main/integrations/messaging/channels/fonnte';
import { WablasChannel } from '../../../src-main/integrations/messaging/channels/wablas';
import type { ChannelLogEvent, OutgoingMessage } from '../../../src-main/integrations/messaging/types';
import { closedPort } from '../../fakes/messaging/http-fake';
import { FonnteFake, WablasFake } from '../../fakes/messaging/wa-gateways';

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  reference: 'inv-1042:reminder_early',
  to: { kind: 'phone', e164: '+6281234567890' },
  text: 'Yth. *Budi*, tagihan Rp 150.000 jatuh tempo 10 Juli 2026 & bayar di https://x.id/a_b?c=1',
  ...over,
});

describe('Fonnte adapter against the local Fonnte fake', () => {
  let fake: FonnteFake;
  let logs: ChannelLogEvent[];
  let ch: FonnteChannel;
  beforeEach(async () => {
    fake = await new FonnteFake().start();
    logs = [];
    ch = new FonnteChannel({ token: fake.token, baseUrl: fake.url, timeoutMs: 10_000, log: (e) => logs.push(e) });
  });
  afterEach(() => fake.stop());

  it('sends with the raw token header and form fields, and keeps Fonnte’s message id', async () => {
    const r = await ch.send(msg());
    expect(r).toEqual({ ok: true, providerMessageId: '80367170', providerStatus: 'pending' });
    const req = fake.http.requests[0]!;
    expect(req.headers.authorization).toBe(fake.token);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.form).toEqual({ target: '6281234567890', message: msg().text, countryCode: '0' });
    expect(fake.messages).toMatchObject([{ to: '6281234567890', text: msg().text }]);
  });

  it('looks a message up by Fonnte id; by our reference alone it cannot', async () => {
    const r = await ch.send(msg());
    const id = r.ok ? r.providerMessageId : null;
    fake.setStatus(id!, 'sent');
    expect(await ch.lookup({ reference: 'inv-1042:reminder_early', providerMessageId: id })).toEqual({
      kind: 'found',
      providerMessageId: id,
      status: 'sent',
      providerStatus: 'sent',
    });
    fake.setStatus(id!, 'invalid');
    expect(await ch.lookup({ reference: 'x', providerMessageId: id })).toMatchObject({ status: 'failed' });
    expect(await ch.lookup({ reference: 'x', providerMessageId: '999' })).toEqual({ kind: 'not_found' });
    expect(await ch.lookup({ reference: 'inv-1042:reminder_early' })).toEqual({ kind: 'unsupported' });
  });

  it('retryable failures: 500, rate limit, timeout, dropped connection, phone offline, server down', async () => {
    fake.http.fail({ kind: 'status', status: 500, body: 'Internal Server Error' });
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'server_error', retryable: true, httpStatus: 500, maybeAccepted: false },
    });
    fake.http.fail({
      kind: 'status',
      status: 429,
      body: { reason: 'rate limit', status: false },
      headers: { 'Retry-After': '30' },
    });
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'rate_limited', retryable: true, scope: 'channel' },
    });
    fake.http.fail({ kind: 'hang' });
    const quick = new FonnteChannel({ token: fake.token, baseUrl: fake.url, timeoutMs: 300 });
    expect(await quick.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'timeout', retryable: true, maybeAccepted: true },
    });
    fake.http.fail({ kind: 'drop' });
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'network', retryable: true, maybeAccepted: true },
    });
    fake.http.fail({ kind: 'garbage' });
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'bad_response', maybeAccepted: true } });
    fake.deviceConnected = false;
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'device_offline', retryable: true, scope: 'channel' },
    });
    // Nothing listens there: refused before a byte left, so certainly not accepted.
    const down = new FonnteChannel({ token: fake.token, baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await down.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'network', retryable: true, maybeAccepted: false, providerCode: 'ECONNREFUSED' },
    });
  });

  it('permanent failures: invalid number (this message), bad token and no quota (the whole channel)', async () => {
    fake.invalidTargets.add('6281234567890');
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'invalid_recipient', retryable: false, scope: 'message', providerCode: 'target invalid' },
    });
    const bad = new FonnteChannel({ token: 'wrong-token-123', baseUrl: fake.url });
    expect(await bad.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'auth', retryable: false, scope: 'channel' },
    });
    fake.quotaLeft = 0;
    fake.invalidTargets.clear();
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'quota', retryable: false, scope: 'channel' },
    });
  });

  it('a wrong base URL (404, redirect) is a settings problem for the whole channel', async () => {
    const wrong = new FonnteChannel({ token: fake.token, baseUrl: `${fake.url}/api/v2` });
    expect(await wrong.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'config', httpStatus: 404, scope: 'channel' },
    });
    fake.http.fail({ kind: 'status', status: 301, headers: { Location: 'https://elsewhere.example/' } });
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'config', httpStatus: 301 } });
    const wablas = await new WablasFake().start();
    const w = new WablasChannel({ baseUrl: `${wablas.url}/v2`, token: wablas.token });
    expect(await w.send(msg())).toMatchObject({ ok: false, failure: { reason: 'config', httpStatus: 404 } });
    await wablas.stop();
  });

  it('refuses before sending what cannot work, and never logs the token or the text', async () => {
    expect(await ch.send(msg({ to: { kind: 'email', address: 'a@b.id' } }))).toMatchObject({
      ok: false,
      failure: { reason: 'invalid_recipient' },
    });
    expect(await ch.send(msg({ reference: 'has space' }))).toMatchObject({
      ok: false,
      failure: { reason: 'message_rejected' },
    });
    expect(fake.http.requests).toHaveLength(0);
    await ch.send(msg());
    fake.http.fail({ kind: 'status', status: 500, body: `boom ${fake.token}` });
    const r = await ch.send(msg());
    const all = JSON.stringify([logs, r]);
    expect(all).not.toContain(fake.token);
    expect(all).not.toContain('Budi');
    expect(logs.map((l) => [l.op, l.ok])).toEqual([
      ['send', false],
      ['send', false],
      ['send', true],
      ['send', false],
    ]);
  });
});

describe('Wablas adapter against the local Wablas fake', () => {
  let fake: WablasFake;
  let ch: WablasChannel;
  beforeEach(async () => {
    fake = await new WablasFake().start();
    ch = new WablasChannel({ baseUrl: fake.url, token: fake.token, secretKey: fake.secretKey, timeoutMs: 10_000 });
  });
  afterEach(() => fake.stop());

  it('sends with token.secret and our reference as ref_id', async () => {
    const r = await ch.send(msg());
    expect(r).toMatchObject({ ok: true, providerStatus: 'pending' });
    expect(r.ok && r.providerMessageId).toBe(fake.messages[0]!.id);
    const req = fake.http.requests[0]!;
    expect(req.path).toBe('/api/send-message');
    expect(req.headers.authorization).toBe(`${fake.token}.${fake.secretKey}`);
    expect(req.form).toEqual({ phone: '6281234567890', message: msg().text, ref_id: 'inv-1042:reminder_early' });
  });

  it('after a crash it finds the message by our reference, or proves it is not there', async () => {
    expect(await ch.lookup({ reference: 'inv-1042:reminder_early' })).toEqual({ kind: 'not_found' });
    fake.http.fail({ kind: 'dropAfter' }); // the request reached Wablas, the answer was lost
    await ch.send(msg());
    const [m] = fake.messages;
    expect(await ch.lookup({ reference: 'inv-1042:reminder_early' })).toEqual({
      kind: 'found',
      providerMessageId: m!.id,
      status: 'queued',
      providerStatus: 'pending',
    });
    fake.setStatus(m!.id, 'read');
    expect(await ch.lookup({ reference: 'x', providerMessageId: m!.id })).toMatchObject({
      kind: 'found',
      status: 'read',
    });
    expect(fake.http.requests.at(-1)!.query.get('message_id')).toBe(m!.id);
  });

  it('a report that ignores the filter proves nothing: unknown, not not_found', async () => {
    await ch.send(msg({ reference: 'other-message' }));
    fake.ignoreReportFilter = true;
    expect(await ch.lookup({ reference: 'inv-1042:reminder_early' })).toMatchObject({ kind: 'unknown' });
  });

  it('reads a token refusal sent as HTTP 500 as an auth problem, not a server error', async () => {
    const bad = new WablasChannel({ baseUrl: fake.url, token: 'nope-nope' });
    expect(await bad.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'auth', httpStatus: 500, retryable: false },
    });
    expect(await bad.lookup({ reference: 'r' })).toMatchObject({ kind: 'error', failure: { reason: 'auth' } });
  });

  it('classifies invalid numbers, quota, offline phone, 5xx, 429 and timeouts', async () => {
    fake.invalidPhones.add('6281234567890');
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'invalid_recipient', retryable: false },
    });
    fake.invalidPhones.clear();
    fake.deviceConnected = false;
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'device_offline', retryable: true } });
    fake.deviceConnected = true;
    fake.quota = 0;
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'quota', scope: 'channel' } });
    fake.quota = 10;
    fake.http.fail({ kind: 'status', status: 503, body: '<html>down</html>' });
    expect(await ch.send(msg())).toMatchObject({ ok: false, failure: { reason: 'server_error', retryable: true } });
    fake.http.fail({ kind: 'status', status: 429, body: '', headers: { 'Retry-After': '12' } });
    expect(await ch.send(msg())).toMatchObject({
      ok: false,
      failure: { reason: 'rate_limited', retryAfterMs: 12_000 },
    });
    fake.http.fail({ kind: 'hang' });
    const quick = new WablasChannel({ baseUrl: fake.url, token: fake.token, timeoutMs: 300 });
    expect(await quick.send(msg())).toMatchObject({ ok: false, failure: { reason: 'timeout', maybeAccepted: true } });
    expect(await ch.send(msg({ text: 'x'.repeat(1025) }))).toMatchObject({
      ok: false,
      failure: { reason: 'message_rejected' },
    });
  });
});
