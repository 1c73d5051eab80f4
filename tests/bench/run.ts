/**
 * `npm run bench`: runs every benchmark suite, prints the figures and rewrites BENCHMARKS.md.
 * Not part of `npm test` (timings do not belong in pass/fail tests). Suites are listed explicitly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiSuite } from './api.bench';
import { backupsSuite } from './backups.bench';
import { bankStatementsSuite } from './bank-statements.bench';
import { gatewaysSuite } from './gateways.bench';
import { billingSuite } from './billing.bench';
import { medianFigure, ratio, type BenchSuite } from './harness';
import { benchArgs } from './args';
import { compareResults, parseResultsFile, toRecord, type ResultRecord, type ResultsFile } from './results-file';
import { curveSection } from './curves';
import { memorySuite } from './memory.bench';
import { messagingSuite } from './messaging.bench';
import { platformSuite } from './platform.bench';
import { portalSuite } from './portal.bench';
import { portalLoadSuite } from './portal-load.bench';
import { networkSuite } from './network.bench';
import { reportsSuite } from './reports.bench';
import { reportsBrandsSuite } from './reports-brands.bench';
import { resellersSuite } from './resellers.bench';
import { routerosSuite } from './routeros.bench';
import { securitySuite } from './security.bench';
import { seatsSuite } from './seats.bench';
import { usageSuite } from './usage.bench';
import { collectorsSuite } from './collectors.bench';
import { webhooksSuite } from './webhooks.bench';
import { DEFAULT_PAGE_CIPHER, selectPageCipher, type PageCipher } from '../../src-main/db/encryption/cipher';

const SUITES: BenchSuite[] = [
  platformSuite,
  reportsSuite,
  reportsBrandsSuite,
  billingSuite,
  networkSuite,
  usageSuite,
  routerosSuite,
  backupsSuite,
  securitySuite,
  bankStatementsSuite,
  messagingSuite,
  portalSuite,
  memorySuite,
  resellersSuite,
  collectorsSuite,
  portalLoadSuite,
  apiSuite,
  seatsSuite,
  gatewaysSuite,
  webhooksSuite,
];

/** 'plain', or the page cipher of an encrypted run ('encrypted' is the app's cipher). */
type Mode = 'plain' | PageCipher;
const CIPHERS: PageCipher[] = ['aegis', 'chacha20', 'sqlcipher'];

/** Runs a suite with the test apps plain or encrypted (tests/helpers/app.ts reads PPPOE_TEST_PLAIN per app). */
async function runAs(suite: BenchSuite, mode: Mode, scale?: number) {
  const was = process.env.PPPOE_TEST_PLAIN;
  process.env.PPPOE_TEST_PLAIN = mode === 'plain' ? '1' : '0';
  if (mode !== 'plain') selectPageCipher(mode);
  try {
    return await suite.run(scale);
  } finally {
    selectPageCipher(DEFAULT_PAGE_CIPHER);
    if (was === undefined) delete process.env.PPPOE_TEST_PLAIN;
    else process.env.PPPOE_TEST_PLAIN = was;
  }
}

