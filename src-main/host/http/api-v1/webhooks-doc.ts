/**
 * The webhooks part of the API docs page (/api/v1/docs#webhooks). The receiver example is the one in
 * docs/webhooks.md; tests/unit/webhooks/docs-example.test.ts runs it against a real delivery.
 */
import { WEBHOOK_EVENTS } from '../../../../src-shared/webhook-events';

export const WEBHOOK_RECEIVER_EXAMPLE = `const http = require('node:http');
const crypto = require('node:crypto');
const SECRET = process.env.WEBHOOK_SECRET; // whsec_… shown once on the Webhook screen
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c)).on('end', () => {
    const raw = Buffer.concat(chunks); // verify the raw bytes, never re-serialised JSON
    const [, t, v1] = /t=(\\d+),v1=([0-9a-f]{64})/.exec(req.headers['x-pppoe-desk-signature'] ?? '') ?? [];
    const want = crypto.createHmac('sha256', SECRET).update(\`\${t}.\`).update(raw).digest();
    const ok = !!v1 && crypto.timingSafeEqual(Buffer.from(v1, 'hex'), want) && Math.abs(Date.now() / 1000 - t) < 300;
    res.writeHead(ok ? 200 : 400).end();
    if (ok) console.log(req.headers['x-pppoe-desk-event-id'], JSON.parse(raw).type); // dedupe on the event id
  });
}).listen(process.env.PORT ?? 8081);`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function webhooksSection(): string {
  return `<section id="webhooks"><h2>Webhooks</h2>
<p>An admin adds endpoints on the <b>Webhook</b> screen (next to API keys): a URL, the events to send, on/off. Each
event is a <code>POST</code> of JSON <code>{"id":"evt_…","type":"payment.created","createdAt":"…","data":{…}}</code>
with the headers <code>X-PPPoE-Desk-Event-Id</code> (the same on every retry: dedupe on it),
<code>X-PPPoE-Desk-Event</code> (the type) and <code>X-PPPoE-Desk-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>,
where the hex is HMAC-SHA256 with the endpoint's secret over <code>&lt;t&gt;.&lt;raw body&gt;</code>. Refuse a
timestamp more than 5 minutes from your clock.</p>
<p>Events: ${WEBHOOK_EVENTS.map((e) => `<code>${e}</code>`).join(', ')}; "Kirim uji" sends <code>webhook.test</code>.
<code>data</code> is the object as it was when the event happened (fetch it from the API for more).</p>
<p>Answer 2xx within 10 seconds. Anything else (or no answer) is retried: 30 s doubling to 6 h, with jitter, 14
attempts (about a day), then the delivery is marked failed and can be resent from the delivery log. A
<code>429</code> or <code>503</code> with <code>Retry-After</code> waits at least that long. Delivery is at least once
and <b>not ordered</b>: a retry can arrive after a later event.</p>
<h3>A receiver in Node</h3><pre><code>${esc(WEBHOOK_RECEIVER_EXAMPLE)}</code></pre></section>`;
}
