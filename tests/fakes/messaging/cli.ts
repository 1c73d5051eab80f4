/**
 * Runs every messaging fake on 127.0.0.1 for manual tries and Playwright:
 *
 *   npx tsx tests/fakes/messaging/cli.ts [--control-port 18800]
 *
 * prints one line `MESSAGING_FAKES control=… fonnte=… wablas=… wa-cloud=… smtp=… push=… router=…`
 * and serves a JSON control API on the control port:
 *   GET  /state                         what each fake received (texts, mails with attachment names, pushes, SMS)
 *   POST /fault {target, fault, times}  target fonnte|wablas|wa-cloud|push with an HttpFault
 *                                       ({kind:'status',status:500} / hang / drop / dropAfter / garbage),
 *                                       smtp with 'tempfail'|'reject'|'hang', sms with a router message
 *   POST /invalid {target, number}      fonnte|wablas: refuse this number (628…); wa-cloud: undeliverable
 *   POST /subscribe                     a push subscription as a browser would give it
 *   POST /clear                         forget received messages and faults
 *   POST /stop                          stop everything and exit
 * Credentials: Fonnte token `fonnte-test-token`; Wablas `wablas-test-token` + secret `wablas-secret`;
 * Cloud API token `EAAG-test-token`, phone number id `106540352242922`, template `tagihan_terbit` (id, 4
 * parameters); SMTP STARTTLS `billing@maju.net.id` / `smtp-secret` (CA: fixtures/fake-cert.pem);
 * router `admin` / `rahasia`, modem `lte1`.
 */
import http from 'node:http';
import type net from 'node:net';
import { RouterSim } from '../../routeros-sim/simulator';
import { SimSmsModem } from '../../routeros-sim/sms';
import type { HttpFault } from './http-fake';
import { PushServiceFake } from './push-fake';
import { SmtpFake, type SmtpFault } from './smtp-fake';
import { WhatsAppCloudFake } from './wa-cloud-fake';
import { FonnteFake, WablasFake } from './wa-gateways';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const fonnte = await new FonnteFake().start();
const wablas = await new WablasFake().start();
const cloud = await new WhatsAppCloudFake().start();
cloud.addTemplate({ name: 'tagihan_terbit', language: 'id', bodyParams: 4 });
const smtp = await new SmtpFake().start();
const push = await new PushServiceFake().start();
const router = await new RouterSim().start();
const modem = new SimSmsModem(router);

function state() {
  return {
    fonnte: { url: fonnte.url, messages: fonnte.messages },
    wablas: { url: wablas.url, messages: wablas.messages },
    waCloud: { url: cloud.url, messages: cloud.messages },
    smtp: {
      port: smtp.port,
      mails: smtp.mails.map((m) => ({
        envelope: m.envelope,
        subject: m.parsed.subject,
        messageId: m.parsed.messageId,
        text: m.parsed.text,
        attachments: m.parsed.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          size: a.size,
        })),
      })),
    },
    push: { origin: push.origin, received: push.received },
    router: { port: router.port, sms: modem.sent },
  };
}

async function body(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function stopAll() {
  await Promise.all([fonnte.stop(), wablas.stop(), cloud.stop(), smtp.stop(), push.stop(), router.stop()]);
}

const control = http.createServer((req, res) => {
  void (async () => {
    const send = (status: number, data: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(data));
    try {
      const b = req.method === 'POST' ? await body(req) : {};
      const http = { fonnte: fonnte.http, wablas: wablas.http, 'wa-cloud': cloud.http, push: push.http } as const;
      switch (`${req.method} ${req.url}`) {
        case 'GET /state':
          return send(200, state());
        case 'POST /fault': {
          const target = String(b.target);
          const times = Number(b.times ?? 1);
          if (target in http) http[target as keyof typeof http].fail(b.fault as HttpFault, times);
          else if (target === 'smtp') for (let i = 0; i < times; i++) smtp.fail(b.fault as SmtpFault);
          else if (target === 'sms') modem.failNext(String(b.fault), times);
          else return send(400, { error: `unknown target ${target}` });
          return send(200, { ok: true });
        }
        case 'POST /invalid': {
          const n = String(b.number);
          if (b.target === 'fonnte') fonnte.invalidTargets.add(n);
          else if (b.target === 'wablas') wablas.invalidPhones.add(n);
          else if (b.target === 'wa-cloud') cloud.undeliverable.add(n);
          else return send(400, { error: 'target must be fonnte, wablas or wa-cloud' });
          return send(200, { ok: true });
        }
        case 'POST /subscribe':
          return send(200, push.subscribe());
        case 'POST /clear':
          for (const list of [fonnte.messages, wablas.messages, cloud.messages, smtp.mails, push.received, modem.sent])
            list.length = 0;
          for (const h of Object.values(http)) h.clearFaults();
          return send(200, { ok: true });
        case 'POST /stop':
          send(200, { ok: true });
          await stopAll();
          control.close(() => process.exit(0));
          return;
        default:
          return send(404, { error: 'unknown endpoint' });
      }
    } catch (e) {
      send(500, { error: (e as Error).message });
    }
  })();
});
await new Promise<void>((r) => control.listen(arg('control-port', 0), '127.0.0.1', () => r()));
const controlPort = (control.address() as net.AddressInfo).port;

for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    void stopAll().then(() => process.exit(0));
  });

console.log(
  `MESSAGING_FAKES control=${controlPort} fonnte=${fonnte.url} wablas=${wablas.url} wa-cloud=${cloud.url} smtp=${smtp.port} push=${push.origin} router=${router.port}`,
);
