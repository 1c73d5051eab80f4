/**
 * The statement import as the screen runs it, database included: `bankStatements.import` through dispatch
 * (zod, session) reads the 5,000-line KlikBCA month, matches it against 20,000 open bills with kode unik
 * stored in SQLite, inserts every line under its fingerprint and credits the unique-amount matches as bank
 * transfers (payment, allocation, audit). Then the same file again: every line known, nothing credited.
 */
import os from 'node:os';
import { testApp } from '../helpers/app';
import { BILLS, klikBcaStatement, openBills } from './bank-statement-data';
import { ms, timeAsync, type BenchRow } from './harness';

const ACCOUNT = '0123456789';

/** 20,000 (or `count`) customers with one open November bill each and its kode unik row (bulk SQL, not timed). */
async function seeded(count: number) {
  const t = await testApp();
  await t.ok('settings.update', {
    autoInvoiceRun: false,
    automationEnabled: false,
    kodeUnikEnabled: true,
    bankAccounts: [{ bank: 'BCA', number: ACCOUNT, holder: 'RTRW NET SEJAHTERA' }],
  });
  const bills = openBills(count);
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
      if (c !== b.customerId || i !== b.id) throw new Error('bench seed: ids out of step');
      code.run(i, b.baseAmount, b.amount - b.baseAmount!, b.amount);
    }
  })();
  return { t, bills };
}

export async function importIntoDatabase(count = BILLS): Promise<BenchRow[]> {
  const { t, bills } = await seeded(count);
  try {
    const { bytes } = klikBcaStatement(bills);
    const input = { fileName: 'mutasi-bca.csv', base64: Buffer.from(bytes).toString('base64'), accountNumber: ACCOUNT };
    const cpu = process.cpuUsage();
    const first = await timeAsync(() => t.ok('bankStatements.import', input));
    const used = process.cpuUsage(cpu);
    const again = await timeAsync(() => t.ok('bankStatements.import', input));
    const db = t.app.ctx.sqlite;
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const payments = n(`SELECT COUNT(*) AS n FROM payments WHERE method = 'bank_transfer'`);
    const lines = n(`SELECT COUNT(*) AS n FROM bank_lines`);
    const f = first.value;
    return [
      {
        name: `import into the database: ${f.linesRead.toLocaleString('en')} lines against ${count.toLocaleString('en')} open bills (parse, match, store lines, credit kode unik matches)`,
        value: `${ms(first.ms)} (${f.autoCredited.toLocaleString('en')} credited, ${f.toReview.toLocaleString('en')} to review; CPU ${ms((used.user + used.system) / 1000)}, load average ${os.loadavg()[0]!.toFixed(1)})`,
        target: '≤ 2,000 ms',
        pass: first.ms <= 2_000 && f.linesNew === f.linesRead,
        // The lines are the same 5,000 at every size; only the open bills they are matched against grow.
        kind: 'interactive',
      },
      {
        name: 'the same statement imported again',
        value: `${ms(again.ms)} (${again.value.linesKnown.toLocaleString('en')} known, ${again.value.autoCredited} credited; ${payments.toLocaleString('en')} payments, ${lines.toLocaleString('en')} lines in all)`,
        target: 'nothing credited twice',
        pass: again.value.autoCredited === 0 && again.value.linesNew === 0 && payments === f.autoCredited,
        kind: 'interactive',
      },
    ];
  } finally {
    t.close();
  }
}
