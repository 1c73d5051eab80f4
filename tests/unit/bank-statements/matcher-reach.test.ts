/**
 * The matcher tests a bill's references and name by hash before it builds them (reach.ts, runs.ts; issue 20).
 * A hash not found must never drop a bill a line could find: on ledgers where many bills share a package
 * price and names share words, honorifics and repeats, and on both reference paths (every reference keyed,
 * or only those whose hash a run's is), it suggests exactly what the matcher that indexed every bill did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchStatementLines,
  REF_COST_IN_RUNS,
  type MatchLine,
  type OpenBill,
} from '../../../src-main/core/reconciliation/matcher';
import {
  addNameWordHashes,
  hashOf,
  HashBits,
  nameMayBeFound,
  refKeyHash,
} from '../../../src-main/core/reconciliation/reach';
import { addRunHashes, forEachRun, forEachRunSpan } from '../../../src-main/core/reconciliation/runs';
import { nameWords, refKey, words } from '../../../src-main/core/reconciliation/tokens';
import { referenceMatch } from './matcher-reference';

/** The matcher's rule for a name found in a description (matcher.ts, nameFound). */
const nameFound = (found: number, of: number) => of > 0 && found * 2 >= of && found >= Math.min(2, of);

// Name words drawn from few, with honorifics, repeats, digits, short words and accents.
const NAME_WORDS = ['Budi', 'Siti', 'Agus', 'Salim', 'Dewi', 'Santoso', 'bin', 'Ibu', 'Hj.', 'Nur', 'Al', 'R2',
  'José', 'budi', 'SITI', 'Ahmad', 'Ahmadi'] as const; // prettier-ignore
const nameArb = fc.array(fc.constantFrom(...NAME_WORDS), { minLength: 0, maxLength: 4 }).map((ws) => ws.join(' '));
const PRICES = [100_000, 150_000] as const;

const billsArb = (min: number, max: number) =>
  fc.array(
    fc.record({
      name: nameArb,
      price: fc.constantFrom(...PRICES),
      code: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined, freq: 4 }),
      invoice: fc.integer({ min: 1, max: 40 }),
      customerCode: fc.constantFrom('CUST0007', 'PLG-00012', 'C-1', 'ÉTÉ-0042', 'cust 0071'),
      issueDate: fc.constantFrom('2026-10-20', '2026-11-01'),
    }),
    { minLength: min, maxLength: max },
  );

type Seeds<A> = A extends fc.Arbitrary<infer T> ? T : never;

const toBills = (seeds: Seeds<ReturnType<typeof billsArb>>): OpenBill[] =>
  seeds.map((s, i) => ({
    id: i + 1,
    customerId: 1 + (i % 7),
    customerCode: s.customerCode,
    customerName: s.name,
    invoiceNumber: `INV-202611-${String(s.invoice).padStart(5, '0')}`,
    amount: s.price + (s.code ?? 0),
    ...(s.code === undefined ? {} : { baseAmount: s.price }),
    issueDate: s.issueDate,
    dueDate: '2026-11-20',
  }));

/** Descriptions: name words (some cut short, as banks do), references with separators, noise. */
const pieceArb = fc.oneof(
  fc.constantFrom(...NAME_WORDS),
  fc.constantFrom('SANT', 'AHMA', 'BINTI', 'TRSF E-BANKING CR', 'BAYAR', 'KR OTOMATIS', 'INV'),
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('', ' ', '-', '/'))
    .map(([n, sep]) => ['INV', '202611', String(n).padStart(5, '0')].join(sep)),
  fc.constantFrom('CUST 0007', 'plg00012', 'ete 0042', 'CUST0071'),
);
const linesArb = (min: number, max: number) =>
  fc.array(
    fc.record({
      pieces: fc.array(pieceArb, { minLength: 0, maxLength: 6 }),
      amount: fc.oneof(
        fc.constantFrom(...PRICES),
        fc.constantFrom(...PRICES).chain((p) => fc.integer({ min: 1, max: 9 }).map((c) => p + c)),
        fc.integer({ min: 1, max: 200_000 }),
      ),
      date: fc.constantFrom('2026-10-01', '2026-11-05'),
    }),
    { minLength: min, maxLength: max },
  );
const toLines = (seeds: Seeds<ReturnType<typeof linesArb>>): MatchLine[] =>
  seeds.map((s, i) => ({ fingerprint: `fp-${i}`, date: s.date, amount: s.amount, description: s.pieces.join(' ') }));

/** Whether the matcher keys every reference (true) or only those whose hash a run's is (matcher.ts). */
function keysEveryReference(lines: MatchLine[], bills: OpenBill[]): boolean {
  const longest = Math.max(0, ...bills.flatMap((b) => [refKey(b.invoiceNumber).length, refKey(b.customerCode).length]));
  let runs = 0;
  for (const l of lines) forEachRunSpan(words(`${l.description} `), longest, () => runs++);
  return 2 * bills.length * REF_COST_IN_RUNS <= runs;
}

