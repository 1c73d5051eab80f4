/**
 * Child process of payment-request-race.test.ts: its own SQLite connection (the app's pragmas) on the
 * shared database, calling the payment service directly, as a second writer would. It says READY, waits
 * for GO on stdin (so both processes race at the same moment), then sends each client request id in turn
 * and prints `OK <id> <paymentId> <taken|replayed>` or `NO <id> <code> <message>`.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createPayment } from '../../../../src-main/core/billing/payments';
import { systemClock, type AppContext, type CallContext } from '../../../../src-main/core/context';
import { openSqlite } from '../../../../src-main/db/open';
import { silentLogger } from '../../../../src-main/logging/logger';
import { AppError } from '../../../../src-shared/result';

interface Args {
  dbFile: string;
  /** The database key as hex, when the suite runs encrypted. */
  key: string | null;
  userId: number;
  customerId: number;
  requestIds: string[];
}
const args = JSON.parse(process.argv[2]!) as Args;
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function main() {
  const sqlite = openSqlite(args.dbFile, { key: args.key ? Buffer.from(args.key, 'hex') : null });
  // Only what the payment service reads from the context.
  const app = { sqlite, clock: systemClock, logger: silentLogger, services: {} } as unknown as AppContext;
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
  for (const [i, id] of args.requestIds.entries()) {
    try {
      const p = createPayment(call, {
        customerId: args.customerId,
        amount: 10_000,
        method: 'bank_transfer',
        referenceNumber: `TRF-${i}`,
        clientRequestId: id,
      });
      say(`OK ${id} ${p.id} ${p.replayed ? 'replayed' : 'taken'}`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      say(`NO ${id} ${err.code} ${err.message}`);
    }
  }
  sqlite.close();
}

main().catch((err) => {
  say(`FATAL ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
