import { describe, expect, it } from 'vitest';
import { matchStatementLines, type MatchLine, type OpenBill } from '../../../src-main/core/reconciliation/matcher';
import { parseOk } from './helpers';

const bill = (id: number, over: Partial<OpenBill> = {}): OpenBill => ({
  id,
  customerId: id,
  customerCode: `CUST${String(id).padStart(4, '0')}`,
  customerName: 'Pelanggan Tanpa Nama',
  invoiceNumber: `INV-202611-${String(id).padStart(5, '0')}`,
  amount: 150_000 + id,
  baseAmount: 150_000,
  issueDate: '2026-11-01',
  dueDate: '2026-11-20',
  ...over,
});

let n = 0;
const line = (amount: number, description: string, date = '2026-11-05'): MatchLine => ({
  fingerprint: `fp-${++n}`,
  date,
  amount,
  description,
});

const BILLS: OpenBill[] = [
  bill(7, { customerName: 'Budi Santoso', amount: 150_123 }),
  bill(8, { customerName: 'Siti Aminah', amount: 150_321 }),
  bill(12, { customerName: 'Hendra Gunawan', amount: 200_123, baseAmount: 200_000 }),
  bill(31, { customerName: 'Siti Nurhaliza', amount: 150_555 }),
  bill(77, { customerName: 'Kurniawan', amount: 150_777, invoiceNumber: 'INV-202611-00077' }),
];

const only = (l: MatchLine, bills = BILLS) => matchStatementLines([l], bills)[0]!;

describe('matchStatementLines', () => {
  it('exact unique amount: matched with high confidence, whatever the text', () => {
    const m = only(line(150_321, 'SETORAN TUNAI'));
    expect(m.status).toBe('matched');
    expect(m.suggestions).toEqual([
      { billId: 8, customerId: 8, confidence: 'high', score: 60, reasons: ['unique_amount'] },
    ]);
    // With the sender's name the score rises, the answer stays.
    const named = only(line(150_321, 'TRSF E-BANKING CR 0211/FTSCY/WS95051 150321.00SITI AMINAH'));
    expect(named.suggestions[0]).toMatchObject({ billId: 8, reasons: ['unique_amount', 'name'], score: 90 });
  });

  it('by reference text: invoice number in any spelling, amount without the kode unik', () => {
    for (const text of ['BAYAR INV-202611-00077', 'inv/202611/00077 kurniawan', 'INV20261100077', 'INV 202611 00077']) {
      const m = only(line(150_000, text));
      expect(m.status, text).toBe('matched');
      expect(m.suggestions[0]).toMatchObject({ billId: 77, confidence: 'high' });
      expect(m.suggestions[0]!.reasons).toEqual(expect.arrayContaining(['invoice_number', 'base_amount']));
    }
  });

  it('invoice number with a different amount (partial payment): suggested, not matched', () => {
    const m = only(line(100_000, 'TRANSFER INV-202611-00077'));
    expect(m.status).toBe('suggested');
    expect(m.suggestions[0]).toMatchObject({
      billId: 77,
      confidence: 'medium',
      reasons: ['invoice_number', 'amount_differs'],
    });
  });

  it('customer code or name with the amount before the kode unik: suggested for the cashier to confirm', () => {
    const byCode = only(line(200_000, 'MCM InhouseTrf DARI X CUST0012'));
    expect(byCode.status).toBe('suggested');
    expect(byCode.suggestions[0]).toMatchObject({ billId: 12, reasons: ['customer_code', 'base_amount'] });
    const byName = only(line(200_000, 'BI-FAST CR TRANSFER DR 014 HENDRA GUNAWAN'));
    expect(byName.status).toBe('suggested');
    expect(byName.suggestions[0]).toMatchObject({ billId: 12, reasons: ['name', 'base_amount'] });
  });

  it('a code must end on a word boundary: CUST00071 is not CUST0007', () => {
    expect(only(line(150_000, 'TRANSFER CUST00071'))).toMatchObject({ status: 'unmatched', suggestions: [] });
  });

  it('ambiguous: the amount names one bill and the text another customer', () => {
    const m = only(line(150_123, 'BAYAR INV-202611-00077'));
    expect(m.status).toBe('ambiguous');
    expect(m.suggestions.map((s) => s.billId).sort()).toEqual([7, 77]);
  });

  it('ambiguous: a name and base amount fit two customers of the same name and package', () => {
    const bills = [
      bill(40, { customerName: 'Agus Salim', amount: 150_040 }),
      bill(41, { customerName: 'Agus Salim', amount: 150_041 }),
    ];
    const m = only(line(150_000, 'KR OTOMATIS LLG-MANDIRI AGUS SALIM'), bills);
    expect(m.status).toBe('ambiguous');
    expect(m.suggestions.map((s) => s.billId)).toEqual([40, 41]);
  });

  it('ambiguous: two lines claiming one bill are both left to the cashier', () => {
    const [a, b] = matchStatementLines([line(150_123, 'SETORAN TUNAI'), line(150_123, 'SETORAN TUNAI')], BILLS);
    for (const m of [a!, b!]) {
      expect(m.status).toBe('ambiguous');
      expect(m.suggestions[0]!.reasons).toContain('bill_claimed_twice');
    }
  });

  it('a second bill of the same customer does not spoil a clear match by unique amount', () => {
    const bills = [
      bill(50, { customerId: 5, customerCode: 'CUST0005', amount: 150_050 }),
      bill(51, { customerId: 5, customerCode: 'CUST0005', amount: 150_051, invoiceNumber: 'INV-202612-00051' }),
    ];
    const m = only(line(150_050, 'TRANSFER CUST0005'), bills);
    expect(m.status).toBe('matched');
    expect(m.suggestions.map((s) => [s.billId, s.confidence])).toEqual([
      [50, 'high'],
      [51, 'low'],
    ]);
  });

  it('unmatched: nothing plausible, or a unique amount paid weeks before the bill existed', () => {
    expect(only(line(987_654, 'TRANSFER DARI ENTAH SIAPA'))).toMatchObject({ status: 'unmatched', suggestions: [] });
    // Only the base amount, no name: every customer on that package would fit — no suggestion at all.
    expect(only(line(150_000, 'SETORAN TUNAI'))).toMatchObject({ status: 'unmatched', suggestions: [] });
    expect(only(line(150_123, 'SETORAN TUNAI', '2026-09-30'))).toMatchObject({ status: 'unmatched' });
  });

  it('matches the lines of a parsed statement (KlikBCA fixture) end to end', async () => {
    const r = await parseOk('bca-klikbca.csv');
    const bills = [
      bill(42, {
        customerName: 'Siti Aminah',
        amount: 150_123,
        invoiceNumber: 'INV-202512-00042',
        issueDate: '2025-12-01',
      }),
      bill(7, { customerName: 'Budi Santoso', amount: 200_417, baseAmount: 200_000, issueDate: '2025-12-01' }),
      bill(60, { customerName: 'Ahmad Fauzi', amount: 175_250, baseAmount: 175_000, issueDate: '2025-12-01' }),
    ];
    const out = matchStatementLines(r.lines, bills);
    expect(out.map((m) => [m.status, m.suggestions[0]?.billId ?? null])).toEqual([
      ['matched', 42],
      ['matched', 7],
      ['unmatched', null],
      ['unmatched', null],
      ['matched', 60],
      ['unmatched', null],
    ]);
    expect(out.map((m) => m.fingerprint)).toEqual(r.lines.map((l) => l.fingerprint));
  });
});
