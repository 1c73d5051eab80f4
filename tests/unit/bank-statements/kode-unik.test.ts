import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateKodeUnik,
  payableAmount,
  type BillForCode,
  type CodeAssignment,
  type KodeUnikSettings,
} from '../../../src-main/core/reconciliation/kode-unik';

const SURCHARGE: KodeUnikSettings = { mode: 'surcharge', min: 1, max: 999 };
type Assigned = Extract<CodeAssignment, { code: number }>;
const assigned = (a: CodeAssignment[]) => a.filter((x): x is Assigned => x.status !== 'exhausted');

describe('allocateKodeUnik', () => {
  it('gives bills of the same amount distinct codes: "transfer exactly Rp 150.123"', () => {
    const out = allocateKodeUnik(
      [1, 2, 3].map((id) => ({ id, baseAmount: 150_000 })),
      SURCHARGE,
    );
    expect(out.map((a) => a.status)).toEqual(['new', 'new', 'new']);
    const codes = assigned(out).map((a) => a.code);
    expect(new Set(codes).size).toBe(3);
    for (const a of assigned(out)) {
      expect(a.code).toBeGreaterThanOrEqual(1);
      expect(a.code).toBeLessThanOrEqual(999);
      expect(a.payable).toBe(150_000 + a.code);
    }
  });

  it('in discount mode the code comes off the bill', () => {
    const [a] = assigned(allocateKodeUnik([{ id: 7, baseAmount: 150_000 }], { ...SURCHARGE, mode: 'discount' }));
    expect(a!.payable).toBe(150_000 - a!.code);
    expect(payableAmount(150_000, 123, 'discount')).toBe(149_877);
    expect(payableAmount(150_000, 123, 'surcharge')).toBe(150_123);
  });

  it('keeps stored codes: a bill keeps its code while open, new bills go around it', () => {
    const first = assigned(allocateKodeUnik([{ id: 1, baseAmount: 150_000 }], SURCHARGE));
    const stored = first[0]!.code;
    const second = allocateKodeUnik(
      [
        { id: 2, baseAmount: 150_000 },
        { id: 1, baseAmount: 150_000, code: stored },
      ],
      SURCHARGE,
    );
    expect(second[0]).toEqual({ id: 1, status: 'kept', code: stored, payable: 150_000 + stored });
    expect(second[1]!.status).toBe('new');
    expect((second[1] as Assigned).payable).not.toBe(150_000 + stored);
  });

  it('moves a stored code that left the range or collides (the lower id keeps it)', () => {
    const out = allocateKodeUnik(
      [
        { id: 5, baseAmount: 100_000, code: 50 },
        { id: 3, baseAmount: 100_010, code: 40 }, // the same payable 100,050 as bill 5: bill 3 keeps it
        { id: 9, baseAmount: 100_000, code: 2_000 }, // out of range after the range was narrowed
      ],
      SURCHARGE,
    );
    expect(out.map((a) => [a.id, a.status])).toEqual([
      [3, 'kept'],
      [5, 'moved'],
      [9, 'moved'],
    ]);
    expect((out[0] as Assigned).payable).toBe(100_050);
    expect((out[1] as Assigned).payable).not.toBe(100_050);
  });

  it('does not give out reserved amounts (bills closed recently) to new codes', () => {
    const reserved = Array.from({ length: 998 }, (_, i) => 150_001 + i); // all but 150,999
    const [a] = assigned(allocateKodeUnik([{ id: 1, baseAmount: 150_000 }], SURCHARGE, reserved));
    expect(a!.payable).toBe(150_999);
  });

  it('uses the amount and the code together, and reports a full window instead of sharing an amount', () => {
    const tiny: KodeUnikSettings = { mode: 'surcharge', min: 1, max: 2 };
    // 100+1, 100+2 and 101+1, 101+2 overlap on 102: four bills, three distinct payable amounts.
    const out = allocateKodeUnik(
      [
        { id: 1, baseAmount: 100 },
        { id: 2, baseAmount: 100 },
        { id: 3, baseAmount: 101 },
        { id: 4, baseAmount: 101 },
      ],
      tiny,
    );
    expect(
      assigned(out)
        .map((a) => a.payable)
        .sort(),
    ).toEqual([101, 102, 103]);
    expect(out.filter((a) => a.status === 'exhausted')).toHaveLength(1);
  });

  it('20,000 open bills over 30 package prices all get codes, every payable amount distinct', () => {
    const prices = Array.from({ length: 30 }, (_, i) => 100_000 + i * 25_000);
    const bills = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, baseAmount: prices[i % 30]! }));
    const out = allocateKodeUnik(bills, SURCHARGE);
    const got = assigned(out);
    expect(got).toHaveLength(20_000);
    expect(new Set(got.map((a) => a.payable)).size).toBe(20_000);
  });

  it('refuses bad input loudly (a programming error, not a customer mistake)', () => {
    expect(() => allocateKodeUnik([{ id: 1, baseAmount: 0 }])).toThrow(RangeError);
    expect(() => allocateKodeUnik([{ id: 1, baseAmount: 10.5 }])).toThrow(RangeError);
    expect(() =>
      allocateKodeUnik([
        { id: 1, baseAmount: 10 },
        { id: 1, baseAmount: 20 },
      ]),
    ).toThrow(RangeError);
    expect(() => allocateKodeUnik([], { mode: 'surcharge', min: 10, max: 5 })).toThrow();
  });
});

