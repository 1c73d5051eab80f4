// `npm run test:stress`: the whole `npm test`, 5 times with both cores busy (two CPU hogs beside it)
// and once on a quiet machine, to catch tests that only pass when they win a race against time. It
// stops at nothing: every run is made and recorded (result, duration, test counts), and the outcome is
// written into the "Test suite under load" section of BENCHMARKS.md. Exit code 1 if any run failed.
//
// Environment (for trying the script itself without an hour of test runs):
//   PPPOE_STRESS_CMD    command to run instead of `npm test` (through the shell)
//   PPPOE_STRESS_RUNS   runs under load (default 5); one quiet run always follows
//   PPPOE_STRESS_HOGS   CPU hogs per loaded run (default 2)
//   PPPOE_STRESS_FILE   where to write the section (default BENCHMARKS.md)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const COMMAND = process.env.PPPOE_STRESS_CMD ?? 'npm test';
const LOADED_RUNS = Number(process.env.PPPOE_STRESS_RUNS ?? 5);
const HOGS = Number(process.env.PPPOE_STRESS_HOGS ?? 2);
const FILE = path.resolve(process.env.PPPOE_STRESS_FILE ?? 'BENCHMARKS.md');
const LOGS = path.resolve(process.env.PPPOE_OUT ?? 'out', 'stress');
export const TITLE = '## Test suite under load (npm run test:stress)';

// A busy loop that also ends itself once this script is gone (even if it was SIGKILLed and could not
// clean up): from its first iteration, and then every ~50M, it checks that its parent is still the
// script whose PID it was given (`pppoe-stress-hog:<pid>`, which also names it in ps).
const HOG = `const p=Number(process.argv[1].split(':')[1]);let i=0;for(;;){if(i++%5e7===0&&process.ppid!==p)process.exit(0)}`;

const hogs = new Set();
function startHogs(n) {
  for (let i = 0; i < n; i++) {
    const h = spawn(process.execPath, ['-e', HOG, `pppoe-stress-hog:${process.pid}`], { stdio: 'ignore' });
    hogs.add(h);
    h.once('exit', () => hogs.delete(h));
  }
}
async function stopHogs() {
  const gone = [...hogs].map(
    (h) => new Promise((r) => (h.exitCode !== null || h.signalCode ? r() : h.once('exit', r))),
  );
  for (const h of hogs) h.kill('SIGKILL');
  await Promise.all(gone);
}
// Whatever happens to this script, the hogs go with it.
process.on('exit', () => {
  for (const h of hogs) h.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    for (const h of hogs) h.kill('SIGKILL');
    process.exit(130);
  });
}

/** Test counts from the vitest and Playwright summaries in a run's output, when they are there. */
export function summarize(log) {
  // eslint-disable-next-line no-control-regex -- ESC starts the colour codes being stripped
  const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
  const parts = [];
  // Every vitest summary: `npm test` has two (the architecture rules inside lint, then the suite).
  const vitest = [...plain.matchAll(/^\s*Tests\s+(.+?)\s*$/gm)].map((m) => m[1].replace(/\s*\(\d+\)$/, ''));
  if (vitest.length) parts.push(`vitest: ${vitest.join(' + ')}`);
  const pw = [...plain.matchAll(/^\s+(\d+) (passed|failed|flaky|skipped|did not run)\b/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
  if (pw.length) parts.push(`playwright: ${pw.join(', ')}`);
  const failed = [...plain.matchAll(/^\s*(?:FAIL|✘)\s+(.+)$/gm)].map((m) => m[1].trim()).slice(0, 5);
  if (failed.length) parts.push(`failing: ${failed.join('; ')}`);
  return parts.join(' · ');
}

function runOnce(index, load) {
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `run-${index}.log`);
  const log = fs.createWriteStream(logFile);
  const started = Date.now();
  if (load) startHogs(HOGS);
  return new Promise((resolve) => {
    const child = spawn(COMMAND, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const onData = (c) => {
      text += c.toString();
      log.write(c);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', async (code, signal) => {
      await stopHogs();
      log.end();
      resolve({
        index,
        load,
        ok: code === 0,
        code: code ?? signal,
        seconds: (Date.now() - started) / 1000,
        summary: summarize(text),
        logFile: path.relative(process.cwd(), logFile),
      });
    });
  });
}

const duration = (s) => (s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);

export function section(runs, at = new Date()) {
  const failures = runs.filter((r) => !r.ok).length;
  const total = runs.reduce((sum, r) => sum + r.seconds, 0);
  const rows = runs.map(
    (r) =>
      `| ${r.index} | ${r.load ? `${HOGS} CPU hogs` : 'none'} | ${r.ok ? 'passed' : `**failed** (exit ${r.code})`} | ${duration(r.seconds)} | ${r.summary || '—'} |`,
  );
  return [
    TITLE,
    '',
    `Run on ${at.toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()}. Command: \`${COMMAND}\`.`,
    `Each loaded run had ${HOGS} busy-looping Node processes beside it (started before, killed after). Logs: \`${path.relative(process.cwd(), LOGS)}/\`.`,
    '',
    '| run | load | result | duration | tests |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `**${failures === 0 ? 'No failures' : `${failures} failed run(s)`} in ${runs.length} runs** (${duration(total)} in all).`,
    '',
  ].join('\n');
}

/** Replaces the section in the file (or appends it), leaving the other sections as they are. */
export function writeSection(file, text) {
  let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = doc.indexOf(`${TITLE}\n`);
  if (start < 0) doc = `${doc.replace(/\n*$/, '\n\n')}${text}`;
  else {
    const next = doc.indexOf('\n## ', start + TITLE.length);
    doc = doc.slice(0, start) + text + (next < 0 ? '' : doc.slice(next + 1));
  }
  fs.writeFileSync(file, doc);
}

async function main() {
  const plan = [...Array.from({ length: LOADED_RUNS }, () => true), false];
  const runs = [];
  for (const [i, load] of plan.entries()) {
    console.log(`[stress] run ${i + 1}/${plan.length} (${load ? `${HOGS} CPU hogs` : 'no load'}): ${COMMAND}`);
    const r = await runOnce(i + 1, load);
    console.log(
      `[stress] run ${r.index}: ${r.ok ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(1)} s — ${r.summary || 'no summary'} (${r.logFile})`,
    );
    runs.push(r);
  }
  writeSection(FILE, section(runs));
  console.log(`[stress] written to ${path.relative(process.cwd(), FILE)}`);
  process.exitCode = runs.every((r) => r.ok) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
