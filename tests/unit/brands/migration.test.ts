import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';
import { FakeClock, MIGRATIONS, tempDir } from '../../helpers/app';
import { FIXTURE_NOW, nextNumbers, readFigures } from './migration-figures';

/*
 * Issue 18 "existing single-brand installations migrate to one default brand without any change for
 * users": a database made by the code before brands (tests/fixtures/brands-migration, see
 * make-fixture.ts) is opened by this code, migrated, and every figure is the one the old code read.
 */
const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/brands-migration');
const expected = JSON.parse(fs.readFileSync(path.join(fixtureDir, 'figures.json'), 'utf8')) as {
  figures: Record<string, unknown>;
  next: Record<string, string>;
};

/**
 * The brand fields this code adds to list rows, and customers.list's totalIsLowerBound (issue 20, added
 * after the fixture was made); everything else must be identical.
 */
function withoutBrand(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutBrand);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'brandId' && k !== 'brandName' && k !== 'totalIsLowerBound')
        .map(([k, x]) => [k, withoutBrand(x)]),
    );
  }
  return v;
}

let app: App | null = null;
let dataDir = '';
afterEach(() => {
  app?.close();
  app = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openMigrated() {
  dataDir = tempDir();
  fs.copyFileSync(path.join(fixtureDir, 'before-brands.sqlite'), path.join(dataDir, 'pppoe-desk.sqlite'));
  app = createApp({
    dataDir,
    migrationsFolder: MIGRATIONS,
    clock: new FakeClock(Date.parse(FIXTURE_NOW)),
    logger: silentLogger,
    appVersion: '0.0.0-test',
  });
  const login = await app.call(
    'auth.login',
    { username: 'admin', password: 'Rahasia-Kantor-1' },
    { transport: 'http' },
  );
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const { token } = login.value as { token: string };
  const a = app;
  const ok = async (channel: string, input: unknown) => {
    const r = await a.call(channel, input, { transport: 'http', token });
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  return { app: a, ok, rows: (sql: string) => a.ctx.sqlite.prepare(sql).all() };
}

describe('brands migration of a database made before brands', () => {
  it('makes one default brand from Settings and puts every router, package and customer in it', async () => {
    const { rows } = await openMigrated();
    expect(rows('SELECT id, name, address, invoice_prefix AS prefix, reminder_sender AS sender FROM brands')).toEqual([
      { id: 1, name: 'Net Lama', address: 'Jl. Lama 1', prefix: 'TAG', sender: 'Net Lama' },
    ]);
    for (const table of ['customers', 'internet_packages', 'routers']) {
      expect(rows(`SELECT DISTINCT brand_id AS b FROM ${table}`)).toEqual([{ b: 1 }]);
    }
    expect(rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('keeps every figure: counts, totals, lists, dashboard and every report', async () => {
    const { ok, rows } = await openMigrated();
    const now = withoutBrand(await readFigures(ok, rows)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected.figures)) expect({ [key]: now[key] }).toEqual({ [key]: value });
  });

  it('continues the same customer code and invoice numbering', async () => {
    const { ok } = await openMigrated();
    expect(await nextNumbers(ok)).toEqual(expected.next);
  });
});