/** BENCHMARKS.md sections written by other tools or by hand, kept by a full run (title starts). */
const KEPT_SECTIONS = [
  'Encryption at rest',
  'Page ciphers',
  'Test suite under load',
  'Reports, issue 20',
  'Automation tick, issue 20',
  // Each session's hand-written account of issue 20 (what the profiles showed, what was kept or reverted).
  'Issue 20, ',
];

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
  scale?: number,
): Promise<{ runs: Rows[]; loads: string[] }> {
  const byMode = modes.map(() => [] as Rows[]);
  const loads: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...modes.keys()].reverse() : [...modes.keys()];
    loads.push(os.loadavg()[0]!.toFixed(1));
    for (const m of order) {
      const rows = await runAs(suite, modes[m]!, scale);
      byMode[m]!.push(rows);
      for (const r of rows)
        console.log(
          `${r.pass === undefined ? ' ' : r.pass ? '✓' : '✗'} [${label(modes[m]!)}${scale ? ` @${scale}` : ''} #${round + 1}] ${r.name}: ${r.value}${r.target ? ` (target ${r.target})` : ''}`,
        );
    }
  }
  const runs = byMode.map((rounds) =>
    rounds[0]!.map((row, i) => {
      const value = medianFigure(
        rounds.map((rs) => rs[i]?.value ?? ''),
        row.medianBy,
      );
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
/** One suite's section of BENCHMARKS.md: its rows per mode side by side, the ratio, targets, how measured. */
function suiteSection(
  suite: BenchSuite,
  runs: Rows[],
  modes: Mode[],
  withRatio: boolean,
  loads: string[],
  rounds: number,
  started: number,
  scale?: number,
): string {
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
  const title = scale ? `${suite.title} — at ${scale.toLocaleString('en')} customers` : suite.title;
  return [`## ${title}`, '', ...table, '', suite.notes ? `${suite.notes}\n` : '', how, ''].join('\n');
}

async function main() {
  const args = benchArgs(process.argv.slice(2));
  const modes: Mode[] =
    args.mode === 'plain'
      ? ['plain']
      : args.mode === 'encrypted'
        ? [DEFAULT_PAGE_CIPHER]
        : args.mode === 'ciphers'
          ? ['plain', ...CIPHERS]
          : ['plain', DEFAULT_PAGE_CIPHER];
  const { rounds, only } = args;
  const sections: string[] = [];
  const records: ResultRecord[] = [];
  const withRatio = modes.length === 2 && modes[0] === 'plain';
  const loadAtStart = os.loadavg();
  // Curves and targets are read on the app's own cipher when it ran.
  const judgedMode = modes.includes(DEFAULT_PAGE_CIPHER) ? DEFAULT_PAGE_CIPHER : modes.at(-1)!;
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.id)) continue;
    // At chosen scales a scalable suite runs once per size (and its curve is drawn); the others run once.
    const scales: (number | undefined)[] = args.scales.length && suite.scalable ? args.scales : [undefined];
    // A suite that cannot hold a size on this kind of machine says so instead of filling the disk or RAM.
    const refused = scales.filter((s) => s && suite.maxScale && s > suite.maxScale.customers);
    for (const s of refused)
      console.log(`\n== ${suite.title}: refuses ${s!.toLocaleString('en')} customers (${suite.maxScale!.why}) ==`);
    scales.splice(0, scales.length, ...scales.filter((s) => !refused.includes(s)));
    const perScale: ResultRecord[][] = [];
    for (const scale of scales) {
      console.log(`\n== ${suite.title}${scale ? ` — at ${scale.toLocaleString('en')} customers` : ''} ==`);
      const started = Date.now();
      const { runs, loads } = await interleaved(suite, modes, rounds, scale);
      runs.forEach((rows, m) => records.push(...rows.map((r) => toRecord(suite.id, modes[m]!, r, scale))));
      perScale.push(records.filter((r) => r.suite === suite.id && r.scale === scale && r.mode === judgedMode));
      sections.push(suiteSection(suite, runs, modes, withRatio, loads, rounds, started, scale));
    }
    if (scales.length > 1) sections.push(curveSection(suite.title, perScale));
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

  const results: ResultsFile = {
    version: 1,
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown CPU',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAtStart,
    },
    results: records,
  };
  fs.writeFileSync(path.resolve(args.json), `${JSON.stringify(results, null, 1)}\n`);
  console.log(`\nfigures written to ${args.json}`);
  if (args.compare) {
    const before = parseResultsFile(fs.readFileSync(args.compare, 'utf8'), args.compare);
    // Only the suites (and scales) of this run are compared: a partial run says nothing of the others.
    const ran = new Set(records.map((r) => `${r.suite}@${r.scale ?? ''}`));
    const scope = { ...before, results: before.results.filter((r) => ran.has(`${r.suite}@${r.scale ?? ''}`)) };
    const c = compareResults(scope, results, args.tolerance);
    console.log(
      `\n== compared with ${args.compare} (${before.date}), tolerance ${(args.tolerance * 100).toFixed(0)} % ==`,
    );
    for (const line of c.regressions) console.log(`✗ regressed: ${line}`);
    for (const line of c.improvements) console.log(`✓ improved: ${line}`);
    for (const line of c.missing) console.log(`? not measured this time: ${line}`);
    console.log(`${c.regressions.length} regressed, ${c.improvements.length} improved, ${c.missing.length} missing`);
    if (c.regressions.length) process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
