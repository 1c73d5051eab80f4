import os from 'node:os';
import { allocateKodeUnik } from '../../src-main/core/reconciliation/kode-unik';
import { matchStatementLines, type LineMatch } from '../../src-main/core/reconciliation/matcher';
import { importIntoDatabase } from './bank-import-db';
import { BILLS, klikBcaStatement, LINES, openBills, pricesFor } from './bank-statement-data';
import { parseStatementFile } from '../../src-main/integrations/bank-statements';
import { ms, percentile, timeAsync, timeSync, type BenchRow, type BenchSuite } from './harness';

const RUNS = 7;

export const bankStatementsSuite: BenchSuite = {
  id: 'bank-statements',
  title: 'Bank statements: kode unik for 20,000 open bills, a 5,000-line statement parsed and matched',
  notes: [
    `First pure functions, no database: allocateKodeUnik over ${BILLS.toLocaleString('en')} open bills (30 package prices),`,
    `then a generated KlikBCA CSV of ${LINES.toLocaleString('en')} credit lines (plus debits) read from bytes`,
    '(csv-parse, header and period detection, amounts, yearless dates, fingerprints) and matched against the open',
    `bills. Median of ${RUNS} runs after one warm-up; the CPU time is given too, since wall time on a shared machine`,
    'includes waiting for a core. The "unique-amount lines" row counts the lines paid by unique amount that came out `matched`',
    'to their own bill. Then the whole import as the screen runs it (`bankStatements.import` through dispatch) into a',
    'database holding the same 20,000 open bills with their kode unik rows: read, match, every line stored under its',
    'fingerprint, the unique-amount matches credited as bank transfers; once (a fresh database per run), then the same file again.',
    'At `--scale` the open bills (and customers) are that many, spread over more package prices (bank-statement-data.ts);',
    'the statement stays 5,000 lines, so every figure but the allocation should stay flat.',
  ].join(' '),
  scalable: true,
  maxScale: { customers: 558_441, why: "the kode unik of the package prices below the statement's unrelated amounts" },
  async run(scale): Promise<BenchRow[]> {
    const count = scale ?? BILLS;
    const prices = pricesFor(count);
    const allocTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const base = Array.from({ length: count }, (_, k) => ({ id: k + 1, baseAmount: prices[k % prices.length]! }));
      allocTimes.push(timeSync(() => allocateKodeUnik(base)).ms);
    }
    const bills = openBills(count);
    const { bytes, expected } = klikBcaStatement(bills);

    const parseTimes: number[] = [];
    const matchTimes: number[] = [];
    const totals: number[] = [];
    const cpuTotals: number[] = [];
    let matches: LineMatch[] = [];
    let lineCount = 0;
    for (let run = 0; run <= RUNS; run++) {
      const cpu = process.cpuUsage();
      const parsed = await timeAsync(() => parseStatementFile(bytes, { accountKey: 'bench' }));
      if (!parsed.value.ok) throw new Error(`statement refused: ${parsed.value.code}`);
      const lines = parsed.value.lines;
      const matched = timeSync(() => matchStatementLines(lines, bills));
      const used = process.cpuUsage(cpu);
      if (run === 0) continue; // warm-up
      cpuTotals.push((used.user + used.system) / 1000);
      parseTimes.push(parsed.ms);
      matchTimes.push(matched.ms);
      totals.push(parsed.ms + matched.ms);
      matches = matched.value;
      lineCount = lines.length;
    }
    const status = (s: LineMatch['status']) => matches.filter((m) => m.status === s).length;
    let correct = 0;
    for (const [i, billId] of expected)
      if (matches[i]?.status === 'matched' && matches[i]!.suggestions[0]!.billId === billId) correct++;
    const total = percentile(totals, 50);
    const database = await importIntoDatabase(count);
    return [
      {
        name: `allocate kode unik, ${count.toLocaleString('en')} open bills (median of 3)`,
        value: ms(percentile(allocTimes, 50)),
        kind: 'batch',
      },
      {
        name: `parse ${lineCount.toLocaleString('en')}-line KlikBCA CSV (${bytes.length.toLocaleString('en')} bytes)`,
        value: ms(percentile(parseTimes, 50)),
      },
      {
        name: `match ${lineCount.toLocaleString('en')} lines against ${count.toLocaleString('en')} open bills`,
        value: ms(percentile(matchTimes, 50)),
      },
      {
        name: 'statement import: parse + match, median / worst',
        value: `${ms(total)} / ${ms(Math.max(...totals))}`,
        target: '≤ 2,000 ms',
        pass: total <= 2_000,
        kind: 'interactive',
      },
      {
        name: 'statement import: CPU time of this process, median',
        value: `${ms(percentile(cpuTotals, 50))} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
        kind: 'interactive',
      },
      {
        name: 'lines matched / suggested / ambiguous / unmatched',
        value: `${status('matched')} / ${status('suggested')} / ${status('ambiguous')} / ${status('unmatched')}`,
        kind: 'info',
      },
      {
        name: 'unique-amount lines matched to their own bill',
        value: `${correct} of ${expected.size}`,
        target: 'all',
        pass: correct === expected.size,
        kind: 'info',
      },
      ...database,
    ];
  },
};
