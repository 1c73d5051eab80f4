/**
 * A local SMTP server (the `smtp-server` package) that captures every message, parsed with
 * `mailparser` (subject, text, HTML, attachments, Message-ID), in one of three security modes:
 * implicit TLS (465-style), STARTTLS offered (587-style) or plain (LAN relay). Faults: temporary
 * failure of DATA (451), a permanent refusal (554), a recipient refused (550), and no answer to the
 * end of DATA (the client times out not knowing whether the message was queued).
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type net from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { FAKE_TLS } from './http-fake';

export interface CapturedMail {
  envelope: { from: string; to: string[] };
  user?: string;
  secure: boolean;
  parsed: ParsedMail;
  raw: Buffer;
}

export type SmtpFault = 'tempfail' | 'reject' | 'hang';

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

export class SmtpFake {
  readonly mails: CapturedMail[] = [];
  readonly rejectRecipients = new Set<string>();
  private readonly faults: SmtpFault[] = [];
  private server: SMTPServer | null = null;
  private waiters: Array<() => void> = [];
  port = 0;

  constructor(
    readonly opts: { security: 'implicit' | 'starttls' | 'none'; user?: string; password?: string; port?: number } = {
      security: 'starttls',
      user: 'billing@maju.net.id',
      password: 'smtp-secret',
    },
  ) {}

  /** Plays a fault on the next message's DATA. */
  fail(fault: SmtpFault): this {
    this.faults.push(fault);
    return this;
  }

  async start(): Promise<this> {
    const { security, user, password } = this.opts;
    this.server = new SMTPServer({
      secure: security === 'implicit',
      key: FAKE_TLS.key,
      cert: FAKE_TLS.cert,
      hideSTARTTLS: security === 'none',
      authOptional: !user,
      allowInsecureAuth: security === 'none',
      authMethods: ['PLAIN', 'LOGIN'],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 50,
      onAuth: (auth, _session, cb) => {
        if (auth.username === user && auth.password === password) cb(null, { user: auth.username });
        else cb(smtpError(535, 'Authentication credentials invalid'));
      },
      onRcptTo: (address: SMTPServerAddress, _session, cb) => {
        if (this.rejectRecipients.has(address.address))
          cb(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected`));
        else cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const fault = this.faults.shift();
          if (fault === 'hang') return;
          if (fault === 'tempfail') return cb(smtpError(451, '4.3.0 Temporary local problem, try again later'));
          if (fault === 'reject') return cb(smtpError(554, '5.7.1 Message rejected as spam'));
          const raw = Buffer.concat(chunks);
          void simpleParser(raw).then((parsed) => {
            this.mails.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              user: typeof session.user === 'string' ? session.user : undefined,
              secure: session.secure,
              parsed,
              raw,
            });
            for (const w of this.waiters.splice(0)) w();
            cb(null, `Ok: queued as FAKE${this.mails.length}`);
          });
        });
      },
    });
    this.server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as net.AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  async waitForMails(n: number): Promise<void> {
    while (this.mails.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }
}