describe('the matcher with references and names tested by hash first (issue 20)', () => {
  it('many bills of a package price, names sharing words: the same suggestions, references by hash', () => {
    fc.assert(
      fc.property(billsArb(10, 120), linesArb(1, 12), (b, l) => {
        const bills = toBills(b);
        const lines = toLines(l);
        fc.pre(!keysEveryReference(lines, bills));
        expect(matchStatementLines(lines, bills)).toEqual(referenceMatch(lines, bills));
      }),
      { numRuns: 300 },
    );
  });

  it('a long statement beside a small ledger: the same suggestions, every reference keyed', () => {
    fc.assert(
      fc.property(billsArb(1, 3), linesArb(40, 80), (b, l) => {
        const bills = toBills(b);
        const lines = toLines(l);
        fc.pre(keysEveryReference(lines, bills));
        expect(matchStatementLines(lines, bills)).toEqual(referenceMatch(lines, bills));
      }),
      { numRuns: 100 },
    );
  });

  it('a bill paid without its code under its full name is found among 200 of its price', () => {
    const bills = toBills(
      Array.from({ length: 200 }, (_, i) => ({
        name: i === 137 ? 'Ibu Dewi binti Salim' : ['Budi Santoso', 'Siti Nur', 'Agus Ahmad'][i % 3]!,
        price: 150_000,
        code: 1 + (i % 9),
        invoice: 1 + (i % 40),
        customerCode: 'C-1',
        issueDate: '2026-11-01',
      })),
    );
    const lines = toLines([{ pieces: ['KR OTOMATIS', 'DEWI SALIM'], amount: 150_000, date: '2026-11-05' }]);
    const [m] = matchStatementLines(lines, bills);
    expect(m!.suggestions.map((s) => [s.billId, s.reasons])).toEqual([[138, ['name', 'base_amount']]]);
    expect([m]).toEqual(referenceMatch(lines, bills));
  });
});

describe('hash tests never drop what they stand for', () => {
  it('HashBits has every hash added', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x3fffffff }), { maxLength: 300 }), (hs) => {
        const bits = new HashBits(hs.length);
        for (const h of hs) bits.add(h);
        for (const h of hs) expect(bits.has(h)).toBe(true);
      }),
    );
  });

  it('a statement of 100,000 distinct runs: a hash never added is found about 1 time in 32', () => {
    const bits = new HashBits(100_000);
    for (let i = 0; i < 100_000; i++) bits.add(hashOf(`RUN${i}`));
    let stray = 0;
    for (let i = 0; i < 100_000; i++) if (bits.has(hashOf(`REF${i}`))) stray++;
    expect(stray).toBeLessThan(100_000 / 20);
  });

  it('every run the matcher looks a reference up by has its hash in the runs hashed', () => {
    const wordArb = fc.stringMatching(/^([A-Z]{1,6}|[0-9]{1,6})$/);
    fc.assert(
      fc.property(fc.array(wordArb, { maxLength: 12 }), fc.integer({ min: 0, max: 20 }), (ws, longest) => {
        const bits = new HashBits(100);
        addRunHashes(ws, longest, bits);
        forEachRun(ws, longest, (run) => expect(bits.has(hashOf(run))).toBe(true));
      }),
    );
  });

  it('a reference key is hashed as the key itself', () => {
    const out = new Int32Array(2);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09 -/._\u0000é'.split('')), maxLength: 20 }), (t) => {
        refKeyHash(t, out, 0);
        expect(out[0]).toBe(hashOf(refKey(t)));
      }),
    );
  });

  it('nameMayBeFound answers true whenever some description holds the name as the matcher counts it', () => {
    const descArb = fc.array(fc.constantFrom(...NAME_WORDS, 'SANT', 'BAYAR', '0042'), { maxLength: 5 });
    fc.assert(
      fc.property(nameArb, fc.array(descArb, { maxLength: 4 }), (name, descs) => {
        const hashes = new Set<number>();
        const name_ = nameWords(name);
        let holds = false;
        for (const d of descs) {
          const ws = words(d.join(' '));
          addNameWordHashes(ws, hashes);
          const all = new Set(ws);
          if (nameFound(name_.filter((w) => all.has(w)).length, name_.length)) holds = true;
        }
        if (holds) expect(nameMayBeFound(name, hashes)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('nameMayBeFound answers false when the descriptions cannot hold the name', () => {
    const hashesOf = (text: string) => {
      const set = new Set<number>();
      addNameWordHashes(words(text), set);
      return set;
    };
    expect(nameMayBeFound('Agus Salim', hashesOf('BUDI SANTOSO 150000'))).toBe(false);
    expect(nameMayBeFound('Agus Salim', hashesOf('AGUS'))).toBe(false); // two words need two
    expect(nameMayBeFound('Ibu Dewi', hashesOf('IBU'))).toBe(false); // an honorific is no name word
    expect(nameMayBeFound('Agus Budi Salim Nur', hashesOf('AGUS BUDI'))).toBe(true);
    expect(nameMayBeFound('Agus Budi Salim Nur Ahmad', hashesOf('AGUS BUDI'))).toBe(false); // less than half
    expect(nameMayBeFound('Budi Budi', hashesOf('BUDI'))).toBe(true);
    const ten = 'Aaa Bbb Ccc Ddd Eee Fff Ggg Hhh Iii Jjj';
    expect(nameMayBeFound(ten, hashesOf('AAA BBB CCC DDD EEE'))).toBe(true); // half of ten words
    expect(nameMayBeFound(ten, hashesOf('AAA BBB CCC DDD'))).toBe(false);
    expect(nameMayBeFound('Dewi', hashesOf('DEWI'))).toBe(true);
    expect(nameMayBeFound('José Müller', hashesOf('BUDI'))).toBe(true); // not ASCII: the matcher decides
  });
});
