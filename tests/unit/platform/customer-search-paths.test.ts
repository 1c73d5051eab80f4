import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { seedCustomers } from '../../bench/platform.bench';
import { searchCustomers, type CustomerSortField } from '../../../src-main/data/customers.repository';
import { partialCustomerHits } from '../../../src-main/data/billing/cashdesk.queries';
import { likePattern } from '../../../src-main/data/sql';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

// The list's orders (as the repository sorts), written out again: the reference must not share the code.
const ORDER: Record<CustomerSortField, string> = {
  customerCode: 'c.customer_code',
  name: 'c.name COLLATE NOCASE',
  joinDate: 'c.join_date',
  status: 'c.status',
  deposit: 'c.deposit',
  createdAt: 'c.id',
};

/** The plain LIKE scan every fast path must agree with: the page and the total. */
function scanned(needle: string, q: { field: CustomerSortField; dir: 'ASC' | 'DESC'; status?: string }) {
  const db = t!.app.ctx.sqlite;
  const status = q.status ? 'AND c.status = @status' : '';
  return (
    db
      .prepare(
        `SELECT c.id FROM customers c NOT INDEXED WHERE c.search_text LIKE @p ESCAPE '\\' ${status}
          ORDER BY ${ORDER[q.field]} ${q.dir}, c.id ${q.dir}`,
      )
      .all({ p: likePattern(needle), status: q.status }) as { id: number }[]
  ).map((r) => r.id);
}

/**
 * 600 generated customers, a few whose texts hold what a phrase or a LIKE could get wrong, and 300 whose
 * common name sorts last (a dense needle whose hits all lie past the walk's budget in name order).
 */
async function seeded() {
  t = await testApp();
  seedCustomers(t.app.ctx.sqlite, 600);
  const ins = t.app.ctx.sqlite.prepare(
    "INSERT INTO customers(customer_code, name, status, join_date) VALUES (?, ?, 'active', '2025-01-01')",
  );
  for (let i = 1; i <= 300; i++) ins.run(`ZZ${i}`, `Zz Klaster ${i}`);
  // Letters found only in a text's last two characters, which no trigram starts with (shortNeedleHits).
  const tail = t.app.ctx.sqlite.prepare(
    "INSERT INTO customers(customer_code, name, id_card, status, join_date) VALUES (?, ?, ?, 'suspended', '2025-01-01')",
  );
  for (const [code, card] of [
    ['TL1', 'kq'],
    ['TL2', 'ψ'],
    ['TL3', 'wψ'],
    ['TL4', 'Q'],
  ])
    tail.run(code, `Ekor ${code}`, card);
  for (const name of ['ÉLISE Ñoño', 'élise "kutip" 100%', 'a_b\\c Jaya', 'KELVIN KUS', 'İstanbul Mart'])
    await t.ok('customers.create', { name, email: `${name.length}@X.ID` });
  // Phones as typed (separators, +62 and 0), and numbers repeating inside one customer's text (a needle of
  // digits found twice in one row must count it once): customer_digit_terms.
  for (const [name, phone, idCard] of [
    ['Telepon Satu', '0812-3456-7801', '3201123456789012'],
    ['Telepon Dua', '0812 3456 7802', null],
    ['Telepon Tiga', '+62 812-3456-7803', '3201123456789012'],
    ['Telepon Empat', '+6281234567804', '1111111111111111'],
    ['Ulang 0812 0812', '0812 0812 0812', '0812081208120812'],
    ['Nol 000000', '0000 0000', '0000000000000000'],
  ] as const)
    await t.ok('customers.create', { name, phone, idCard });
  return t.app.ctx.sqlite
    .prepare('SELECT search_text AS s FROM customers')
    .all()
    .map((r) => (r as { s: string }).s);
}

const UNIT = fc.constantFrom('a', 'A', 'u', 's', 't', '0', '1', ' ', '@', 'é', 'É', '%', '_', '"', '\\', '.');

/** Runs of digits cut out of the stored texts, and digits typed with separators. */
function digitNeedles(texts: string[]) {
  const runs = texts.flatMap((s) => s.match(/[0-9]{4,}/g) ?? []);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...runs), fc.nat(), fc.integer({ min: 4, max: 16 }))
      .map(([run, at, len]) => run.slice(at % run.length, (at % run.length) + len)),
    fc.constantFrom(
      '0812',
      '081234',
      '8123456',
      '81234567803',
      '3200000000000',
      '0000',
      '00000000',
      '000000000000000000',
      '1111',
      '08120812',
      '62812',
      '6281234567804',
      '812-34',
      '0812 3456',
      '+62 812',
      '3456-7801',
    ),
    fc.string({ unit: fc.constantFrom('0', '1', '2', '8', ' ', '-', '+'), minLength: 4, maxLength: 9 }),
  );
}

