/**
 * A bank statement import killed (SIGKILL) part-way and imported again credits every line exactly once
 * and loses none (issue 15). The child (statement-worker.ts) imports a 2,600-line KlikBCA month through
 * dispatch, in chunks of CHUNK lines per transaction; it is killed inside a chunk's transaction (after
 * the n-th new line), between two chunks (after a COMMIT), or whenever the parent reads a progress line.
 * After every kill the database file is checked (integrity, the ledger's invariants, chunks all or
 * nothing and in order, every stored line exactly as an uninterrupted import stores it, one payment per
 * credited line); then the next run imports the same file again. The last run imports it twice: all of
 * it is stored and credited as the uninterrupted import did, and the second import is all "known".
 * Kill points come from a seeded PRNG: CRASH_SEED replays a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { CHUNK } from '../../src-main/core/reconciliation/statement-import';
import { openDatabaseFile } from '../../src-main/db/encryption/cipher';
import type { Sqlite } from '../../src-main/db/open';
import { silentLogger } from '../../src-main/logging/logger';
import { klikBcaStatement, openBills } from '../bench/bank-statement-data';
import { rng } from '../helpers/seeded-random';
import { FakeClock, MIGRATIONS, readTestKey, TEST_ENCRYPTED, tempDir, testApp } from '../helpers/app';
import type { StatementKill } from './kill-point';
import { ledgerProblems, startWorker } from './kill-kit';
import { bundleCrashWorker, crashWorkerPath } from './worker-bundle';

const WORKER = crashWorkerPath('statement-worker');
const SEED = Number(process.env.CRASH_SEED ?? 20261206);
const ACCOUNT = '0123456789';
const BILLS = 3_000;
const LINES = 2_600;
const KINDS = ['line', 'between', 'line', 'progress'] as const;
/** Kills in one run (the kinds in turn); CRASH_KILLS raises it. */
const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const CLOCK_AT = '2026-11-24T03:05:00.000Z';

type Plan = StatementKill | { at: 'progress'; chunk: number };
interface RefLine {
  fingerprint: string;
  state: string;
  invoiceId: number | null;
}

beforeAll(async () => {
  await bundleCrashWorker('statement-worker');
});

