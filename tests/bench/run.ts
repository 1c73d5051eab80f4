/**
 * `npm run bench`: runs every benchmark suite, prints the figures and rewrites BENCHMARKS.md.
 * Not part of `npm test` (timings do not belong in pass/fail tests). Suites are listed explicitly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupsSuite } from './backups.bench';
import { bankStatementsSuite } from './bank-statements.bench';
import { billingSuite } from './billing.bench';
import { medianFigure, ratio, type BenchSuite } from './harness';
import { messagingSuite } from './messaging.bench';
import { platformSuite } from './platform.bench';
import { portalSuite } from './portal.bench';
import { networkSuite } from './network.bench';
import { reportsSuite } from './reports.bench';
import { routerosSuite } from './routeros.bench';
import { securitySuite } from './security.bench';
import { usageSuite } from './usage.bench';
import { DEFAULT_PAGE_CIPHER, selectPageCipher, type PageCipher } from '../../src-main/db/encryption/cipher';

const SUITES: BenchSuite[] = [
  platformSuite,
  reportsSuite,
  billingSuite,
  networkSuite,
  usageSuite,
  routerosSuite,
  backupsSuite,
  securitySuite,
  bankStatementsSuite,
  messagingSuite,
  portalSuite,
];

/** 'plain', or the page cipher of an encrypted run ('encrypted' is the app's cipher). */
type Mode = 'plain' | PageCipher;
const CIPHERS: PageCipher[] = ['aegis', 'chacha20', 'sqlcipher'];

/** Runs a suite with the test apps plain or encrypted (tests/helpers/app.ts reads PPPOE_TEST_PLAIN per app). */
async function runAs(suite: BenchSuite, mode: Mode) {
  const was = process.env.PPPOE_TEST_PLAIN;
  process.env.PPPOE_TEST_PLAIN = mode === 'plain' ? '1' : '0';
  if (mode !== 'plain') selectPageCipher(mode);
  try {
    return await suite.run();
  } finally {
    selectPageCipher(DEFAULT_PAGE_CIPHER);
    if (was === undefined) delete process.env.PPPOE_TEST_PLAIN;
    else process.env.PPPOE_TEST_PLAIN = was;
  }
}

/** BENCHMARKS.md sections written by other tools or by hand, kept by a full run (title starts). */
const KEPT_SECTIONS = ['Encryption at rest', 'Page ciphers', 'Test suite under load'];

const label = (m: Mode) => (m === 'plain' ? 'plain' : m === DEFAULT_PAGE_CIPHER ? `encrypted (${m})` : m);

const met = (r: { pass?: boolean }) => (r.pass === undefined ? '' : r.pass ? 'yes' : '**no**');

type Rows = Awaited<ReturnType<BenchSuite['run']>>;

/**
 * Runs a suite `rounds` times per mode with the modes taking turns (plain, encrypted, encrypted, plain, …):
 * on a machine whose load swings, each mode sees the same conditions. Returns per mode the rows with each
 * figure the median over the rounds.
 */
async function interleaved(
  suite: BenchSuite,
  modes: Mode[],
  rounds: number,
): Promise<{ runs: Rows[]; loads: string[] }> {
  const byMode = modes.map(() => [] as Rows[]);
  const loads: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...modes.keys()].reverse() : [...modes.keys()];
    loads.push(os.loadavg()[0]!.toFixed(1));
    for (const m of order) {
      const rows = await runAs(suite, modes[m]!);
      byMode[m]!.push(rows);
      for (const r of rows)
        console.log(
          `${r.pass === undefined ? ' ' : r.pass ? '✓' : '✗'} [${label(modes[m]!)} #${round + 1}] ${r.name}: ${r.value}${r.target ? ` (target ${r.target})` : ''}`,
        );
    }
  }
  const runs = byMode.map((rounds) =>
    rounds[0]!.map((row, i) => {
      const value = medianFigure(rounds.map((rs) => rs[i]?.value ?? ''));
      // Judged on the median figure: the round that produced it says whether the target was met.
      const from = rounds.find((rs) => rs[i]?.value === value)?.[i] ?? row;
      return { ...row, value, pass: from.pass };
    }),
  );
  return { runs, loads };
}

/**
 * Default: every suite on plain and on encrypted databases, the two taking turns for `--rounds N` rounds
 * (default 2), side by side with the ratio (targets are judged on the encrypted run, which is what the app
 * uses). `--plain` / `--encrypted`: one mode only. `--ciphers`: plain and every page cipher the library offers
 * (the comparison behind the choice).
 */
