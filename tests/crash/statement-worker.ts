/**
 * Child process of tests/crash/statement-kill.test.ts: the app on the parent's data folder imports a bank
 * statement (`bankStatements.import` through dispatch, as the screen calls it) `imports` times, then
 * exits. Lines on stdout: `PROGRESS <done> <total>` after each chunk's COMMIT, `DONE <result>` after each
 * import, `KILLPOINT …` where the plan stops it (see kill-point.ts).
 */
import fs from 'node:fs';
import { holdForKill, openCrashApp, say, type StatementKill } from './kill-point';

interface Args {
  dataDir: string;
  migrations: string;
  keyDir?: string;
  clockAt: string;
  /** A staff session's token (the parent signed in). */
  token: string;
  /** The statement file. */
  file: string;
  accountNumber: string;
  imports: number;
  kill: StatementKill | null;
}
const args = JSON.parse(process.argv[2]!) as Args;

async function main() {
  const app = openCrashApp(args);
  const kill = args.kill;
  let chunks = 0;
  // The import announces each chunk after its COMMIT, before the next chunk's transaction begins.
  app.ctx.events.subscribe((e) => {
    if (e.name !== 'bank.progress') return;
    const { done, total } = e.payload as { done: number; total: number };
    say(`PROGRESS ${done} ${total}`);
    if (kill?.at === 'between' && ++chunks === kill.chunk)
      holdForKill(`between: chunk ${chunks} committed (${done} of ${total} lines), the next not begun`);
  });
  // A TEMP trigger on the statement lines calls back into this process inside the chunk's transaction.
  let lines = 0;
  app.ctx.sqlite.function('kill_point_line', () => {
    if (kill?.at === 'line' && ++lines === kill.n) holdForKill(`line: new line ${lines} of this run, in its chunk`);
    return null;
  });
  app.ctx.sqlite.exec(
    'CREATE TEMP TRIGGER kill_point_line AFTER INSERT ON main.bank_lines BEGIN SELECT kill_point_line(); END',
  );
  const input = {
    fileName: 'mutasi-bca.csv',
    base64: fs.readFileSync(args.file).toString('base64'),
    accountNumber: args.accountNumber,
  };
  for (let i = 0; i < args.imports; i++) {
    const r = await app.call('bankStatements.import', input, { transport: 'http', token: args.token });
    if (!r.ok) throw new Error(`bankStatements.import: ${JSON.stringify(r.error)}`);
    say(`DONE ${JSON.stringify(r.value)}`);
  }
  app.close();
}

main().catch((err) => {
  say(`FATAL ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`.replace(/\n/g, ' | '));
  process.exit(3);
});
