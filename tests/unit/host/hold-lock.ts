/**
 * `node --import tsx tests/unit/host/hold-lock.ts <dataDir> <kind>`: another process holding a data
 * folder (as `npm run serve` would), for tests of what the other host does then. Prints `READY <pid>`,
 * holds the lock until killed.
 */
import { lockDataDir } from '../../../src-main/data/data-dir-lock';

lockDataDir(process.argv[2]!, { kind: process.argv[3] ?? 'browser host' });
process.stdout.write(`READY ${process.pid}\n`);
setInterval(() => undefined, 60_000);
