/**
 * `npm run db:seed [-- --data-dir <dir>]`: loads the demo data (5 packages, 8 customers with PPPoE
 * accounts, subscriptions and months of invoices and payments, see core/demo.ts) into the database,
 * creating and migrating it if needed. Safe to run twice.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../app';
import { hostKeyStore } from '../core/crypto/key-file';
import { loadDemoData } from '../core/demo';
import { consoleLogger } from '../logging/logger';
import { defaultDataDir } from '../host/paths';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'key-file': { type: 'string' } },
  strict: true,
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
// The same database key as `npm run serve` on this data folder.
const app = createApp({
  dataDir,
  migrationsFolder: path.join(root, 'drizzle'),
  logger: consoleLogger(true),
  keyStore: hostKeyStore(dataDir, values['key-file']),
});
try {
  const r = loadDemoData({ app: app.ctx, session: null, transport: 'internal' });
  console.log(
    `Demo data in ${dataDir}: ${r.packages} package(s), ${r.customers} customer(s) with their PPPoE accounts, ${r.invoices} invoice(s) and ${r.payments} payment(s) added.`,
  );
} finally {
  app.close();
}
