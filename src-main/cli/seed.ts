/**
 * `npm run db:seed [-- --data-dir <dir>]`: loads the demo data (the product description's 5 packages
 * and 5 customers) into the database, creating and migrating it if needed. Safe to run twice.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../app';
import { loadDemoData } from '../core/demo';
import { consoleLogger } from '../core/logger';
import { defaultDataDir } from '../host/paths';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
const app = createApp({ dataDir, migrationsFolder: path.join(root, 'drizzle'), logger: consoleLogger(true) });
try {
  const r = loadDemoData({ app: app.ctx, session: null, transport: 'internal' });
  console.log(`Demo data in ${dataDir}: ${r.packages} package(s) and ${r.customers} customer(s) added.`);
} finally {
  app.close();
}
