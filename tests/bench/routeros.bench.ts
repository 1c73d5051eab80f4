import { RouterConnection } from '../../src-main/routeros/connection';
import { RouterSim } from '../routeros-sim/simulator';
import { ms, timeAsync, type BenchRow, type BenchSuite } from './harness';

const LATENCY_MS = 2;

export const routerosSuite: BenchSuite = {
  id: 'routeros',
  title: 'RouterOS client: pipelined vs sequential commands (simulator, 2 ms latency)',
  notes:
    'Simulator on 127.0.0.1 adding 2 ms before every reply. "Sequential" awaits each command before sending the next; "pipelined" sends tagged commands concurrently on the same connection; "new connection per command" is what many scripts do (connect, login, one command, close).',
  scalable: true,
  async run(scale) {
    // At `--scale` the router holds that many secrets (one per customer); the timed batches stay the same size.
    const secrets = scale ?? 5000;
    const sim = await new RouterSim().start();
    sim.seedSecrets(secrets);
    sim.faults.latencyMs = LATENCY_MS;
    const conn = await RouterConnection.open(sim.target());
    const rows: BenchRow[] = [];
    try {
      const seqN = 300;
      const seq = await timeAsync(async () => {
        for (let i = 0; i < seqN; i++)
          await conn.run('/ppp/secret/set', {
            numbers: `user${String((i % secrets) + 1).padStart(4, '0')}`,
            comment: `S${i}`,
          });
      });
      const seqRate = (seqN / seq.ms) * 1000;

      const pipeN = Math.min(5000, secrets);
      const pipe = await timeAsync(() =>
        Promise.all(
          Array.from({ length: pipeN }, (_, i) =>
            conn.run('/ppp/secret/set', { numbers: `user${String(i + 1).padStart(4, '0')}`, comment: `P${i}` }),
          ),
        ),
      );
      const pipeRate = (pipeN / pipe.ms) * 1000;

      const naiveN = 100;
      const naive = await timeAsync(async () => {
        for (let i = 0; i < naiveN; i++) {
          const c = await RouterConnection.open(sim.target());
          await c.run('/ppp/secret/set', { numbers: `user${String(i + 1).padStart(4, '0')}`, comment: `N${i}` });
          await c.close();
        }
      });
      const naiveRate = (naiveN / naive.ms) * 1000;

      const print = await timeAsync(() => conn.run('/ppp/secret/print'));

      rows.push(
        {
          name: `sequential, one connection (${seqN} set)`,
          value: `${seqRate.toFixed(0)} cmd/s (${ms(seq.ms / seqN)} each)`,
        },
        {
          name: `pipelined, one connection (${pipeN} set)`,
          value: `${pipeRate.toFixed(0)} cmd/s (total ${ms(pipe.ms)})`,
          target: '≥ 10× sequential',
          pass: pipeRate >= 10 * seqRate,
        },
        { name: `new connection per command (${naiveN})`, value: `${naiveRate.toFixed(0)} cmd/s` },
        { name: 'pipelined vs sequential', value: `${(pipeRate / seqRate).toFixed(1)}×` },
        { name: 'pipelined vs new connection per command', value: `${(pipeRate / naiveRate).toFixed(1)}×` },
        { name: `print of ${print.value.length} secrets`, value: ms(print.ms), kind: 'batch' },
      );
    } finally {
      await conn.close();
      await sim.stop();
    }
    return rows;
  },
};
