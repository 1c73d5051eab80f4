import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { fixture } from '../bank-statements/helpers';
import { ACCOUNT, b64, importInput, klikbcaCsv, kodeUnikWorld } from './statement-fixtures';

let t: TestApp;
afterEach(() => t?.close());

const count = (sql: string) => (t.app.ctx.sqlite.prepare(sql).get() as { n: number }).n;
const transfers = () => count(`SELECT COUNT(*) AS n FROM payments WHERE method = 'bank_transfer'`);

describe('statement import of each built-in layout', () => {
  const PRESETS: [string, string][] = [
    ['bca-klikbca.csv', 'bca'],
    ['bca-klikbca-bisnis.csv', 'bca'],
    ['mandiri-kopra.csv', 'mandiri'],
    ['mandiri-mcm.csv', 'mandiri'],
    ['mandiri-livin.xlsx', 'mandiri'],
    ['bri-ib.csv', 'bri'],
    ['bni-direct.csv', 'bni'],
  ];
  it.each(PRESETS)('%s: previewed as %s, stored once, a second import stores nothing', async (file, format) => {
    t = await testApp();
    const input = { fileName: file, base64: b64(fixture(file)), accountNumber: ACCOUNT };
    const preview = await t.ok('bankStatements.preview', input);
    expect(preview.refusal).toBeNull();
    expect(preview.format).toBe(format);
    expect(preview.lines.length).toBeGreaterThan(0);
    // No bills: nothing can be credited by itself, every line waits for the cashier.
    expect(preview.counts).toEqual({ auto: 0, review: preview.lines.length, known: 0 });
    const first = await t.ok('bankStatements.import', input);
    expect(first).toMatchObject({ linesRead: preview.lines.length, linesNew: preview.lines.length, autoCredited: 0 });
    expect(count(`SELECT COUNT(*) AS n FROM bank_lines WHERE state = 'review'`)).toBe(preview.lines.length);
    const again = await t.ok('bankStatements.import', input);
    expect(again).toMatchObject({ linesNew: 0, linesKnown: preview.lines.length, toReview: 0 });
    expect((await t.ok('bankStatements.preview', input)).counts.known).toBe(preview.lines.length);
  });

  it('an unknown layout is read through a saved column mapping', async () => {
    t = await testApp();
    const input = { fileName: 'jatim.csv', base64: b64(fixture('generic-bank-jatim.csv')), accountNumber: ACCOUNT };
    const unknown = await t.ok('bankStatements.preview', input);
    expect(unknown.refusal).toBe('format_unknown');
    expect(unknown.sample[0]).toContain('Description');
    const saved = await t.ok('bankMappings.save', {
      name: 'Bank Jatim',
      mapping: {
        firstRow: 1,
        date: 0,
        dateFormat: 'dmy',
        description: [4],
        reference: 9,
        numberFormat: 'id',
        amount: { kind: 'columns', credit: 7, debit: 6 },
      },
    });
    expect(await t.ok('bankMappings.list', {})).toEqual([saved]);
    const r = await t.ok('bankStatements.import', { ...input, format: 'generic', mappingId: saved.id });
    expect(r.linesNew).toBe(2);
    const refused = await t.call('bankStatements.import', { ...input, format: 'auto' });
    expect(refused.ok).toBe(false);
  });
});