/** 3,000 customers with one open November bill each and its kode unik (bulk SQL), and the statement file. */
async function world(root: string) {
  const t = await testApp();
  await t.ok('settings.update', {
    autoInvoiceRun: false,
    automationEnabled: false,
    kodeUnikEnabled: true,
    bankAccounts: [{ bank: 'BCA', number: ACCOUNT, holder: 'RTRW NET SEJAHTERA' }],
  });
  const bills = openBills(BILLS);
  const db = t.app.ctx.sqlite;
  const customer = db.prepare(`INSERT INTO customers(customer_code, name, join_date) VALUES (?, ?, '2026-01-01')`);
  const invoice = db.prepare(
    `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount)
     VALUES (?, ?, '2026-11', ?, ?, ?)`,
  );
  const code = db.prepare(`INSERT INTO transfer_codes(invoice_id, base_amount, code, payable) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (const b of bills) {
      const c = Number(customer.run(b.customerCode, b.customerName).lastInsertRowid);
      const i = Number(invoice.run(b.invoiceNumber, c, b.issueDate, b.dueDate, b.baseAmount).lastInsertRowid);
      code.run(i, b.baseAmount, b.amount - b.baseAmount!, b.amount);
    }
  })();
  const file = path.join(root, 'mutasi-bca.csv');
  fs.writeFileSync(file, klikBcaStatement(bills, LINES).bytes);
  t.app.close();
  return { dataDir: t.dataDir, token: t.token, file };
}

const keyStoreOf = (dataDir: string) =>
  TEST_ENCRYPTED ? { keyStore: fileKeyStore({ dir: `${dataDir}-keys`, dataDir }) } : {};

/** The same import on a copy of the folder, never interrupted: what every line must end up as. */
async function reference(root: string, dataDir: string, token: string, file: string): Promise<RefLine[]> {
  const copy = path.join(root, 'reference');
  fs.cpSync(dataDir, copy, { recursive: true });
  if (TEST_ENCRYPTED) fs.cpSync(`${dataDir}-keys`, `${copy}-keys`, { recursive: true });
  const app = createApp({
    dataDir: copy,
    migrationsFolder: MIGRATIONS,
    logger: silentLogger,
    clock: new FakeClock(Date.parse(CLOCK_AT)),
    ...keyStoreOf(copy),
  });
  try {
    const input = {
      fileName: 'mutasi-bca.csv',
      base64: fs.readFileSync(file).toString('base64'),
      accountNumber: ACCOUNT,
    };
    const r = await app.call('bankStatements.import', input, { transport: 'http', token });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return app.ctx.sqlite
      .prepare('SELECT fingerprint, state, invoice_id AS invoiceId FROM bank_lines ORDER BY id')
      .all() as RefLine[];
  } finally {
    app.close();
  }
}

const count = (db: Sqlite, sql: string) => db.prepare(sql).pluck().get() as number;

/** The folder after a kill, as the next start opens it. Returns how many chunks of the file are stored. */
function check(dataDir: string, ref: RefLine[]): number {
  const db = openDatabaseFile(path.join(dataDir, 'pppoe-desk.sqlite'), { key: readTestKey(dataDir) });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const [name, rows] of Object.entries(ledgerProblems(db))) expect(rows, name).toEqual([]);
    const lines = db.prepare('SELECT fingerprint, state, invoice_id AS invoiceId FROM bank_lines').all() as RefLine[];
    const stored = new Map(lines.map((l) => [l.fingerprint, l]));
    // Chunk by chunk, in file order: each stored whole or not at all, and only after the ones before it.
    const chunks: RefLine[][] = [];
    for (let i = 0; i < ref.length; i += CHUNK) chunks.push(ref.slice(i, i + CHUNK));
    const storedPerChunk = chunks.map((c) => c.filter((l) => stored.has(l.fingerprint)).length);
    let whole = 0;
    while (whole < chunks.length && storedPerChunk[whole] === chunks[whole]!.length) whole++;
    expect(storedPerChunk.slice(whole), 'chunks after the last whole one').toEqual(
      storedPerChunk.slice(whole).map(() => 0),
    );
    expect(lines.length).toBe(chunks.slice(0, whole).reduce((s, c) => s + c.length, 0));
    // Every stored line as the uninterrupted import left it: credited to the same bill, or for review.
    const refBy = new Map(ref.map((l) => [l.fingerprint, l]));
    const differs = lines.filter((l) => JSON.stringify(l) !== JSON.stringify(refBy.get(l.fingerprint)));
    expect(differs, 'lines stored otherwise than by an uninterrupted import').toEqual([]);
    // One live bank-transfer payment of the line's amount per credited line, to its bill, paid in full once.
    const credited = lines.filter((l) => l.state === 'credited').length;
    expect(count(db, `SELECT count(*) FROM payments WHERE method = 'bank_transfer'`)).toBe(credited);
    expect(
      count(
        db,
        `SELECT count(DISTINCT l.invoice_id) FROM bank_lines l JOIN payments p ON p.id = l.payment_id
         JOIN invoices i ON i.id = l.invoice_id
         WHERE l.state = 'credited' AND p.status = 'live' AND p.amount = l.amount AND i.paid_amount = i.amount`,
      ),
    ).toBe(credited);
    expect(count(db, 'SELECT count(*) FROM invoices WHERE paid_amount > 0')).toBe(credited);
    // The kode unik digits paid above the bill are the customer's deposit, nothing more and nothing less.
    expect(
      db
        .prepare(
          `SELECT c.id FROM customers c WHERE c.deposit != coalesce((SELECT sum(l.amount - i.amount) FROM bank_lines l
             JOIN invoices i ON i.id = l.invoice_id WHERE l.state = 'credited' AND i.customer_id = c.id), 0)`,
        )
        .all(),
    ).toEqual([]);
    return whole;
  } finally {
    db.close();
  }
}

function planFor(kind: (typeof KINDS)[number], rand: () => number, chunks: number, newLeft: number): Plan {
  if (kind === 'line' && newLeft > 0) return { at: 'line', n: 1 + Math.floor(rand() * Math.min(newLeft, 1_500)) };
  return { at: kind === 'progress' ? 'progress' : 'between', chunk: 1 + Math.floor(rand() * chunks) };
}

describe('bank statement import, SIGKILL part-way and imported again', () => {
  // The timeout guards against a hang, not a limit on the work: each worker start costs ~1.5 s of CPU, and
  // several minutes of wall time when every core is busy (load 27 on 2 cores: ~2 minutes).
  it(`${KILLS} kills (seed ${SEED}): each line stored and credited exactly once, none lost`, async () => {
    const root = tempDir('pppoe-statement-crash-');
    let dataDir = '';
    const t0 = Date.now();
    try {
      const w = await world(root);
      dataDir = w.dataDir;
      const ref = await reference(root, w.dataDir, w.token, w.file);
      expect(ref).toHaveLength(LINES);
      const creditedRef = ref.filter((l) => l.state === 'credited').length;
      expect(creditedRef).toBeGreaterThan(LINES / 2);
      const chunks = Math.ceil(LINES / CHUNK);
      const rand = rng(SEED);
      const args = {
        dataDir,
        migrations: MIGRATIONS,
        clockAt: CLOCK_AT,
        token: w.token,
        file: w.file,
        accountNumber: ACCOUNT,
        ...(TEST_ENCRYPTED ? { keyDir: `${dataDir}-keys` } : {}),
      };
      const log: string[] = [];
      let whole = check(dataDir, ref);
      for (let k = 0; k < KILLS; k++) {
        const newLeft = LINES - Math.min(LINES, whole * CHUNK);
        const plan = planFor(KINDS[k % KINDS.length]!, rand, chunks, newLeft);
        const run = startWorker(WORKER, { ...args, imports: 1, kill: plan.at === 'progress' ? null : plan });
        // An unplanned kill: on reading the progress line, the worker running on meanwhile.
        if (plan.at === 'progress') {
          const { chunk } = plan;
          let seen = 0;
          run.onLine((l) => {
            if (l.startsWith('PROGRESS ') && ++seen === chunk) run.kill();
          });
        }
        const exit = await run.exited;
        if (plan.at === 'progress') expect(exit.signal === 'SIGKILL' || exit.code === 0, exit.stderr).toBe(true);
        else {
          expect(exit.signal, `kill ${k} (${JSON.stringify(plan)}): ${exit.stderr}`).toBe('SIGKILL');
          expect(exit.killPoint, `kill ${k} reached its point`).not.toBeNull();
        }
        whole = check(dataDir, ref);
        log.push(
          `${Date.now() - t0} ms kill ${k} ${JSON.stringify(plan)}: ${exit.killPoint ?? exit.signal ?? 'finished'} | ${whole} chunks stored`,
        );
      }
      // The last start imports the file to the end, then the same file again.
      const run = startWorker(WORKER, { ...args, imports: 2, kill: null });
      const exit = await run.exited;
      expect(exit.code, exit.stderr).toBe(0);
      const done = run.lines
        .filter((l) => l.startsWith('DONE '))
        .map((l) => JSON.parse(l.slice(5)) as Record<string, number>);
      expect(done).toHaveLength(2);
      expect(done[1]).toMatchObject({ linesRead: LINES, linesNew: 0, linesKnown: LINES, autoCredited: 0, toReview: 0 });
      expect(check(dataDir, ref)).toBe(chunks);
      const db = openDatabaseFile(path.join(dataDir, 'pppoe-desk.sqlite'), { key: readTestKey(dataDir) });
      try {
        expect(count(db, 'SELECT count(*) FROM bank_lines')).toBe(LINES);
        expect(count(db, `SELECT count(*) FROM bank_lines WHERE state = 'credited'`)).toBe(creditedRef);
      } finally {
        db.close();
      }
      if (process.env.CRASH_DEBUG) console.log(log.join('\n'));
      console.log(
        `statement crash test: ${KILLS} kills, ${LINES} lines in chunks of ${CHUNK}, ${creditedRef} credited once each`,
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      if (dataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
      }
    }
  }, 600_000);
});
