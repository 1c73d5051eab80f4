/**
 * scripts/test-stress.mjs proved with a tiny command in place of `npm test` (PPPOE_STRESS_CMD): every
 * run is made even after a failure, loaded runs really have the CPU hogs beside them, the hogs are
 * always gone afterwards (also when the script itself is SIGKILLed), and BENCHMARKS.md gets its
 * section replaced while the other sections stay.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/app';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'test-stress.mjs');
const TITLE = '## Test suite under load (npm run test:stress)';
/** PIDs of live hog processes started by the stress script with PID `of`, from /proc (Linux). */
function hogPids(of: number | undefined): number[] {
  const mark = `pppoe-stress-hog:${of}`;
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
        const state = /^State:\s+(\w)/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1];
        return cmd.split('\0').includes(mark) && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Waits for a condition, checking as often as the event loop allows; fails after `ms`. */
async function until(what: string, cond: () => boolean, ms = 30_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

let dir: string;
/** Processes whose command line mentions `text` (the test's own temp folder). */
const processesWith = (text: string) =>
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);

let script: number | undefined;
afterEach(() => {
  for (const pid of [...hogPids(script), ...processesWith(dir)]) process.kill(pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [SCRIPT], {
    cwd: dir,
    env: { ...process.env, PPPOE_OUT: path.join(dir, 'out'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  script = child.pid;
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

// Reads /proc to see the hogs: Linux only (where the suite runs).
describe.skipIf(process.platform !== 'linux')('npm run test:stress', { timeout: 90_000 }, () => {
  it('makes every run (a failing one included) with the hogs beside the loaded ones, and records them', async () => {
    dir = tempDir('pppoe-stress-');
    // The stand-in for `npm test`: counts the hogs it sees, prints a vitest-like summary, fails run 2.
    fs.writeFileSync(
      path.join(dir, 'fake-test.cjs'),
      `const fs = require('fs');
       const n = (fs.existsSync('count') ? Number(fs.readFileSync('count', 'utf8')) : 0) + 1;
       fs.writeFileSync('count', String(n));
       const hogs = fs.readdirSync('/proc').filter((d) => /^\\d+$/.test(d)).filter((d) => {
         try { return fs.readFileSync('/proc/' + d + '/cmdline', 'utf8').split('\\0').includes('pppoe-stress-hog:' + process.env.STRESS_PID)
           && !/^State:\\s+Z/m.test(fs.readFileSync('/proc/' + d + '/status', 'utf8')); } catch { return false; }
       }).length;
       fs.appendFileSync('hogs', hogs + '\\n');
       console.log(n === 2 ? ' FAIL  tests/unit/flaky.test.ts > waits for time' : '');
       console.log('      Tests  ' + (n === 2 ? '1 failed | 9 passed' : '10 passed') + ' (10)');
       process.exit(n === 2 ? 1 : 0);`,
    );
    fs.writeFileSync(
      path.join(dir, 'BENCHMARKS.md'),
      `# Benchmarks\n\n## Platform\n\nkept figures\n\n${TITLE}\n\nold stress result\n\n## Reports\n\nkept too\n`,
    );
    const { done } = run({
      // $PPID of the shell running the command is the stress script: the hogs carry its PID.
      PPPOE_STRESS_CMD: `STRESS_PID=$PPID node ${path.join(dir, 'fake-test.cjs')}`,
      PPPOE_STRESS_RUNS: '3',
      PPPOE_STRESS_HOGS: '2',
    });
    const r = await done;
    expect(r.code, r.out).toBe(1);
    // Stops at nothing: 3 loaded runs and the quiet one, although run 2 failed.
    expect(fs.readFileSync(path.join(dir, 'count'), 'utf8')).toBe('4');
    expect(fs.readFileSync(path.join(dir, 'hogs'), 'utf8').trim().split('\n')).toEqual(['2', '2', '2', '0']);
    expect(hogPids(script)).toEqual([]);

    const md = fs.readFileSync(path.join(dir, 'BENCHMARKS.md'), 'utf8');
    expect(md).toContain('kept figures');
    expect(md).toContain('## Reports\n\nkept too');
    expect(md).not.toContain('old stress result');
    const rows = md.split('\n').filter((l) => /^\| \d /.test(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^\| 1 \| 2 CPU hogs \| passed \| [\d.]+ (s|min) \| vitest: 10 passed \|$/);
    expect(rows[1]).toMatch(
      /\| 2 \| 2 CPU hogs \| \*\*failed\*\* \(exit 1\) \|.*failing: tests\/unit\/flaky\.test\.ts/,
    );
    expect(rows[3]).toMatch(/^\| 4 \| none \| passed \|/);
    expect(md).toContain('**1 failed run(s) in 4 runs** (');
    expect(fs.existsSync(path.join(dir, 'out', 'stress', 'run-2.log'))).toBe(true);
  });

  it('the hogs end with the script even when it is SIGKILLed mid-run', async () => {
    dir = tempDir('pppoe-stress-');
    // A run that never ends by itself: only the kill below stops it.
    fs.writeFileSync(path.join(dir, 'forever.cjs'), 'setInterval(() => {}, 1 << 30);');
    const { child, done } = run({
      PPPOE_STRESS_CMD: `exec node ${path.join(dir, 'forever.cjs')}`,
      PPPOE_STRESS_RUNS: '1',
      PPPOE_STRESS_HOGS: '2',
    });
    await until('two hogs running', () => hogPids(script).length === 2);
    child.kill('SIGKILL');
    await done;
    await until('no hog left', () => hogPids(script).length === 0);
    // The stand-in for `npm test` outlives a SIGKILLed script (nothing can stop it then); afterEach ends it.
  });
});
