/**
 * The isolir page: what an isolated customer sees for any plain-HTTP page (the router's dst-nat sends
 * it to the portal's address). Server-rendered, no JavaScript: name and amount due are in the response
 * itself, for captive-portal checkers and old phones. The portal server calls `isolirPageFor` first
 * for every request and serves the returned page when it is not null.
 */
import { formatRupiah } from '../../../src-shared/money';
import { isolirSubject, type IsolirSubject } from '../../data/isolir/page.queries';
import { openInvoicesOf } from '../../data/portal/portal.queries';
import { availableGateways } from '../gateway-payments/service';
import { payLinkFor } from '../portal/pay';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { isolirLabel, type IsolirLabel } from './labels';
import { sessionByAddress } from './source-lookup';

export interface IsolirPage {
  status: number;
  html: string;
  headers: Record<string, string>;
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Never cached: after payment the same address must get the answer of now.
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** Is the address inside the isolir pool (`a.b.c.d-e.f.g.h`)? A restored session still holding one needs a reconnect. */
export function inRange(address: string, range: string): boolean {
  const [from, to] = range.split('-');
  if (!from || !to || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return false;
  const a = toInt(address);
  return a >= toInt(from) && a <= toInt(to);
}

type Kind = 'isolated' | 'paidPending' | 'paidActive';

/**
 * The page for the customer behind `remoteAddress`, or null when none is due: an unknown address, or
 * an account that is active and no longer on an isolir address (the portal shows its own pages then).
 */
export async function isolirPageFor(
  app: AppContext,
  remoteAddress: string,
  /** The portal as this customer reaches it (`http://192.168.88.10:8080`): the page then links the pay pages. */
  opts: { portalBase?: string } = {},
): Promise<IsolirPage | null> {
  const owner = await sessionByAddress(app, remoteAddress);
  if (!owner) return null;
  const subject = isolirSubject(app.sqlite, owner.routerId, owner.username);
  if (!subject) return null;
  const settings = getSettings(app);
  let kind: Kind;
  if (subject.status === 'suspended') kind = subject.due > 0 ? 'isolated' : 'paidPending';
  else if (subject.status === 'active' && inRange(remoteAddress.replace(/^::ffff:/, ''), settings.isolirPoolRanges))
    kind = 'paidActive';
  else return null;
  const links = kind === 'isolated' && opts.portalBase ? payLinks(app, subject.customerId, opts.portalBase) : [];
  return { status: 200, html: renderIsolirPage(app, subject, kind, links), headers: { ...HEADERS } };
}

interface PayLink {
  href: string;
  invoice: string;
  amount: number;
}

/** One pay page per open invoice (oldest first, at most 3) when a gateway is on; the portal's own address last. */
function payLinks(app: AppContext, customerId: number, base: string): PayLink[] {
  if (!availableGateways({ app, session: null, transport: 'internal' }).length) return [];
  return openInvoicesOf(app.sqlite, customerId, 3).map((i) => ({
    href: `${base}/bayar/${payLinkFor(app, i.id)}`,
    invoice: i.invoiceNumber,
    amount: i.amount - i.paidAmount,
  }));
}

function renderIsolirPage(app: AppContext, s: IsolirSubject, kind: Kind, links: PayLink[]): string {
  const settings = getSettings(app);
  const vars = { name: s.customerName, code: s.customerCode, phone: settings.ispPhone };
  /** One line in both languages: Indonesian, then English in a smaller grey line. */
  const both = (key: IsolirLabel, tag = 'p') =>
    `<${tag} lang="id">${esc(isolirLabel('id', key, vars))}</${tag}><${tag} lang="en" class="en">${esc(isolirLabel('en', key, vars))}</${tag}>`;
  const body: string[] = [];
  if (kind === 'isolated') {
    body.push(both('greeting', 'h2'), both('isolated'));
    body.push(
      `<div class="due">${both('amountDue')}<p class="amount" data-testid="amount-due">${esc(formatRupiah(s.due))}</p></div>`,
    );
    body.push(both('howToPay', 'h2'));
    if (links.length) {
      body.push(both('payOnline'));
      body.push(
        `<ul class="links">${links
          .map(
            (l) =>
              `<li><a href="${esc(l.href)}" data-testid="pay-link">${esc(isolirLabel('id', 'payInvoice', { invoice: l.invoice, amount: formatRupiah(l.amount) }))}</a></li>`,
          )
          .join('')}</ul>`,
      );
    }
    body.push(`<ul><li>${both('payAtOffice', 'span')}</li></ul>`);
    if (settings.bankAccounts.length) {
      body.push(both('payByTransfer'));
      body.push(
        `<ul class="banks">${settings.bankAccounts
          .map(
            (b) =>
              `<li><strong>${esc(b.bank)}</strong> <span class="num">${esc(b.number)}</span><br>${esc(isolirLabel('id', 'accountHolder'))} ${esc(b.holder)}</li>`,
          )
          .join('')}</ul>`,
        both('transferNote'),
      );
    }
    body.push(`<p class="note">${both('restoresAutomatically', 'span')}</p>`);
  } else {
    body.push(both(kind === 'paidPending' ? 'paidPending' : 'paidActive'), both('reconnect'));
  }
  if (settings.ispPhone) body.push(both('contact'));
  const title = kind === 'isolated' ? 'title' : 'paidTitle';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(isolirLabel('id', title))} · ${esc(settings.ispName)}</title>
<style>
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1b1f24}
main{max-width:560px;margin:0 auto;padding:20px 16px 32px}
header{font-weight:600;color:#555;margin-bottom:8px}
h1{font-size:1.45rem;margin:.2em 0}h2{font-size:1.1rem;margin:1.1em 0 .2em}
.card{background:#fff;border-radius:12px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.en{color:#66707a;font-size:.88em;margin-top:-.6em}span.en{display:block;margin-top:0}
.due{background:#fff4e5;border-radius:10px;padding:12px;margin:12px 0}
.amount{font-size:2rem;font-weight:700;margin:.1em 0;color:#b54708}
ul{padding-left:1.2em}.banks li{margin:.5em 0}.num{font-family:ui-monospace,monospace;font-size:1.1em}
.note{background:#e8f5e9;border-radius:10px;padding:10px}
.links a{display:inline-block;background:#1971c2;color:#fff;border-radius:8px;padding:10px 14px;text-decoration:none;font-weight:600}
</style></head>
<body><main><header>${esc(settings.ispName)}</header><div class="card">
<h1>${esc(isolirLabel('id', title))}</h1><p lang="en" class="en">${esc(isolirLabel('en', title))}</p>
${body.join('\n')}
</div></main></body></html>`;
}
