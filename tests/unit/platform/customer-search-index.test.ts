import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { seedCustomers } from '../../bench/platform.bench';
import { searchNeedle } from '../../../src-main/core/customers';
import { customerAndPackage } from '../network/net-helpers';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

/** What a substring search must return: every customer whose search text contains the needle (any case). */
function expected(search: string): number[] {
  const needle = searchNeedle(search);
  const rows = t!.app.ctx.sqlite.prepare('SELECT id, search_text AS s FROM customers ORDER BY id').all() as {
    id: number;
    s: string;
  }[];
  const n = needle.toLowerCase();
  if (!n) return rows.map((r) => r.id);
  // SQLite's LIKE and lower() fold ASCII letters only (no ICU): 'Ñ' stays 'Ñ' in the search text.
  return rows.filter((r) => r.s.replace(/[A-Z]/g, (ch) => ch.toLowerCase()).includes(n)).map((r) => r.id);
}

async function found(needle: string): Promise<number[]> {
  const page = await t!.ok('customers.list', {
    search: needle,
    pageSize: 100,
    sort: { field: 'createdAt', dir: 'asc' },
  });
  return page.items.map((c) => c.id);
}

describe('customer search through the trigram index', () => {
  it('finds exactly what a substring scan finds, after inserts, updates and renames', async () => {
    t = await testApp();
    seedCustomers(t.app.ctx.sqlite, 300);
    const made = await t.ok('customers.create', { name: 'Ñoño Øyvind Śląski', phone: '0812-3456-7890' });
    await t.ok('customers.update', { id: 5, name: 'Zulkarnain Harahap', phone: '0857 1111 2222' });
    const needles = fc.oneof(
      fc.constantFrom(
        'budi',
        'SANTOSO',
        'cust00',
        '0812',
        '3456',
        '812-34',
        'zulkar',
        'harahap',
        'ñoño',
        'ski',
        'a b',
        '  ',
      ),
      fc.string({
        minLength: 3,
        maxLength: 6,
        unit: fc.constantFrom('a', 'i', 'u', 'n', 's', 't', '0', '1', '2', ' ', '@'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(needles, async (needle) => {
        const want = expected(needle);
        const page = await t!.ok('customers.list', {
          search: needle,
          pageSize: 100,
          sort: { field: 'createdAt', dir: 'asc' },
        });
        expect(page.total).toBe(want.length);
        expect(page.items.map((c) => c.id)).toEqual(want.slice(0, 100));
      }),
      { numRuns: 60, seed: 20261206 },
    );
    // The old name is gone from the index, the new one is in it.
    expect(await found('Zulkarnain')).toEqual([5]);
    expect(await found(made.name.slice(1, 4))).toEqual([made.id]);
  });

  it('keeps LIKE wildcards literal and short needles working', async () => {
    t = await testApp();
    const a = await t.ok('customers.create', { name: 'Persen 100% Jaya', email: 'a_b@x.id' });
    await t.ok('customers.create', { name: 'Persen 1000 Jaya', email: 'axb@x.id' });
    expect(await found('100%')).toEqual([a.id]);
    expect(await found('a_b')).toEqual([a.id]);
    expect(await found('%')).toEqual([a.id]);
    expect((await found('ja')).length).toBe(2);
  });

  it('answers the cash desk from the trigram indexes too, customers and PPPoE usernames', async () => {
    t = await testApp();
    seedCustomers(t.app.ctx.sqlite, 50);
    const { customer: c, pkg } = await customerAndPackage(t, 'Rahmat Hidayatullah');
    await t.ok('pppoe.create', { customerId: c.id, internetPackageId: pkg.id, username: 'rahmat-rumah' } as never);
    const byName = await t.ok('cashdesk.lookup', { query: 'hidayatul', limit: 10 } as never);
    expect(byName.customers.map((x: { id: number }) => x.id)).toEqual([c.id]);
    const byUser = await t.ok('cashdesk.lookup', { query: 'at-rum', limit: 10 } as never);
    expect(byUser.customers.map((x: { id: number }) => x.id)).toEqual([c.id]);
  });
});
