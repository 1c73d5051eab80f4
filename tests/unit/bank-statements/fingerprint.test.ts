import { describe, expect, it } from 'vitest';
import { keyText, looseKey } from '../../../src-main/integrations/bank-statements';
import { fixture, parseOk } from './helpers';

const keys = (r: { lines: { fingerprint: string }[] }) => r.lines.map((l) => l.fingerprint);

describe('line fingerprints', () => {
  it('importing the same statement twice gives the same keys, whatever the row numbers', async () => {
    const first = await parseOk('bca-klikbca.csv');
    const again = await parseOk('bca-klikbca.csv');
    expect(keys(again)).toEqual(keys(first));
    // Blank lines inserted before the table move every row, not a single key.
    const shifted = Buffer.from(`\r\n\r\n${fixture('bca-klikbca.csv').toString('utf8')}`);
    const moved = await parseOk(shifted);
    expect(moved.lines.map((l) => l.row)).not.toEqual(first.lines.map((l) => l.row));
    expect(keys(moved)).toEqual(keys(first));
    expect(new Set(keys(first)).size).toBe(first.lines.length);
    for (const k of keys(first)) expect(k).toMatch(/^[0-9a-f]{64}$/);
  });

  it('two overlapping statements give the shared days the same keys, identical transfers included', async () => {
    const a = await parseOk('bca-overlap-1.csv'); // 01–15 Nov, amounts written 100000.00
    const b = await parseOk('bca-overlap-2.csv'); // 10–30 Nov, amounts written "100,000.00"
    const shared = (r: typeof a) => r.lines.filter((l) => l.date >= '2026-11-10' && l.date <= '2026-11-15');
    expect(shared(a).map((l) => [l.date, l.amount, l.occurrence])).toEqual([
      ['2026-11-12', 100000, 0],
      ['2026-11-12', 100000, 1],
      ['2026-11-14', 175250, 0],
    ]);
    expect(keys({ lines: shared(b) })).toEqual(keys({ lines: shared(a) }));
    // Crediting the union by key credits each real transfer once: 5 + 5 lines, 3 of them shared.
    expect(new Set([...keys(a), ...keys(b)]).size).toBe(7);
    // The third 100,000 cash deposit (20 Nov, another day) is a new line, not a repeat of 12 Nov.
    expect(b.lines.find((l) => l.date === '2026-11-20')!.occurrence).toBe(0);
  });

  it('a later export of a day that gained a second identical transfer adds exactly one new key', async () => {
    const head = 'Periode : ,01/11/2026 - 30/11/2026\r\nTanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\r\n';
    const row = "'12/11,'SETORAN TUNAI,'0998,100000.00,CR,1\r\n";
    const morning = await parseOk(Buffer.from(head + row));
    const evening = await parseOk(Buffer.from(head + row + row));
    expect(keys(evening).slice(0, 1)).toEqual(keys(morning));
    expect(keys(evening).filter((k) => !keys(morning).includes(k))).toHaveLength(1);
  });

  it('another bank account never shares a key; another amount, date or text changes it', async () => {
    const base = await parseOk('bca-klikbca.csv');
    const other = await parseOk('bca-klikbca.csv', { accountKey: 'acct-2' });
    expect(keys(other).filter((k) => keys(base).includes(k))).toEqual([]);
    const edited = Buffer.from(fixture('bca-klikbca.csv').toString('utf8').replace('AHMAD FAUZI', 'AHMAD FAUZAN'));
    const changed = await parseOk(edited);
    expect(keys(changed).filter((k, i) => k !== keys(base)[i])).toHaveLength(1);
  });

  it('ignores what differs between exports of one line: padding, quoting, case, punctuation', () => {
    expect(keyText('TRSF  E-BANKING CR 0311/FTSCY/WS95051   250000.00 JOKO ')).toBe(
      keyText('trsf e banking cr 0311/ftscy/ws95051 250000 00 joko'),
    );
    expect(keyText('TRANSFER DARI ANDI | MCM InhouseTrf')).toBe('TRANSFER DARI ANDI MCM INHOUSETRF');
  });

  it('looseKey groups lines of one account, day and amount for the "possibly the same transfer" check', async () => {
    const r = await parseOk('bca-klikbca.csv');
    const deposits = r.lines.filter((l) => l.description === 'SETORAN TUNAI');
    expect(new Set(deposits.map((l) => looseKey('acct-1', l)))).toEqual(new Set(['acct-1|2025-12-31|100000']));
  });
});
