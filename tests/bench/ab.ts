/**
 * `npx tsx tests/bench/ab.ts --old <tree> [--new <tree>] [--rounds N] [suite…]`: the hot-path suites of an old checkout
 * and of this tree, taking turns in the same session (old/new, then new/old, …), each run a fresh
 * process. On a busy machine one run of each says little; the median of the rounds per figure does.
 * Both sides run on plain databases (the old code had no encryption; the refactor is what is compared).
 * The suite `count` (tests/bench/ab-count.ts) gives the two figures the suites measure once and coarsely
 * (the second open of an existing database; the drift check, printed in 10 ms steps) as medians of many
 * runs, in CPU and wall time. Writes the table as the section "Data layer: old code beside new" of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './harness';

const SECTION = '## Data layer (issue 13): old code beside new, same machine, same session';
/** Rows that are set-up, baselines of another tool or machine state, not the code under test. */
const SKIP = /^(seed|raw better-sqlite3|invoice run ÷|machine load|naive|sync speed-up|drift speed-up)/;

interface Options {
  old: string;
  /** Default: this tree. */
  new: string;
  rounds: number;
  suites: string[];
}

function parseArgs(argv: string[]): Options {
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : argv.splice(i, 2)[1];
  };
  const old = at('--old');
  if (!old) throw new Error('--old <tree> is required (a git worktree of the old commit with its own node_modules)');
  const rounds = Number(at('--rounds') ?? 5);
  const now = path.resolve(at('--new') ?? path.join(import.meta.dirname, '../..'));
  const suites = argv.length ? argv : ['billing', 'network', 'platform', 'count'];
  return { old: path.resolve(old), new: now, rounds, suites };
}

/** Every duration a row's value carries ("12.3 ms", "1.20 s", "a / b"), in ms, named after the row. */
function figures(rows: BenchRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (SKIP.test(r.name)) continue;
    const parts = [...r.value.matchAll(/(\d+(?:\.\d+)?) (ms|s)\b/g)];
    const names = r.name.includes(' / ') && parts.length > 1 ? splitName(r.name, parts.length) : null;
    parts.forEach((m, i) => {
      const value = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
      out.set(names?.[i] ?? (parts.length > 1 ? `${r.name} [${i + 1}]` : r.name), value);
    });
  }
  return out;
}

/** "cashdesk.lookup p50 / p95 (…)" → ["cashdesk.lookup p50", "cashdesk.lookup p95"]. */
function splitName(name: string, n: number): string[] {
  const bare = name.replace(/\s*\(.*\)$/, '');
  const m = /^(.*?)(\S+) \/ (\S+)(.*)$/.exec(bare);
  if (!m || n !== 2) return Array.from({ length: n }, (_, i) => `${name} [${i + 1}]`);
  return [`${m[1]}${m[2]}${m[4]}`, `${m[1]}${m[3]}${m[4]}`];
}

/** ab-count.ts's medians (see Side there), named as the rows of the A/B table. */
const COUNT_FIGURES: Record<string, string> = {
  openCpuMedian: 'cold start, existing database: CPU of a reopen (median of 40)',
  openWallMedian: 'cold start, existing database: wall of a reopen (median of 40)',
  driftCpuMedian: 'drift check of 5000 accounts: CPU (median of 9)',
  driftWallMedian: 'drift check of 5000 accounts: wall (median of 9)',
  readCpuMedian: 'drift check: CPU of reading the router (client + simulator, median of 9)',
  compareCpuMedian: 'drift check: CPU of comparing with the app (median of 9)',
};

function runCount(tree: string): Map<string, number> {
  const res = spawnSync(
    path.join(tree, 'node_modules/.bin/tsx'),
    [path.join(import.meta.dirname, 'ab-count.ts'), '--side', tree],
    {
      cwd: tree,
      encoding: 'utf8',
      env: { ...process.env, PPPOE_TEST_PLAIN: '1' },
      maxBuffer: 16 * 2 ** 20,
    },
  );
  const line = res.stdout.split('\n').find((l) => l.startsWith('AB-COUNT '));
  if (res.status !== 0 || !line) throw new Error(`count in ${tree} failed (${res.status}):\n${res.stderr}`);
  const side = JSON.parse(line.slice('AB-COUNT '.length)) as Record<string, number>;
  return new Map(Object.entries(COUNT_FIGURES).map(([k, name]) => [name, side[k]!]));
}