describe('matching and crediting', () => {
  it('exact kode unik amounts are credited to their bills once; the code goes to the deposit; the rest waits', async () => {
    t = await testApp();
    const { bills } = await kodeUnikWorld(t, 4);
    const csv = klikbcaCsv([
      ...bills.map((b, i) => ({ day: `2${i}/11`, amount: b.payable, text: `TRSF E-BANKING CR PELANGGAN ${i}` })),
      { day: '25/11', amount: 150_000, text: 'SETORAN TUNAI' },
    ]);
    const preview = await t.ok('bankStatements.preview', importInput(csv));
    expect(preview.counts).toEqual({ auto: 4, review: 1, known: 0 });
    const r = await t.ok('bankStatements.import', importInput(csv));
    expect(r).toMatchObject({ linesNew: 5, autoCredited: 4, toReview: 1 });
    for (const b of bills) {
      expect((await t.ok('invoices.get', { id: b.id })).status).toBe('paid');
      const c = await t.ok('customers.get', { id: b.customerId });
      expect(c.deposit).toBe(b.payable - 150_000);
    }
    expect(transfers()).toBe(4);
    expect(count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'bank.line.credit'`)).toBe(4);
  });

  it('an overlapping statement credits nothing twice', async () => {
    t = await testApp();
    const { bills } = await kodeUnikWorld(t, 4);
    const line = (i: number) => ({ day: `2${i}/11`, amount: bills[i]!.payable, text: `TRSF CR ${i}` });
    await t.ok('bankStatements.import', importInput(klikbcaCsv([line(0), line(1), line(2)])));
    expect(transfers()).toBe(3);
    const second = await t.ok('bankStatements.import', importInput(klikbcaCsv([line(1), line(2), line(3)])));
    expect(second).toMatchObject({ linesNew: 1, linesKnown: 2, autoCredited: 1 });
    expect(transfers()).toBe(4);
    expect(count(`SELECT COUNT(*) AS n FROM bank_lines`)).toBe(4);
  });

  it('ambiguous lines go to review with their suggestions', async () => {
    t = await testApp();
    const { bills } = await kodeUnikWorld(t, 2);
    // The amount names bill 0, the text names bill 1 (another customer): the cashier decides.
    const csv = klikbcaCsv([{ day: '26/11', amount: bills[0]!.payable, text: `TRSF CR ${bills[1]!.number}` }]);
    const preview = await t.ok('bankStatements.preview', importInput(csv));
    expect(preview.lines[0]).toMatchObject({ action: 'review', match: 'ambiguous' });
    await t.ok('bankStatements.import', importInput(csv));
    const [line] = await t.ok('bankLines.list', { state: 'review' });
    expect(line!.suggestions.map((s) => s.invoiceId).sort()).toEqual([bills[0]!.id, bills[1]!.id].sort());
    expect(transfers()).toBe(0);
  });
});

describe('review actions', () => {
  async function reviewLines() {
    const { bills } = await kodeUnikWorld(t, 3);
    const csv = klikbcaCsv([
      { day: '26/11', amount: 150_000, text: 'TRANSFER A' },
      { day: '26/11', amount: 75_000, text: 'TRANSFER B' },
      { day: '27/11', amount: 9_999, text: 'SALAH KIRIM' },
    ]);
    await t.ok('bankStatements.import', importInput(csv));
    const lines = await t.ok('bankLines.list', { state: 'review' });
    const by = (text: string) => lines.find((l) => l.description.includes(text))!;
    return { bills, a: by('TRANSFER A'), b: by('TRANSFER B'), c: by('SALAH KIRIM') };
  }

  it('to a bill, to a deposit, not ours: each once, each audited; a settled line cannot be settled again', async () => {
    t = await testApp();
    const { bills, a, b, c } = await reviewLines();
    const toBill = await t.ok('bankLines.settle', { id: a.id, to: 'invoice', invoiceId: bills[0]!.id });
    expect(toBill).toMatchObject({ state: 'credited', invoiceNumber: bills[0]!.number });
    expect((await t.ok('invoices.get', { id: bills[0]!.id })).status).toBe('paid');

    const toDeposit = await t.ok('bankLines.settle', { id: b.id, to: 'deposit', customerId: bills[1]!.customerId });
    expect(toDeposit.state).toBe('deposit');
    expect((await t.ok('customers.get', { id: bills[1]!.customerId })).deposit).toBe(75_000);
    expect((await t.ok('invoices.get', { id: bills[1]!.id })).status).toBe('unpaid');

    const mine = await t.ok('bankLines.settle', { id: c.id, to: 'not_ours', reason: 'Salah transfer dari pemilik' });
    expect(mine).toMatchObject({ state: 'not_ours', note: 'Salah transfer dari pemilik' });
    expect(transfers()).toBe(2);

    const again = await t.call('bankLines.settle', { id: a.id, to: 'deposit', customerId: bills[0]!.customerId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');
    expect(transfers()).toBe(2);
    expect(count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'bank.line.settle'`)).toBe(3);
    expect(await t.ok('bankLines.list', { state: 'review' })).toEqual([]);
  });

  it('not ours needs a reason; a paid bill is refused; nothing written', async () => {
    t = await testApp();
    const { bills, a, c } = await reviewLines();
    expect((await t.call('bankLines.settle', { id: c.id, to: 'not_ours', reason: ' ' })).ok).toBe(false);
    await t.ok('bankLines.settle', { id: a.id, to: 'invoice', invoiceId: bills[0]!.id });
    const before = transfers();
    const r = await t.call('bankLines.settle', { id: c.id, to: 'invoice', invoiceId: bills[0]!.id });
    expect(r.ok).toBe(false);
    expect(transfers()).toBe(before);
    expect((await t.ok('bankLines.list', { state: 'review' })).map((l) => l.id)).toContain(c.id);
  });
});
