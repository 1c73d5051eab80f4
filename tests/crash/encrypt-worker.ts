/**
 * Child process for tests/crash/encrypt-kill.test.ts: starts the app with a key store on a data folder
 * holding a plain database, so the first start encrypts it in place. Each progress phase is written to
 * stdout synchronously (`PHASE <name>`), so the parent can kill it inside a chosen phase.
 */
import fs from 'node:fs';
import { createApp } from '../../src-main/app';
import { fileKeyStore } from '../../src-main/core/crypto/key-file';
import { createEventBus } from '../../src-main/core/events';
import { silentLogger } from '../../src-main/logging/logger';

const args = JSON.parse(process.argv[2]!) as { dataDir: string; keyDir: string; migrations: string };
const events = createEventBus();
events.subscribe((e) => {
  if (e.name === 'encryption.progress') fs.writeSync(1, `PHASE ${String(e.payload.phase)}\n`);
});
fs.writeSync(1, 'START\n');
const app = createApp({
  dataDir: args.dataDir,
  migrationsFolder: args.migrations,
  logger: silentLogger,
  events,
  keyStore: fileKeyStore({ dir: args.keyDir, dataDir: args.dataDir }),
});
app.close();
fs.writeSync(1, 'OPENED\n');