function runSide(tree: string, suite: string): Map<string, number> {
  if (suite === 'count') return runCount(tree);
  const child = path.join(import.meta.dirname, 'ab-child.ts');
  const tsx = path.join(tree, 'node_modules/.bin/tsx');
  const res = spawnSync(tsx, [child, tree, suite], {
    cwd: tree,
    encoding: 'utf8',
    env: { ...process.env, PPPOE_TEST_PLAIN: '1', BENCH_NAIVE_N: process.env.BENCH_NAIVE_N ?? '20' },
    maxBuffer: 64 * 2 ** 20,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('AB-ROWS '));
  if (res.status !== 0 || !line) throw new Error(`${suite} in ${tree} failed (${res.status}):\n${res.stderr}`);
  const rows: BenchRow[] = JSON.parse(line.slice('AB-ROWS '.length));
  return figures(rows);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

function table(label: string, old: Map<string, number[]>, now: Map<string, number[]>): string[] {
  const lines = [
    `### ${label}`,
    '',
    '| figure (ms) | old, median | new, median | new ÷ old | old, every round | new, every round |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [name, xs] of old) {
    const ys = now.get(name);
    if (!ys?.length) continue;
    const ratio = median(ys) / median(xs);
    const mark = ratio > 1.05 ? ` **(+${((ratio - 1) * 100).toFixed(0)}%)**` : '';
    lines.push(
      `| ${name} | ${fmt(median(xs))} | ${fmt(median(ys))} | ${ratio.toFixed(3)}${mark} | ${xs.map(fmt).join(', ')} | ${ys.map(fmt).join(', ')} |`,
    );
  }
  return [...lines, ''];
}

function writeSection(body: string) {
  const file = path.resolve('BENCHMARKS.md');
  let text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(`${SECTION}\n`);
  if (start < 0) text = `${text.trimEnd()}\n\n${body}`;
  else {
    const next = text.indexOf('\n## ', start + SECTION.length);
    text = text.slice(0, start) + body + (next < 0 ? '' : text.slice(next + 1));
  }
  fs.writeFileSync(file, text);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const newTree = opts.new;
  const sides = { old: opts.old, new: newTree };
  const results = new Map<string, { old: Map<string, number[]>; new: Map<string, number[]> }>();
  const loads: number[] = [];
  const started = Date.now();
  for (let round = 0; round < opts.rounds; round++) {
    // Take turns: a slow spell of the machine does not always fall on the same side.
    const order = round % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const);
    for (const suite of opts.suites) {
      const acc = results.get(suite) ?? { old: new Map(), new: new Map() };
      results.set(suite, acc);
      for (const side of order) {
        loads.push(os.loadavg()[0]!);
        const got = runSide(sides[side], suite);
        for (const [k, v] of got) acc[side].set(k, [...(acc[side].get(k) ?? []), v]);
        console.log(`round ${round + 1} ${suite} ${side}: ${[...got].map(([k, v]) => `${k}=${fmt(v)}`).join('; ')}`);
      }
    }
  }
  const sha = (tree: string) =>
    spawnSync('git', ['-C', tree, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const body = [
    SECTION,
    '',
    `Written by \`npx tsx tests/bench/ab.ts --rounds ${opts.rounds}\` on ${new Date().toISOString().slice(0, 16)}Z:`,
    `old = ${sha(opts.old)} (the last commit before the data-layer refactor), new = ${sha(newTree)} (with its uncommitted`,
    'changes if any), each a git worktree. Both on plain databases and the same node_modules (copied), each run a fresh',
    `process, old and new taking turns (${opts.rounds} rounds, ${((Date.now() - started) / 60000).toFixed(0)} min). 1-min load average at the runs' starts:`,
    `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores${
      Math.max(...loads) > os.cpus().length
        ? ' (other work shares the machine), so single rounds scatter widely; compare the medians and look at the spread of the rounds before reading a ratio.'
        : ': a quiet machine, so the rounds of one side should lie close together.'
    }`,
    '',
    ...opts.suites.flatMap((s) => table(s, results.get(s)!.old, results.get(s)!.new)),
  ].join('\n');
  writeSection(body);
  console.log(`\n${body}`);
}

main();