async function main() {
  const argv = process.argv.slice(2);
  const modes: Mode[] = argv.includes('--plain')
    ? ['plain']
    : argv.includes('--encrypted')
      ? [DEFAULT_PAGE_CIPHER]
      : argv.includes('--ciphers')
        ? ['plain', ...CIPHERS]
        : ['plain', DEFAULT_PAGE_CIPHER];
  const roundsArg = argv.find((a) => a.startsWith('--rounds='));
  const rounds = roundsArg ? Math.max(1, Number(roundsArg.slice('--rounds='.length)) || 1) : 2;
  const only = argv.filter((a) => !a.startsWith('--'));
  const sections: string[] = [];
  const withRatio = modes.length === 2 && modes[0] === 'plain';
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.id)) continue;
    console.log(`\n== ${suite.title} ==`);
    const started = Date.now();
    const { runs, loads } = await interleaved(suite, modes, rounds);
    // Targets are judged on the app's own cipher.
    const judged = runs[modes.indexOf(DEFAULT_PAGE_CIPHER)] ?? runs.at(-1)!;
    const table =
      modes.length > 1
        ? [
            `| measurement | ${modes.map(label).join(' | ')} |${withRatio ? ' encrypted ÷ plain |' : ''} target | met (encrypted) |`,
            `| --- | ${modes.map(() => '---').join(' | ')} |${withRatio ? ' --- |' : ''} --- | --- |`,
            ...judged.map(
              (r, i) =>
                `| ${r.name} | ${runs.map((run) => run[i]?.value ?? '').join(' | ')} |${
                  withRatio ? ` ${ratio(runs[1]![i]?.value ?? '', runs[0]![i]?.value ?? '')} |` : ''
                } ${r.target ?? ''} | ${met(r)} |`,
            ),
          ]
        : [
            `| measurement | result (${label(modes[0]!)}) | target | met |`,
            '| --- | --- | --- | --- |',
            ...judged.map((r) => `| ${r.name} | ${r.value} | ${r.target ?? ''} | ${met(r)} |`),
          ];
    const how =
      rounds > 1
        ? `_Median of ${rounds} rounds per mode, the modes taking turns (1-minute load average at each round's start: ${loads.join(', ')} on ${os.cpus().length} cores). Suite time: ${((Date.now() - started) / 1000).toFixed(1)} s_`
        : `_Suite time: ${((Date.now() - started) / 1000).toFixed(1)} s (load ${loads.join(', ')})_`;
    sections.push([`## ${suite.title}`, '', ...table, '', suite.notes ? `${suite.notes}\n` : '', how, ''].join('\n'));
  }
  const header = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}.`,
    'Each figure is measured in that run, not copied. Re-run to refresh.',
    `Each suite runs on plain SQLite databases and on encrypted ones (${DEFAULT_PAGE_CIPHER}, what the app uses since`,
    'encryption at rest), the two taking turns round by round, so a machine whose load swings treats both alike; each',
    'figure is the median over the rounds and the ratio column is encrypted ÷ plain. Targets are judged on the',
    "encrypted run. Where a row name carries a figure (a file size) it is the encrypted run's.",
    `Machine load at the start (uptime): ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}.`,
    '',
  ].join('\n');
  const file = path.resolve('BENCHMARKS.md');
  if (!only.length || !fs.existsSync(file)) {
    // Sections other tools write (`npm run test:stress`, tests/bench/ciphers.ts, the cipher decision) are not
    // suites of this run: a full run keeps them as they were.
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const kept = KEPT_SECTIONS.flatMap((title) => {
      const m = new RegExp(`\\n(## ${title}[\\s\\S]*?)(?=\\n## |$)`).exec(old);
      return m ? [m[1]!] : [];
    });
    fs.writeFileSync(file, `${header}\n${[...sections, ...kept].join('\n')}`);
  } else {
    // Partial run: replace just the sections that ran, keep the others as they were measured.
    let text = fs.readFileSync(file, 'utf8');
    for (const section of sections) {
      const title = section.split('\n')[0]!;
      const start = text.indexOf(`${title}\n`);
      if (start < 0) {
        text += `\n${section}`;
        continue;
      }
      const next = text.indexOf('\n## ', start + title.length);
      text = text.slice(0, start) + section + (next < 0 ? '' : text.slice(next + 1));
    }
    fs.writeFileSync(file, text);
    console.log('\n(partial run: only these sections of BENCHMARKS.md were rewritten)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