describe('allocateKodeUnik properties', () => {
  const settingsArb = fc
    .record({
      mode: fc.constantFrom<KodeUnikSettings['mode']>('surcharge', 'discount'),
      min: fc.integer({ min: 1, max: 30 }),
      width: fc.integer({ min: 0, max: 40 }),
    })
    .map((s) => ({ mode: s.mode, min: s.min, max: s.min + s.width }));
  const billsArb = fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      baseAmount: fc.constantFrom(25, 50, 60, 1_000, 1_010, 1_020, 150_000),
      code: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
    }),
    { selector: (b) => b.id, maxLength: 120 },
  );
  const reservedArb = fc.array(fc.integer({ min: 1, max: 1_100 }), { maxLength: 30 });

  it('no two bills share a payable amount; codes in range; new codes avoid reserved amounts; full windows are really full', () => {
    fc.assert(
      fc.property(billsArb, settingsArb, reservedArb, (bills: BillForCode[], s, reserved) => {
        const out = allocateKodeUnik(bills, s, reserved);
        const got = assigned(out);
        expect(new Set(got.map((a) => a.payable)).size).toBe(got.length);
        const base = new Map(bills.map((b) => [b.id, b.baseAmount]));
        for (const a of got) {
          expect(a.code).toBeGreaterThanOrEqual(s.min);
          expect(a.code).toBeLessThanOrEqual(s.max);
          expect(a.payable).toBe(payableAmount(base.get(a.id)!, a.code, s.mode));
          expect(a.payable).toBeGreaterThan(0);
          if (a.status !== 'kept') expect(reserved).not.toContain(a.payable);
        }
        const taken = new Set([...got.map((a) => a.payable), ...reserved]);
        for (const x of out.filter((a) => a.status === 'exhausted'))
          for (let c = s.min; c <= s.max; c++) {
            const p = payableAmount(base.get(x.id)!, c, s.mode);
            expect(p <= 0 || taken.has(p)).toBe(true);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('deterministic in any input order, and stable: codes fed back are all kept', () => {
    fc.assert(
      fc.property(billsArb, settingsArb, reservedArb, fc.nat(), (bills: BillForCode[], s, reserved, seed) => {
        const out = allocateKodeUnik(bills, s, reserved);
        const shuffled = [...bills].sort((a, b) => ((a.id * 7919 + seed) % 97) - ((b.id * 7919 + seed) % 97));
        expect(allocateKodeUnik(shuffled, s, reserved)).toEqual(out);
        const codes = new Map(assigned(out).map((a) => [a.id, a.code]));
        const again = allocateKodeUnik(
          bills.map((b) => ({ ...b, code: codes.get(b.id) })),
          s,
          reserved,
        );
        for (const a of again) if (codes.has(a.id)) expect(a).toMatchObject({ status: 'kept', code: codes.get(a.id) });
      }),
      { numRuns: 300 },
    );
  });
});
