/**
 * The matcher indexes only the bills a statement can reach, by bill position, with ASCII fast paths for
 * references and names (issue 20): on random statements and ledgers it must suggest exactly what the
 * matcher that indexed every bill suggested (matcher-reference.ts), on both of its reference paths (a
 * small ledger: every reference indexed; a large one: only those the statement's runs name).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchStatementLines, type MatchLine, type OpenBill } from '../../../src-main/core/reconciliation/matcher';
import { hashOf, refKeyHash } from '../../../src-main/core/reconciliation/reach';
import { nameWords, refKey, words } from '../../../src-main/core/reconciliation/tokens';
import { referenceMatch, referenceNameWords } from './matcher-reference';

// Few names, amounts and dates, so that lines and bills collide: shared words, shared amounts, rivals.
const NAMES = ['Budi Santoso', 'Siti Aminah', 'Agus bin Salim', 'Dewi', 'Hj. Siti Nur', 'José Müller', 'Ny. ẞtraße',
  'Budi Budi', 'R2D2 Andi', 'ÆON Čech', 'Wayan', 'al-Fauzi'] as const; // prettier-ignore
const PRICES = [100_000, 150_000, 200_000] as const;
const DATES = ['2026-10-20', '2026-11-01', '2026-11-05', '2026-11-30'] as const;
const SEPARATORS = ['', ' ', '-', '/', '.'] as const;

const billArb = fc.record({
  name: fc.constantFrom(...NAMES),
  code: fc.constantFrom('CUST0007', 'cust-0071', 'C-1', 'PLG 00012', 'ÉTÉ-0042', 'A/B/C/D/E'),
  invoice: fc.integer({ min: 1, max: 60 }),
  price: fc.constantFrom(...PRICES),
  code3: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  issueDate: fc.constantFrom(...DATES),
});

type BillSeed = typeof billArb extends fc.Arbitrary<infer T> ? T : never;
type LineSeed = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

const toBills = (seeds: BillSeed[]): OpenBill[] =>
  seeds.map((s, i) => ({
    id: i + 1,
    customerId: 1 + (i % 5),
    customerCode: s.code,
    customerName: s.name,
    invoiceNumber: `INV-202611-${String(s.invoice).padStart(5, '0')}`,
    amount: s.price + (s.code3 ?? 0),
    ...(s.code3 === undefined ? {} : { baseAmount: s.price }),
    issueDate: s.issueDate,
    dueDate: '2026-11-20',
  }));

/** A description: pieces of the bills' names and references written with separators, and noise. */
const pieceArb = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom('TRSF E-BANKING CR', 'BAYAR', 'SETORAN TUNAI', 'BI-FAST', 'KR OTOMATIS', '0711', 'INV', 'ibu'),
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom(...SEPARATORS))
    .map(([n, sep]) => ['INV', '202611', String(n).padStart(5, '0')].join(sep)),
  fc.constantFrom('CUST 0007', 'CUST0071', 'cust/0071', 'PLG00012', 'ete 0042', 'ABCDE'),
);

const lineArb = fc.record({
  pieces: fc.array(pieceArb, { minLength: 0, maxLength: 5 }),
  amount: fc.oneof(
    fc.constantFrom(...PRICES),
    fc.constantFrom(...PRICES).chain((p) => fc.integer({ min: 1, max: 4 }).map((c) => p + c)),
    fc.integer({ min: 1, max: 300_000 }),
  ),
  date: fc.constantFrom(...DATES),
  bankReference: fc.option(fc.constantFrom('INV/202611/00003', 'REF 123456'), { nil: undefined }),
});

const toLines = (seeds: LineSeed[]): MatchLine[] =>
  seeds.map((s, i) => ({
    fingerprint: `fp-${i}`,
    date: s.date,
    amount: s.amount,
    description: s.pieces.join(' '),
    ...(s.bankReference === undefined ? {} : { bankReference: s.bankReference }),
  }));

describe('matcher equivalence with the matcher that indexed every bill (issue 20)', () => {
  /** Random ledgers and statements of these sizes: the matcher answers as the reference does. */
  const agreesOn = (billCount: [number, number], lineCount: [number, number]) =>
    fc.assert(
      fc.property(
        fc.array(billArb, { minLength: billCount[0], maxLength: billCount[1] }),
        fc.array(lineArb, { minLength: lineCount[0], maxLength: lineCount[1] }),
        (b, l) => {
          const bills = toBills(b);
          const lines = toLines(l);
          expect(matchStatementLines(lines, bills)).toEqual(referenceMatch(lines, bills));
        },
      ),
      { numRuns: 300 },
    );

  it('small ledgers, long statements: every reference indexed', () => agreesOn([0, 4], [1, 30]));

  it('large ledgers, short statements: only the references the runs name', () => agreesOn([20, 80], [1, 3]));

  it('a reference written with separators finds its bill on the large-ledger path', () => {
    const bills = toBills(
      Array.from({ length: 40 }, (_, i) => ({
        name: 'Dewi',
        code: 'C-1',
        invoice: i + 1,
        price: 150_000,
        code3: undefined,
        issueDate: '2026-11-01',
      })),
    );
    const lines = toLines([
      { pieces: ['BAYAR INV/202611/00017'], amount: 90_000, date: '2026-11-05', bankReference: undefined },
    ]);
    const [m] = matchStatementLines(lines, bills);
    expect(m!.suggestions[0]).toMatchObject({ billId: 17, reasons: ['invoice_number', 'amount_differs'] });
    expect([m]).toEqual(referenceMatch(lines, bills));
  });
});

describe('token fast paths', () => {
  const text = fc.string({ unit: fc.constantFrom(...'aZ09 -/._éßÆẞﬁ\u0301İı'.split('')), maxLength: 24 });

  it('refKey is the words joined, and refKeyHash its hash and length', () => {
    const out = new Int32Array(2);
    fc.assert(
      fc.property(text, (t) => {
        expect(refKey(t)).toBe(words(t).join(''));
        refKeyHash(t, out, 0);
        expect([...out]).toEqual([hashOf(refKey(t)), refKey(t).length]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('nameWords as before', () => {
    const name = fc.string({ unit: fc.constantFrom(...'abiNnuS7 -.éßÆ'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(name, fc.constantFrom(...NAMES), fc.constantFrom('Bin Binti Ibu', 'abc ABC Abc')), (n) => {
        expect(nameWords(n)).toEqual(referenceNameWords(n));
      }),
      { numRuns: 2_000 },
    );
  });
});
