/**
 * A local WhatsApp Cloud API: `POST /{version}/{phone-number-id}/messages` with a bearer token,
 * approved templates with a fixed number of body parameters, and Meta's error envelope and codes.
 * Like the real API it accepts a number that is not on WhatsApp and fails it later (a webhook would
 * say 131026), so `undeliverable` numbers are accepted and recorded as failed.
 */
import { randomBytes } from 'node:crypto';
import type { FakeReply, FakeRequest } from './http-fake';
import { HttpProviderFake } from './provider-fake';

export interface FakeTemplate {
  name: string;
  language: string;
  bodyParams: number;
  status: 'APPROVED' | 'PAUSED' | 'DISABLED';
}

export interface CloudMessage {
  id: string;
  to: string;
  template: string;
  language: string;
  params: string[];
  reference?: string;
  status: 'accepted' | 'failed';
}

const metaError = (status: number, code: number, message: string, details?: string): FakeReply => ({
  status,
  body: {
    error: {
      message: `(#${code}) ${message}`,
      type: code === 190 ? 'OAuthException' : 'OAuthException',
      code,
      ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  },
});

export class WhatsAppCloudFake extends HttpProviderFake {
  readonly messages: CloudMessage[] = [];
  readonly templates = new Map<string, FakeTemplate>();
  readonly undeliverable = new Set<string>();

  constructor(
    readonly accessToken = 'EAAG-test-token',
    readonly phoneNumberId = '106540352242922',
    port = 0,
  ) {
    super({ port });
  }

  addTemplate(t: Omit<FakeTemplate, 'status'> & { status?: FakeTemplate['status'] }) {
    this.templates.set(`${t.name}/${t.language}`, { status: 'APPROVED', ...t });
    return this;
  }

  protected override route(r: FakeRequest): FakeReply {
    const m = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(r.path);
    if (r.method !== 'POST' || !m) return metaError(400, 100, 'Unsupported request - method type: get');
    if (r.headers.authorization !== `Bearer ${this.accessToken}`)
      return {
        status: 401,
        body: {
          error: {
            message: 'Invalid OAuth access token - Cannot parse access token',
            type: 'OAuthException',
            code: 190,
            fbtrace_id: 'x',
          },
        },
      };
    if (decodeURIComponent(m[2]!) !== this.phoneNumberId)
      return metaError(400, 100, `Unsupported post request. Object with ID '${m[2]}' does not exist`);
    const body = r.json as Record<string, unknown> | undefined;
    if (!body || body.messaging_product !== 'whatsapp')
      return metaError(400, 100, 'The parameter messaging_product is required.');
    const to = String(body.to ?? '');
    if (!/^\d{8,15}$/.test(to)) return metaError(400, 100, 'Invalid parameter', 'Invalid phone number: to');
    if (body.type !== 'template')
      return metaError(
        400,
        131047,
        'Re-engagement message',
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      );
    const t = body.template as {
      name?: string;
      language?: { code?: string };
      components?: Array<{ type: string; parameters?: Array<{ text?: string }> }>;
    };
    const tpl = this.templates.get(`${t?.name}/${t?.language?.code}`);
    if (!tpl)
      return metaError(
        404,
        132001,
        'Template name does not exist in the translation',
        `template name (${t?.name}) does not exist in ${t?.language?.code}`,
      );
    if (tpl.status === 'PAUSED') return metaError(400, 132015, 'Template is Paused');
    if (tpl.status === 'DISABLED') return metaError(400, 132016, 'Template is Disabled');
    const params = (t.components ?? [])
      .filter((c) => c.type === 'body')
      .flatMap((c) => c.parameters ?? [])
      .map((p) => String(p.text ?? ''));
    if (params.length !== tpl.bodyParams)
      return metaError(
        400,
        132000,
        'Number of parameters does not match the expected number of params',
        `body: number of localizable_params (${params.length}) does not match the expected number of params (${tpl.bodyParams})`,
      );
    const id = `wamid.${randomBytes(24).toString('base64url')}`;
    this.messages.push({
      id,
      to,
      template: tpl.name,
      language: tpl.language,
      params,
      reference: typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : undefined,
      status: this.undeliverable.has(to) ? 'failed' : 'accepted',
    });
    return {
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id, message_status: 'accepted' }],
      },
    };
  }

  /** Meta's answers for the failures a worker must survive. */
  static readonly errors = {
    rateLimit: metaError(429, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'),
    pairRateLimit: metaError(400, 131056, '(Business Account, Consumer Account) pair rate limit hit'),
    somethingWentWrong: metaError(500, 131000, 'Something went wrong'),
    serviceUnavailable: metaError(503, 2, 'Service temporarily unavailable'),
  };
}