function needles(texts: string[]) {
  return fc.oneof(
    digitNeedles(texts),
    // Cut out of a stored text (hits), sometimes upper-cased (LIKE folds A–Z only).
    fc
      .tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 8 }), fc.boolean())
      .map(([s, at, len, upper]) => {
        const cut = [...s].slice(at % s.length, (at % s.length) + len).join('');
        return upper ? cut.toUpperCase() : cut;
      }),
    // Dense ones (most rows: the page is walked from the sort index) and made-up ones.
    fc.constantFrom(
      'cust',
      'ust0',
      '081',
      'mail',
      '.id',
      'nur',
      'budi',
      'a s',
      '3200',
      'élise',
      'ÉLISE',
      'kus',
      'klaster',
      'q',
      'kq',
      'ψ',
      'wψ',
      'Q',
      'ek',
    ),
    fc.string({ unit: UNIT, minLength: 1, maxLength: 5 }),
  );
}

/** customers.list's search of `needle` in the scan's terms (ASC/DESC, status), page `page` of `size`. */
function listPage(
  db: Parameters<typeof searchCustomers>[0],
  needle: string,
  o: { field: CustomerSortField; dir: 'ASC' | 'DESC'; status?: string },
  page: number,
  size: number,
  countCap?: number,
) {
  return searchCustomers(db, needle, {
    status: o.status as 'active' | undefined,
    sort: { field: o.field, dir: o.dir === 'ASC' ? 'asc' : 'desc' },
    limit: size,
    offset: page * size,
    countCap,
  });
}

