/** The bank-statement bench's data: 20,000 open bills with kode unik and a generated 5,000-line KlikBCA month. */
import { allocateKodeUnik, type CodeAssignment } from '../../src-main/core/reconciliation/kode-unik';
import type { OpenBill } from '../../src-main/core/reconciliation/matcher';

export const BILLS = 20_000;
export const LINES = 5_000;

// 40 × 40 names drawn at random: a name with its package price is shared by about one other customer in
// three, so some lines paid without the code under a name alone are rightly ambiguous.
const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Ahmad', 'Rina', 'Hendra', 'Yuli', 'Joko', 'Maya', 'Rudi', 'Sri',
  'Eko', 'Wati', 'Bambang', 'Nur', 'Andi', 'Fitri', 'Dedi', 'Lina', 'Hadi', 'Ratna', 'Iwan', 'Sari', 'Yudi', 'Tini',
  'Asep', 'Euis', 'Ujang', 'Neneng', 'Wayan', 'Made', 'Ketut', 'Komang', 'Slamet', 'Sugeng', 'Taufik', 'Indah',
  'Rizki', 'Putri']; // prettier-ignore
const LAST = ['Santoso', 'Aminah', 'Salim', 'Lestari', 'Fauzi', 'Marlina', 'Gunawan', 'Anti', 'Widodo', 'Saputra',
  'Hidayat', 'Kurniawan', 'Wijaya', 'Setiawan', 'Pratama', 'Nugroho', 'Rahayu', 'Susanti', 'Hartono', 'Purnomo',
  'Siregar', 'Nasution', 'Lubis', 'Harahap', 'Simanjuntak', 'Sitompul', 'Manurung', 'Pangaribuan', 'Tanjung',
  'Rangkuti', 'Suryadi', 'Permana', 'Firmansyah', 'Ramadhan', 'Maulana', 'Hakim', 'Syahputra', 'Gultom', 'Daulay',
  'Nainggolan']; // prettier-ignore
// 30 package prices: 20,000 bills stay within the 999 codes each price can hold.
export const PRICES = Array.from({ length: 30 }, (_, i) => 100_000 + i * 12_500);

/**
 * The prices for `count` bills: the 30 above up to 20,000 bills; beyond (`--scale`), more prices 1,000 apart from
 * 470,000 (a code 1–999 never reaches the next price) so about 667 bills share a price, but all below the
 * 1,000,000 of the statement's unrelated lines, which caps them at 559 prices (558,441 bills).
 */
export function pricesFor(count: number): number[] {
  if (count <= BILLS) return PRICES;
  const extra = Math.min(529, Math.ceil(count / 667) - PRICES.length);
  if ((PRICES.length + extra) * 999 < count) throw new Error(`${count} bills do not fit the kode unik of the prices`);
  return [...PRICES, ...Array.from({ length: extra }, (_, i) => 470_000 + i * 1_000)];
}

/** Deterministic pseudo-random numbers (a benchmark must measure the same work every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** `count` open bills (the bench's 20,000 by default; the statement kill test uses fewer). */
export function openBills(count = BILLS): OpenBill[] {
  const pick = lcg(7);
  const prices = pricesFor(count);
  const base = Array.from({ length: count }, (_, i) => ({ id: i + 1, baseAmount: prices[i % prices.length]! }));
  const codes = new Map(
    allocateKodeUnik(base).flatMap((a: CodeAssignment) => (a.status === 'exhausted' ? [] : [[a.id, a.payable]])),
  );
  return base.map((b) => ({
    id: b.id,
    customerId: b.id,
    customerCode: `CUST${String(b.id).padStart(5, '0')}`,
    customerName: `${FIRST[Math.floor(pick() * FIRST.length)]} ${LAST[Math.floor(pick() * LAST.length)]}`,
    invoiceNumber: `INV-202611-${String(b.id).padStart(5, '0')}`,
    amount: codes.get(b.id)!,
    baseAmount: b.baseAmount,
    issueDate: '2026-11-01',
    dueDate: '2026-11-20',
  }));
}

const rupiah = (n: number) => `"${n.toLocaleString('en-US')}.00"`;

/**
 * A month of KlikBCA "Mutasi Rekening" with `lines` credit lines (5,000; and some debits): 60 % pay their
 * unique amount, 15 % write the invoice number and pay the bill without the code, 10 % pay the bill without
 * the code under their own name, 15 % are unrelated (cash deposits, other transfers).
 */
export function klikBcaStatement(
  bills: OpenBill[],
  lines = LINES,
): { bytes: Uint8Array; expected: Map<number, number> } {
  const rnd = lcg(42);
  const out = [
    'Informasi Rekening - Mutasi Rekening',
    "No. rekening : ,'0123456789",
    'Nama : ,RTRW NET SEJAHTERA',
    'Periode : ,01/11/2026 - 30/11/2026',
    'Kode Mata Uang : ,Rp',
    '',
    'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
  ];
  const expected = new Map<number, number>(); // line index → bill id, for the lines that pay by unique amount
  // Each line pays a different bill (two transfers of one unique amount are rightly left ambiguous).
  const order = bills.map((b) => b);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (let i = 0; i < lines; i++) {
    const b = order[i]!;
    const day = String(1 + (i % 30)).padStart(2, '0');
    const kind = rnd();
    let amount: number;
    let text: string;
    if (kind < 0.6) {
      [amount, text] = [
        b.amount,
        `TRSF E-BANKING CR ${day}11/FTSCY/WS95051 ${b.amount}.00 ${b.customerName.toUpperCase()}`,
      ];
      expected.set(i, b.id);
    } else if (kind < 0.75) [amount, text] = [b.baseAmount!, `BI-FAST CR TRANSFER DR 014 BAYAR ${b.invoiceNumber}`];
    else if (kind < 0.85) [amount, text] = [b.baseAmount!, `KR OTOMATIS LLG-BANK BRI ${b.customerName.toUpperCase()}`];
    else [amount, text] = [1_000_000 + Math.floor(rnd() * 1_000) * 1_000, 'SETORAN TUNAI']; // above every bill
    out.push(`'${day}/11,'${text},'0000,${rupiah(amount)},CR,"1,000,000.00"`);
    if (i % 10 === 0) out.push(`'${day}/11,'BIAYA ADM,'0000,"10,000.00",DB,"990,000.00"`);
  }
  out.push('Saldo Awal,=,"1,000,000.00"', 'Saldo Akhir,=,"1,000,000.00"');
  return { bytes: new TextEncoder().encode(out.join('\r\n')), expected };
}
