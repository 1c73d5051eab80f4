/*
 * Writes tests/fixtures/brands-migration/: a database made by the code BEFORE brands existed (demo data,
 * one router, a manual invoice) and figures.json, every figure that code reads from it. Run it in a
 * checkout of that code (e.g. `git archive <commit> | tar -x -C /tmp/old`, copy this folder in, link
 * node_modules) with `npx tsx tests/unit/brands/make-fixture.ts <output dir>`; the brands migration test
 * then opens the database with this code and demands the same figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../../src-main/app';
import { createFirstAdmin } from '../../../src-main/core/auth';
import { silentLogger } from '../../../src-main/logging/logger';
import { FakeClock, MIGRATIONS, tempDir } from '../../helpers/app';
import { FIXTURE_NOW, nextNumbers, readFigures } from './migration-figures';

const out = path.resolve(process.argv[2] ?? 'tests/fixtures/brands-migration');
const dataDir = tempDir();
const open = () =>
  createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    clock: new FakeClock(Date.parse(FIXTURE_NOW)),
    logger: silentLogger,
    appVersion: 'before-brands',
  });

async function main() {
  let app = open();
  const { token } = await createFirstAdmin(
    { app: app.ctx, session: null, transport: 'internal' },
    { username: 'admin', fullName: 'Admin', password: 'Rahasia-Kantor-1' },
  );
  const ok = async (channel: string, input: unknown) => {
    const r = await app.call(channel, input, { transport: 'http', token });
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await ok('settings.update', { ispName: 'Net Lama', ispAddress: 'Jl. Lama 1', invoicePrefix: 'TAG' });
  await ok('demo.load', {});
  await ok('routers.create', { name: 'Kantor', host: '127.0.0.2', username: 'api', password: 'rahasia' });
  const first = (await ok('customers.list', { page: 1, pageSize: 1 })) as { items: { id: number }[] };
  await ok('invoices.create', { customerId: first.items[0]!.id, amount: 75_000, description: 'Ganti kabel' });
  const rows = (sql: string) => app.ctx.sqlite.prepare(sql).all();
  const figures = await readFigures(ok, rows);
  app.close();
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(dataDir, 'pppoe-desk.sqlite'), path.join(out, 'before-brands.sqlite'));
  app = open();
  const next = await nextNumbers(ok);
  app.close();
  fs.writeFileSync(path.join(out, 'figures.json'), JSON.stringify({ figures, next }, null, 1) + '\n');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

void main();
