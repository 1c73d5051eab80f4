/**
 * Child process of refund-race.test.ts: its own app (own SQLite connection) on the shared data dir.
 * It says READY, waits for GO on stdin (so both children race at the same moment), then tries the
 * refunds one after the other and prints `OK <number>` or `NO <code> <message>` for each.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createApp } from '../../../../src-main/app';
import { silentLogger } from '../../../../src-main/core/logger';

interface Args {
  dataDir: string;
  migrations: string;
  token: string;
  customerId: number;
  attempts: number;
  amount: number;
  method: 'cash' | 'bank_transfer';
}
const args = JSON.parse(process.argv[2]!) as Args;
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function main() {
  const app = createApp({
    dataDir: args.dataDir,
    migrationsFolder: args.migrations,
    logger: silentLogger,
    appVersion: '0.0.0-race',
  });
  say('READY');
  const rl = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => rl.once('line', () => resolve()));
  rl.close();
  for (let i = 0; i < args.attempts; i++) {
    const r = await app.call(
      'refunds.create',
      {
        customerId: args.customerId,
        amount: args.amount,
        method: args.method,
        ...(args.method === 'cash' ? {} : { referenceNumber: `TRF-${process.pid}-${i}` }),
        reason: 'race',
      },
      { transport: 'http', token: args.token },
    );
    say(r.ok ? `OK ${(r.value as { refundNumber: string }).refundNumber}` : `NO ${r.error.code} ${r.error.message}`);
  }
  app.close();
}

main().catch((err) => {
  say(`FATAL ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
