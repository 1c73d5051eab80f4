/**
 * Child process for the outbox crash test (tests/crash/messaging-kill.test.ts): opens the app on a
 * data dir the parent prepared, recovers what a previous run left "sending", then drains the outbox
 * until nothing is queued and says `DONE`. The parent SIGKILLs it in the middle of a send.
 */
import fs from 'node:fs';
import { createApp } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { MessageWorker } from '../../src-main/core/messaging/worker';
import { silentLogger } from '../../src-main/logging/logger';

interface Args {
  dataDir: string;
  migrations: string;
  keyDir?: string;
}
const args = JSON.parse(process.argv[2]!) as Args;

async function main() {
  const app = createApp({
    dataDir: args.dataDir,
    migrationsFolder: args.migrations,
    logger: silentLogger,
    appVersion: '0.0.0-crash',
    ...(args.keyDir ? { keyStore: fileKeyStore({ dir: args.keyDir, dataDir: args.dataDir }) } : {}),
  });
  const worker = new MessageWorker(app);
  fs.writeSync(1, `RECOVERED ${await worker.recover()}\n`);
  // The channel's gap is 0 and there are no quiet hours: one drain sends everything due.
  for (;;) {
    const r = await worker.drain();
    if (r.nextAt === null) break;
  }
  await worker.close();
  app.close();
  fs.writeSync(1, 'DONE\n');
}

main().catch((err: unknown) => {
  fs.writeSync(2, `${String(err)}\n`);
  process.exit(1);
});
