/**
 * Child process of refund-race.test.ts: its own SQLite connection (the app's pragmas) on the shared
 * database, calling the refund service directly. The app itself refuses a second process on a data
 * folder (data/data-dir-lock.ts); this test is about the database: even two writers cannot pay out
 * more than the deposit. It says READY, waits for GO on stdin (so both race at the same moment), then
 * tries the refunds one after the other and prints `OK <number>` or `NO <code> <message>` for each.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createRefund } from '../../../../src-main/core/billing/refunds';
import { systemClock, type AppContext, type CallContext } from '../../../../src-main/core/context';
import { silentLogger } from '../../../../src-main/logging/logger';
import { openSqlite } from '../../../../src-main/db/open';
import { AppError } from '../../../../src-shared/result';

interface Args {
  dbFile: string;
  /** The database key as hex, when the suite runs encrypted. */
  key: string | null;
  userId: number;
  customerId: number;
  attempts: number;
  amount: number;
  method: 'cash' | 'bank_transfer';
}
const args = JSON.parse(process.argv[2]!) as Args;
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function main() {
  const sqlite = openSqlite(args.dbFile, { key: args.key ? Buffer.from(args.key, 'hex') : null });
  // Only what the refund service reads from the context.
  const app = { sqlite, clock: systemClock, logger: silentLogger } as unknown as AppContext;
  const call: CallContext = {
    app,
    transport: 'internal',
    session: {
      userId: args.userId,
      username: 'admin',
      fullName: 'Admin',
      role: 'admin',
      sessionId: 0,
      expiresAt: '9999',
    },
  };
  say('READY');
  const rl = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => rl.once('line', () => resolve()));
  rl.close();
  for (let i = 0; i < args.attempts; i++) {
    try {
      const r = createRefund(call, {
        customerId: args.customerId,
        amount: args.amount,
        method: args.method,
        ...(args.method === 'cash' ? {} : { referenceNumber: `TRF-${process.pid}-${i}` }),
        reason: 'race',
      });
      say(`OK ${r.refundNumber}`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      say(`NO ${err.code} ${err.message}`);
    }
  }
  sqlite.close();
}

main().catch((err) => {
  say(`FATAL ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
