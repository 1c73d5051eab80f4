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
import type { BenchSuite } from './harness';
import { platformSuite } from './platform.bench';
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

const label = (m: Mode) => (m === 'plain' ? 'plain' : m === DEFAULT_PAGE_CIPHER ? `encrypted (${m})` : m);

const met = (r: { pass?: boolean }) => (r.pass === undefined ? '' : r.pass ? 'yes' : '**no**');

/**
 * Default: every suite twice, on plain and on encrypted databases, side by side (targets are judged on
 * the encrypted run, which is what the app uses). `--plain` / `--encrypted`: one mode only.
 * `--ciphers`: plain and every page cipher the library offers (the comparison behind the choice).
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
  const only = argv.filter((a) => !a.startsWith('--'));
  const sections: string[] = [];
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.id)) continue;
    console.log(`\n== ${suite.title} ==`);
    const started = Date.now();
    const runs: Awaited<ReturnType<BenchSuite['run']>>[] = [];
    for (const mode of modes) {
      const rows = await runAs(suite, mode);
      runs.push(rows);
      for (const r of rows)
        console.log(
          `${r.pass === undefined ? ' ' : r.pass ? '✓' : '✗'} [${label(mode)}] ${r.name}: ${r.value}${r.target ? ` (target ${r.target})` : ''}`,
        );
    }
    // Targets are judged on the app's own cipher.
    const judged = runs[modes.indexOf(DEFAULT_PAGE_CIPHER)] ?? runs.at(-1)!;
    const table =
      modes.length > 1
        ? [
            `| measurement | ${modes.map(label).join(' | ')} | target | met (encrypted) |`,
            `| --- | ${modes.map(() => '---').join(' | ')} | --- | --- |`,
            ...judged.map(
              (r, i) =>
                `| ${r.name} | ${runs.map((run) => run[i]?.value ?? '').join(' | ')} | ${r.target ?? ''} | ${met(r)} |`,
            ),
          ]
        : [
            `| measurement | result (${label(modes[0]!)}) | target | met |`,
            '| --- | --- | --- | --- |',
            ...judged.map((r) => `| ${r.name} | ${r.value} | ${r.target ?? ''} | ${met(r)} |`),
          ];
    sections.push(
      [
        `## ${suite.title}`,
        '',
        ...table,
        '',
        suite.notes ? `${suite.notes}\n` : '',
        `_Suite time: ${((Date.now() - started) / 1000).toFixed(1)} s_`,
        '',
      ].join('\n'),
    );
  }
  const header = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}.`,
    'Each figure is measured in that run, not copied. Re-run to refresh.',
    `Each suite runs twice: on plain SQLite databases and on encrypted ones (${DEFAULT_PAGE_CIPHER}, what the app uses since`,
    'encryption at rest); targets are judged on the encrypted run. The suites name the same measurement in',
    "the same row; where a row name carries a figure (a file size) it is the encrypted run's.",
    `Machine load at the start (uptime): ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}.`,
    '',
  ].join('\n');
  const file = path.resolve('BENCHMARKS.md');
  if (!only.length || !fs.existsSync(file)) {
    // The section `npm run test:stress` writes is not a benchmark: a full run keeps it as it was.
    const kept = fs.existsSync(file)
      ? /\n(## Test suite under load[\s\S]*?)(?=\n## |$)/.exec(fs.readFileSync(file, 'utf8'))
      : null;
    fs.writeFileSync(file, `${header}\n${sections.join('\n')}${kept ? `\n${kept[1]}` : ''}`);
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
