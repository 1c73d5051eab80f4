import fs from 'node:fs';
import JSZip from 'jszip';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, testAppWithCipher, type TestApp } from '../../helpers/app';
import { checkInvariants } from '../billing/invariants';
import { BUDI, BUDI_NEEDLES, clearBlockers, seedErasable } from './fixtures';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const count = (sql: string) => (t!.app.ctx.sqlite.prepare(sql).get() as { n: number }).n;

/** Every text cell of every table, decrypted by SQLite: what a query can still find. */
function allText(): string {
  const db = t!.app.ctx.sqlite;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

/** The report figures an erasure must not change. */
async function reportTotals() {
  return {
    financial: await t!.ok('reports.financial', { from: '2026-01-01', to: '2026-12-31', groupBy: 'month' } as never),
    aging: await t!.ok('reports.aging', {} as never),
    customers: await t!.ok('reports.customers', { from: '2026-01-01', to: '2026-12-31' } as never),
    // The dashboard without its router panel: the erased account leaves its router (its secret is removed).
    dashboard: { ...(await t!.ok('billing.dashboard', {} as never)), routers: null },
  };
}

/** Money rows, compared before and after: all kept exactly. */
const ledger = () =>
  t!.app.ctx.sqlite
    .prepare(
      `SELECT 'inv' AS k, invoice_number AS n, customer_id AS c, amount, paid_amount AS paid, status, invoice_date AS d FROM invoices
       UNION ALL SELECT 'pay', payment_number, customer_id, amount, 0, status, payment_date FROM payments
       UNION ALL SELECT 'ref', refund_number, customer_id, amount, 0, status, refund_date FROM deposit_refunds
       UNION ALL SELECT 'dep', kind, customer_id, amount, 0, '', at FROM deposit_ledger
       UNION ALL SELECT 'alloc', payment_id, invoice_id, amount, is_live, source, '' FROM payment_allocations
       ORDER BY 1, 2, 3, 4`,
    )
    .all();

const erase = (customerId: number, over: Record<string, unknown> = {}) =>
  t!.call('privacy.eraseCustomer', {
    customerId,
    requestedBy: `${BUDI.name} sendiri, KTP ditunjukkan`,
    reason: 'Berhenti berlangganan, minta data dihapus (UU PDP)',
    confirmCode: 'CUST0001',
    ...over,
  } as never);

/** Rows of every table, to prove a refused call wrote nothing. */
const snapshot = () => allText();

describe('erasing a customer on request', () => {
  it('is refused, writing nothing, while bills are open, the account is live, a subscription runs or a deposit is held', async () => {
    t = await testApp();
    const s = await seedErasable(t);
    const before = snapshot();
    const r = await erase(s.budi.id);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!r.ok && r.error.message).toMatch(/CUST0001 still has 1 live PPPoE account\(s\)/);
    const preview = await t.ok('privacy.erasePreview', { customerId: s.budi.id });
    expect(preview.blockers.map((b) => b.code).sort()).toEqual(
      ['activeSubscriptions', 'deposit', 'liveAccounts', 'openInvoices'].sort(),
    );
    expect(snapshot()).toBe(before);

    // Bad input is refused per field, also with nothing written.
    await clearBlockers(t, s);
    const ready = snapshot();
    expect(await erase(s.budi.id, { confirmCode: 'CUST0002' })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        issues: [{ path: 'confirmCode', message: 'Type the customer code CUST0001 to confirm' }],
      },
    });
    expect(await erase(s.budi.id, { reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'reason' }] },
    });
    expect(await erase(s.budi.id, { requestedBy: undefined })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'requestedBy' }] },
    });
    expect(await erase(999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot()).toBe(ready);
    expect((await t.ok('privacy.erasePreview', { customerId: s.budi.id })).blockers).toEqual([]);
  });

  it('anonymises the person, keeps every ledger row, invariant and report total, and queues the router secret removal', async () => {
    t = await testApp();
    const s = await seedErasable(t);
    await clearBlockers(t, s);
    const reportsBefore = await reportTotals();
    const ledgerBefore = ledger();
    const siti = await t.ok('customers.get', { id: s.siti.id });
    const auditRows = count('SELECT count(*) AS n FROM audit_log');
    expect(allText()).toContain(BUDI.name);
    // Budi's phone and ID card are in the digit search index (customer_digit_terms) before the erasure.
    const budiNumbers = [BUDI.phone, BUDI.oldPhone, BUDI.idCard].map((x) => x.replace(/\D/g, ''));
    const numberTerms = () =>
      (
        t!.app.ctx.sqlite.prepare('SELECT term, customer_id AS id FROM customer_digit_terms').all() as {
          term: string;
          id: number;
        }[]
      ).filter((r) => budiNumbers.some((n) => n.includes(r.term)));
    expect(numberTerms().filter((r) => r.id === s.budi.id).length).toBeGreaterThan(10);

    const done = await t.ok('privacy.eraseCustomer', {
      customerId: s.budi.id,
      requestedBy: `${BUDI.name} sendiri, KTP ditunjukkan`,
      reason: 'Berhenti berlangganan, minta data dihapus (UU PDP)',
      confirmCode: 'cust0001',
    });
    expect(done).toMatchObject({ customerCode: 'CUST0001', counts: { 'network.routerRemovals': 1 }, compacted: true });

    checkInvariants(t.app.ctx);
    expect(ledger()).toEqual(ledgerBefore);
    expect(await reportTotals()).toEqual(reportsBefore);
    const budi = await t.ok('customers.get', { id: s.budi.id });
    expect(budi).toMatchObject({
      customerCode: 'CUST0001',
      name: 'CUST0001',
      address: null,
      phone: null,
      email: null,
      idCard: null,
      notes: null,
      erasedAt: done.erasedAt,
    });
    expect(budi.invoices).toBe(2);
    expect(await t.ok('customers.get', { id: s.siti.id })).toEqual(siti);

    // Nothing a query can find names Budi any more: not the customer row, notes, the audit trail, the search.
    const text = allText();
    for (const needle of BUDI_NEEDLES) expect(text, needle).not.toContain(needle);
    expect((await t.ok('customers.list', { search: '9988' })).total).toBe(0);
    expect(text).toContain('Siti Aminah Lestari');
    // Nor the trigram search index: no trigram that only Budi's name had is still one of its terms.
    const db = t.app.ctx.sqlite;
    db.exec('CREATE VIRTUAL TABLE temp.customer_terms USING fts5vocab(main, customers_fts, row)');
    const terms = new Set(
      (db.prepare('SELECT term FROM temp.customer_terms').all() as { term: string }[]).map((r) => r.term),
    );
    const others = (db.prepare('SELECT search_text AS s FROM customers').all() as { s: string }[])
      .map((r) => r.s)
      .join('|');
    const name = BUDI.name.toLowerCase();
    const onlyBudis = [...name]
      .slice(0, -2)
      .map((_, i) => name.slice(i, i + 3))
      .filter((g) => !others.includes(g));
    expect(onlyBudis.length).toBeGreaterThan(0);
    expect(onlyBudis.filter((g) => terms.has(g))).toEqual([]);
    // Nor the digit index: no piece of Budi's numbers is a term, unless another customer's text holds it.
    expect(numberTerms().filter((r) => r.id === s.budi.id || !others.includes(r.term))).toEqual([]);
    expect((await t.ok('customers.list', { search: '0812 9988 7766' })).total).toBe(0);
    expect((await t.ok('customers.list', { search: BUDI.idCard })).total).toBe(0);

    // The router secret goes through the sync queue (by its old name, which only the router still has).
    const ops = t.app.ctx.sqlite
      .prepare(
        "SELECT kind, payload FROM sync_ops WHERE status = 'pending' AND entity = 'pppoe' AND entity_id = ? ORDER BY id",
      )
      .all(s.account.id) as { kind: string; payload: string }[];
    expect(ops.map((o) => o.kind)).toEqual(['secret.remove', 'session.kick']);
    expect(JSON.parse(ops[0]!.payload)).toEqual({ name: BUDI.username });
    const account = await t.ok('pppoe.get', { id: s.account.id });
    expect(account).toMatchObject({ username: `dihapus-${s.account.id}`, routerId: null, notes: null });

    // Audited once, with the requester and reason (without the name typed into them), who and from where.
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(auditRows + 1);
    const row = t.app.ctx.sqlite
      .prepare("SELECT username, after, reason FROM audit_log WHERE action = 'customer.erase'")
      .get() as { username: string; after: string; reason: string };
    expect(row.username).toBe('admin');
    expect(JSON.parse(row.after).requestedBy).toBe('[dihapus] sendiri, KTP ditunjukkan');
    expect(row.reason).toBe('Berhenti berlangganan, minta data dihapus (UU PDP)');
    expect(count('SELECT count(*) AS n FROM privacy_erasures WHERE scrubbing = 0')).toBe(1);

    // The audit trail is append-only again outside the erasure, and an erased customer stays erased.
    expect(() => t!.app.ctx.sqlite.prepare("UPDATE audit_log SET reason = 'x' WHERE id = 1").run()).toThrow(
      /append-only/,
    );
    expect(await erase(s.budi.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.call('customers.update', { id: s.budi.id, phone: BUDI.phone })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await t.ok('customers.update', { id: s.budi.id, status: 'inactive' });
  });

  it('forgets the portal login, the ticket texts and photos, and the message history; waiting messages are cancelled', async () => {
    t = await testApp();
    const s = await seedErasable(t);
    await clearBlockers(t, s);
    const db = t.app.ctx.sqlite;
    const id = s.budi.id;
    db.prepare(
      "INSERT INTO portal_credentials (customer_id, password_hash, set_at) VALUES (?, 'argon2-hash', '2026-10-01')",
    ).run(id);
    db.prepare(
      "INSERT INTO portal_sessions (token_hash, customer_id, last_seen_at, expires_at) VALUES ('h1', ?, '2026-10-01', '2026-11-01')",
    ).run(id);
    const ticket = db
      .prepare("INSERT INTO tickets (customer_id, category) VALUES (?, 'gangguan')")
      .run(id).lastInsertRowid;
    db.prepare(
      "INSERT INTO ticket_messages (ticket_id, author, body, photo, photo_type) VALUES (?, 'customer', ?, X'FFD8FF', 'image/jpeg')",
    ).run(ticket, `Internet mati, hubungi ${BUDI.phone} (${BUDI.name})`);
    const outbox = (key: string, status: string) =>
      db
        .prepare(
          `INSERT INTO message_outbox (dedupe_key, kind, channel, customer_id, status, next_attempt_at, recipient, body)
           VALUES (?, 'h3', 'whatsapp', ?, ?, '2026-10-01', '+6281299887766', ?)`,
        )
        .run(key, id, status, `Yth. ${BUDI.name}, tagihan Anda jatuh tempo`);
    outbox('sent-1', 'sent');
    outbox('queued-1', 'queued');
    db.prepare("INSERT INTO customer_message_prefs (customer_id, channel) VALUES (?, 'sms')").run(id);

    // The export carries all of it before the erasure.
    const zip = await JSZip.loadAsync(
      Buffer.from((await t.ok('privacy.exportCustomer', { customerId: id, reason: 'Permintaan' })).base64, 'base64'),
    );
    const data = JSON.parse(await zip.file('data.json')!.async('string')) as { sections: Record<string, unknown[]> };
    expect(data.sections.portalAccess).toHaveLength(1);
    expect(data.sections.tickets).toMatchObject([{ category: 'gangguan', hasPhoto: 1 }]);
    expect(data.sections.messages).toHaveLength(2);

    const done = await t.ok('privacy.eraseCustomer', {
      customerId: id,
      requestedBy: 'Pelanggan sendiri',
      reason: 'UU PDP',
      confirmCode: 'CUST0001',
    });
    expect(done.counts).toMatchObject({ 'portal.portalAccess': 2, 'portal.ticketMessages': 1, 'messages.messages': 2 });
    expect(count('SELECT count(*) AS n FROM portal_credentials')).toBe(0);
    expect(count('SELECT count(*) AS n FROM portal_sessions')).toBe(0);
    expect(count('SELECT count(*) AS n FROM customer_message_prefs')).toBe(0);
    expect(count('SELECT count(*) AS n FROM ticket_messages WHERE photo IS NOT NULL')).toBe(0);
    expect(count("SELECT count(*) AS n FROM tickets WHERE category = 'gangguan'")).toBe(1);
    expect(db.prepare('SELECT status, reason, recipient, body FROM message_outbox ORDER BY id').all()).toEqual([
      { status: 'sent', reason: null, recipient: null, body: null },
      { status: 'cancelled', reason: 'erased', recipient: null, body: null },
    ]);
    const text = allText();
    for (const needle of [...BUDI_NEEDLES, '81299887766']) expect(text, needle).not.toContain(needle);
  });

  it.each([
    ['plain', '1'],
    ['encrypted', '0'],
  ])('leaves no trace of the person in the %s database file, its WAL or a backup (raw bytes)', async (_m, plain) => {
    t = await testAppWithCipher(plain === '1');
    const s = await seedErasable(t);
    await clearBlockers(t, s);
    const dbFile = t.app.ctx.dbFile;
    const raw = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));
    const found = (file: string) => BUDI_NEEDLES.filter((n) => raw(file).includes(Buffer.from(n, 'utf8')));
    t.app.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // In a plain file the scan finds Budi before the erasure: it is a real check.
    if (plain === '1') expect(found(dbFile)).toContain(BUDI.name);

    await t.ok('privacy.eraseCustomer', {
      customerId: s.budi.id,
      requestedBy: 'Pelanggan sendiri',
      reason: 'Minta data dihapus',
      confirmCode: 'CUST0001',
    });
    const backup = await t.ok('backups.create', {});
    for (const file of [dbFile, `${dbFile}-wal`, backup.file]) expect(found(file), path.basename(file)).toEqual([]);
    if (plain === '1') expect(raw(dbFile).includes(Buffer.from('Siti Aminah Lestari'))).toBe(true);
  });
});