describe('customer search: every path gives what a plain LIKE scan gives', () => {
  it('customers.list: same page and total for every needle, sort, direction, status and page', async () => {
    const texts = await seeded();
    const db = t!.app.ctx.sqlite;
    const field = fc.constantFrom<CustomerSortField>(
      'name',
      'customerCode',
      'joinDate',
      'status',
      'deposit',
      'createdAt',
    );
    await fc.assert(
      fc.property(
        needles(texts),
        field,
        fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
        fc.constantFrom(undefined, 'active', 'suspended'),
        // Pages 0–4, and deep ones (a scan cuts pages past its first 500 rows with OFFSET).
        fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(21, 60)),
        fc.constantFrom(10, 25),
        (needle, f, dir, status, page, size) => {
          const want = scanned(needle, { field: f, dir, status });
          const got = listPage(db, needle, { field: f, dir, status }, page, size);
          expect(got.total).toBe(want.length);
          expect(got.items.map((c) => c.id)).toEqual(want.slice(page * size, page * size + size));
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('customers.list past a count cap: same page; total exact up to the cap, then "cap+" while more pages exist', async () => {
    const texts = await seeded();
    const db = t!.app.ctx.sqlite;
    await fc.assert(
      fc.property(
        needles(texts),
        fc.constantFrom<CustomerSortField>('name', 'customerCode', 'createdAt', 'deposit'),
        fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
        fc.constantFrom(undefined, 'active', 'suspended'),
        fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(7, 8, 21, 60)),
        fc.constantFrom(10, 25),
        // Caps below, around and above the dense needles' hits (a few hundred of these 915 customers).
        fc.constantFrom(5, 40, 200, 1_000),
        (needle, f, dir, status, page, size, cap) => {
          const want = scanned(needle, { field: f, dir, status });
          const got = listPage(db, needle, { field: f, dir, status }, page, size, cap);
          const ids = got.items.map((c) => c.id);
          expect(ids).toEqual(want.slice(page * size, page * size + size));
          if (want.length <= cap || !got.totalIsLowerBound) {
            expect(got.total).toBe(want.length);
            expect(got.totalIsLowerBound).toBe(false);
          } else {
            // "cap+" (or past this page): a lower bound that says exactly whether a next page exists.
            expect(want.length).toBeGreaterThan(page * size + size);
            expect(got.total).toBe(Math.max(cap, page * size + size + 1));
          }
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
    // A dense needle past the cap: page 1 says "cap+", the last page the exact total.
    const all = scanned('mail', { field: 'name', dir: 'ASC' });
    const first = searchCustomers(db, 'mail', {
      sort: { field: 'name', dir: 'asc' },
      limit: 10,
      offset: 0,
      countCap: 40,
    });
    expect(all.length).toBeGreaterThan(60);
    expect(first).toMatchObject({ total: 40, totalIsLowerBound: true });
    const lastPage = Math.ceil(all.length / 10) - 1;
    const end = searchCustomers(db, 'mail', {
      sort: { field: 'name', dir: 'asc' },
      limit: 10,
      offset: lastPage * 10,
      countCap: 40,
    });
    expect(end).toMatchObject({ total: all.length, totalIsLowerBound: false });
    expect(end.items.map((c) => c.id)).toEqual(all.slice(lastPage * 10));
  });

  it('customers.list where samples misplace dense hits in name order: same page and total as the scan', async () => {
    // Two needles of 2,400 hits each, enough for the walk's budget to be sampled (walkLength): "klaster"'s
    // first 80 customers by id (the hits sampled) sort first and the rest last, "tumpuk"'s the other way
    // round, so the samples say a walk is short where it is long and long where it is short.
    t = await testApp();
    const db = t.app.ctx.sqlite;
    seedCustomers(db, 1_500);
    const ins = db.prepare('INSERT INTO customers(customer_code, name, status, join_date) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const [word, early, late] of [
        ['Klaster', 'Aa', 'Zz'],
        ['Tumpuk', 'Zy', 'Ab'],
      ] as const)
        for (let i = 1; i <= 2_400; i++)
          ins.run(
            `${word.slice(0, 2).toUpperCase()}${i}`,
            `${i <= 80 ? early : late} ${word} ${i}`,
            i % 4 === 0 ? 'suspended' : i % 7 === 0 ? 'inactive' : 'active',
            '2025-01-01',
          );
    })();
    const prepare = vi.spyOn(db, 'prepare');
    await fc.assert(
      fc.property(
        fc.constantFrom('klaster', 'tumpuk', 'aa k', 'zz kl', 'ab tu', 'zy', 'ster 1', 'puk 2', 'budi', 'mail'),
        fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
        fc.constantFrom(undefined, 'active', 'suspended'),
        fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(7, 60, 95, 200)),
        fc.constantFrom(10, 25),
        fc.constantFrom(undefined, 5_000),
        (needle, dir, status, page, size, cap) => {
          const want = scanned(needle, { field: 'name', dir, status });
          const got = listPage(db, needle, { field: 'name', dir, status }, page, size, cap);
          expect(got.items.map((c) => c.id)).toEqual(want.slice(page * size, page * size + size));
          if (got.totalIsLowerBound) {
            expect(want.length).toBeGreaterThan(page * size + size);
            expect(got.total).toBe(Math.max(cap ?? 1_000, page * size + size + 1));
          } else expect(got.total).toBe(want.length);
        },
      ),
      { numRuns: 300, seed: 20261207 },
    );
    // The samples were taken (the property went through walkLength, not only through the walk or the sort).
    expect(prepare.mock.calls.some(([sql]) => /json_each\(@ids\)/.test(sql) && /customers_hits_idx/.test(sql))).toBe(
      true,
    );
  });

  it('cash desk: the first hits in id order, then usernames, for every needle', async () => {
    const texts = await seeded();
    const db = t!.app.ctx.sqlite;
    db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
       VALUES ('Paket 1', 1024, 2048, 100000, 'monthly', 30, 'P1')`,
    ).run();
    // Usernames of every case, some whose rare letters sit only in their last two characters.
    const names = ['pel', 'Xq', 'aK', 'zQ', 'q', 'Bb_', 'k%z', 'é1', 'ÉLQ'];
    db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name)
       SELECT id, 1, json_extract(?, '$[' || (id % 9) || ']') || id, 'x', 'P1' FROM customers WHERE id % 4 = 0`,
    ).run(JSON.stringify(names));
    db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name)
       VALUES (1, 1, 'ujungQ', 'x', 'P1'), (2, 1, 'ekorXK', 'x', 'P1'), (3, 1, 'W', 'x', 'P1')`,
    ).run();
    const users = (db.prepare('SELECT username AS u FROM pppoe_accounts').all() as { u: string }[]).map((r) => r.u);
    const ids = (sql: string, ...p: unknown[]) => (db.prepare(sql).all(...p) as { id: number }[]).map((r) => r.id);
    await fc.assert(
      fc.property(fc.oneof(needles(texts), needles(users)), fc.constantFrom(1, 10, 50), (typed, limit) => {
        const needle = typed.toLowerCase(); // as cashdeskLookup passes it
        const like = likePattern(needle);
        const want = [
          ...ids(
            `SELECT id FROM customers NOT INDEXED WHERE search_text LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?`,
            like,
            limit,
          ),
          ...ids(
            `SELECT customer_id AS id FROM pppoe_accounts NOT INDEXED WHERE username LIKE ? ESCAPE '\\'
              ORDER BY username COLLATE NOCASE LIMIT ?`,
            like,
            limit,
          ),
        ];
        expect(partialCustomerHits(db, needle, limit)).toEqual(want);
      }),
      { numRuns: 600, seed: 20261207 },
    );
  });
});
