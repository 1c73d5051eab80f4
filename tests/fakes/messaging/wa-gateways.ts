/**
 * Local stand-ins for the Fonnte and Wablas WhatsApp gateways: their real paths, auth headers and
 * answers (see the adapters for the sources), plus the failures a real gateway produces. What they
 * return for a rate limit or a disconnected device is not documented: those texts are ours.
 */
import { randomUUID } from 'node:crypto';
import type { FakeReply, FakeRequest } from './http-fake';
import { HttpProviderFake } from './provider-fake';

export interface GatewayMessage {
  id: string;
  to: string;
  text: string;
  refId?: string;
  status: string;
  at: number;
}

const digitsOk = (s: string) => /^62\d{8,13}$/.test(s);

/** Fonnte and Wablas keep what they accepted; a test then says what the phone did with each message. */
abstract class TextGatewayFake extends HttpProviderFake {
  readonly messages: GatewayMessage[] = [];

  /** What the phone did with a message: `sent`, `invalid`, … */
  setStatus(id: string, status: string) {
    const m = this.messages.find((x) => x.id === id);
    if (m) m.status = status;
  }
}

export class FonnteFake extends TextGatewayFake {
  /** Numbers Fonnte refuses as `target invalid`. */
  readonly invalidTargets = new Set<string>();
  quotaLeft = Infinity;
  deviceConnected = true;
  private nextId = 80_367_170;

  constructor(
    readonly token = 'fonnte-test-token',
    port = 0,
  ) {
    super({ port });
  }

  protected override route(r: FakeRequest): FakeReply {
    if (r.headers.authorization !== this.token) return { body: { reason: 'token invalid', status: false } };
    if (r.method === 'POST' && r.path === '/send') return this.send(r);
    if (r.method === 'POST' && r.path === '/status') return this.status(r);
    return { status: 404, body: { reason: 'not found', status: false } };
  }

  private send(r: FakeRequest): FakeReply {
    const { target = '', message = '', countryCode = '62' } = r.form;
    if (!target || (!message && !r.form.url)) return { body: { reason: 'input invalid', status: false } };
    if (!this.deviceConnected) return { body: { reason: 'device disconnected', status: false } };
    if (this.quotaLeft <= 0) return { body: { reason: 'insufficient quota', status: false } };
    const to = countryCode !== '0' && target.startsWith('0') ? countryCode + target.slice(1) : target;
    if (!digitsOk(to) || this.invalidTargets.has(to)) return { body: { reason: 'target invalid', status: false } };
    this.quotaLeft--;
    const id = String(this.nextId++);
    this.messages.push({ id, to, text: message, status: 'pending', at: Date.now() });
    return {
      body: {
        detail: 'success! message in queue',
        id: [id],
        process: 'pending',
        requestid: this.nextId * 3,
        status: true,
        target: [to],
      },
    };
  }

  private status(r: FakeRequest): FakeReply {
    if (!r.form.id) return { body: { reason: 'id required', status: false } };
    const m = this.messages.find((x) => x.id === r.form.id);
    if (!m) return { body: { reason: 'message not found', status: false } };
    return { body: { id: Number(m.id), message_status: m.status, status: true } };
  }
}

export class WablasFake extends TextGatewayFake {
  readonly invalidPhones = new Set<string>();
  quota = 1_000;
  deviceConnected = true;
  /** Simulates a server that ignores `ref_id` / `message_id` and lists everything. */
  ignoreReportFilter = false;

  constructor(
    readonly token = 'wablas-test-token',
    readonly secretKey = 'wablas-secret',
    port = 0,
  ) {
    super({ port });
  }

  protected override route(r: FakeRequest): FakeReply {
    const auth = r.headers.authorization;
    // Observed in the wild: an invalid token comes back as HTTP 500 with a readable body.
    if (auth !== `${this.token}.${this.secretKey}` && auth !== this.token)
      return { status: 500, body: { status: false, message: 'token invalid or device expired' } };
    if (r.method === 'POST' && r.path === '/api/send-message') return this.send(r);
    if (r.method === 'GET' && r.path === '/api/report/message') return this.report(r);
    return { status: 404, body: { status: false, message: 'not found' } };
  }

  private send(r: FakeRequest): FakeReply {
    const { phone = '', message = '', ref_id: refId } = r.form;
    if (!phone || !message) return { body: { status: false, message: 'phone and message required' } };
    if (message.length > 1024) return { body: { status: false, message: 'maximum character is 1024' } };
    if (!this.deviceConnected) return { body: { status: false, message: 'device disconnected, please scan qr code' } };
    if (this.quota <= 0) return { body: { status: false, message: 'your quota has run out' } };
    const to = phone.startsWith('0') ? `62${phone.slice(1)}` : phone;
    if (!digitsOk(to) || this.invalidPhones.has(to))
      return { body: { status: false, message: 'phone number invalid' } };
    this.quota--;
    const m: GatewayMessage = { id: randomUUID(), to, text: message, refId, status: 'pending', at: Date.now() };
    this.messages.push(m);
    return {
      body: {
        status: true,
        message: 'Message is pending and waiting to be processed',
        data: {
          device_id: 'FAKE01',
          quota: this.quota,
          messages: [{ id: m.id, phone: to, message, status: 'pending', ref_id: refId ?? null }],
        },
      },
    };
  }

  private report(r: FakeRequest): FakeReply {
    const ref = r.query.get('ref_id');
    const id = r.query.get('message_id');
    const rows = this.messages.filter(
      (m) => this.ignoreReportFilter || ((!ref || m.refId === ref) && (!id || m.id === id)),
    );
    return {
      body: {
        status: true,
        totalData: rows.length,
        perPage: r.query.get('perPage') ?? '10',
        page: '1',
        totalPage: 1,
        message: rows.map((m) => ({
          id: m.id,
          phone: { from: '6285867765107', to: m.to },
          category: 'text',
          text: m.text,
          status: m.status,
          type: 'agent',
          ref_id: m.refId ?? null,
          date: { created_at: new Date(m.at).toISOString(), updated_at: new Date(m.at).toISOString() },
        })),
      },
    };
  }
}
