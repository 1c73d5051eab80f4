/**
 * Parent side of the kill tests (gateway-kill, statement-kill): a worker process driven
 * by its stdout lines (killed the moment it announces a kill point), and the ledger's invariants
 * checked straight on the database file after a kill.
 */
import { spawn } from 'node:child_process';
import type { Sqlite } from '../../src-main/db/open';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The KILLPOINT line the worker stopped at, if it did. */
  killPoint: string | null;
  stderr: string;
}

export interface WorkerRun {
  readonly lines: string[];
  /** The first line (seen or to come) that `match` accepts; rejects when the worker exits first. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  /** Called on every line as it arrives. */
  onLine(fn: (line: string) => void): void;
  kill(): void;
  /** SIGTERM: the worker closes the app and exits 0. */
  stop(): void;
  readonly exited: Promise<Exit>;
}

/** Runs `script` (a bundled worker) with its JSON argument; a `KILLPOINT` line gets it SIGKILLed at once. */
export function startWorker(script: string, args: unknown): WorkerRun {
  const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let killPoint: string | null = null;
  let buf = '';
  let stderr = '';
  let done = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      if (line.startsWith('KILLPOINT ') && killPoint === null) {
        killPoint = line.slice('KILLPOINT '.length);
        child.kill('SIGKILL');
      }
      for (const fn of listeners) fn(line);
    }
  });
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      done = true;
      if (buf) lines.push(buf);
      resolve({ code, signal, killPoint, stderr });
    });
  });
  return {
    lines,
    exited,
    onLine: (fn) => listeners.push(fn),
    waitFor(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        listeners.push((l) => match(l) && resolve(l));
        void exited.then((e) => {
          const fatal = lines.find((l) => l.startsWith('FATAL'));
          reject(new Error(`worker exited (${e.code ?? e.signal}) first: ${fatal ?? e.stderr.slice(0, 2000)}`));
        });
      });
    },
    kill: () => {
      if (!done) child.kill('SIGKILL');
    },
    stop: () => {
      if (!done) child.kill('SIGTERM');
    },
  };
}

/**
 * What DOMAIN.md promises about the ledger, as the rows that break it (every list must be empty):
 * paid amounts are the live allocations, statuses follow amounts, deposits are their ledger, and a live
 * payment's money is all allocated or on the deposit.
 */
export function ledgerProblems(db: Sqlite): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    paidIsAllocations: all(`SELECT i.id FROM invoices i
      LEFT JOIN (SELECT invoice_id, sum(amount) AS s FROM payment_allocations WHERE is_live = 1 GROUP BY invoice_id) a
        ON a.invoice_id = i.id
      WHERE i.paid_amount != coalesce(a.s, 0)`),
    statusFollowsAmounts: all(`SELECT id FROM invoices WHERE status != 'void' AND NOT (
        (paid_amount = 0 AND status IN ('unpaid','overdue')) OR
        (paid_amount > 0 AND paid_amount < amount AND status IN ('partial','overdue')) OR
        (paid_amount >= amount AND status = 'paid'))`),
    depositIsLedger: all(`SELECT c.id FROM customers c
      LEFT JOIN (SELECT customer_id, sum(amount) AS s FROM deposit_ledger GROUP BY customer_id) l ON l.customer_id = c.id
      WHERE c.deposit != coalesce(l.s, 0)`),
    paymentAccounted: all(`SELECT p.id FROM payments p
      LEFT JOIN (SELECT payment_id, sum(amount) AS s FROM payment_allocations WHERE source = 'payment' AND is_live = 1 GROUP BY payment_id) a
        ON a.payment_id = p.id
      LEFT JOIN (SELECT payment_id, sum(amount) AS s FROM deposit_ledger WHERE kind = 'overpayment' GROUP BY payment_id) d
        ON d.payment_id = p.id
      WHERE p.status = 'live' AND p.method != 'deposit' AND coalesce(a.s, 0) + coalesce(d.s, 0) != p.amount`),
    paymentAudited: all(`SELECT p.id FROM payments p
      WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'payment' AND a.entity_id = CAST(p.id AS TEXT))`),
  };
}
