/**
 * Fidelity check of the simulator with an independent client: Debian's python3-librouteros.
 * Skipped (with a visible reason) only when no python3 with librouteros is installed.
 */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sim } from './helpers';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../routeros-sim/librouteros_check.py');
const python = ['python3', '/usr/bin/python3'].find(
  (p) => spawnSync(p, ['-c', 'import librouteros'], { stdio: 'ignore' }).status === 0,
);

function runCheck(port: number, ...args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      python!,
      [SCRIPT, String(port), 'admin', 'rahasia', ...args],
      { timeout: 30_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as Record<string, unknown>);
      },
    );
  });
}

describe.skipIf(!python)('simulator vs python3-librouteros (apt-get install python3-librouteros)', () => {
  const expected = {
    identity: 'MikroTik',
    dupTrap: 'failure: secret with the same name already exists',
    printed: [{ id: '*4', name: 'py-budi', disabled: true, commentLen: 20000 }],
    emptyPrint: [],
    count: 4,
    missingTrap: 'no such item',
    activeCount: 1,
    monitor: 1500,
    offlineTrap: 'input does not match any value of interface',
    afterRemove: 0,
  };

  async function seeded(opts: Parameters<typeof sim>[0] = {}) {
    const s = await sim(opts);
    s.seedSecrets(2);
    s.addSecret({ name: 'online1' });
    s.connectUser('online1', { rxBps: 1500, txBps: 2500 });
    return s;
  }

  it('6.43+ login, CRUD, traps, queries, proplist, count-only, !empty, long words', async () => {
    const s = await seeded({ version: '7.19.4' });
    const out = await runCheck(s.port);
    expect(out).toMatchObject({ ...expected, version: '7.19.4 (stable)', added: '*4' });
    expect(s.secret('py-budi')).toBeUndefined();
  });

  it('pre-6.43 challenge login (token method)', async () => {
    const s = await seeded({ version: '6.40.9', legacyLogin: true });
    const out = await runCheck(s.port, 'token');
    // v6 prints yes/no, which librouteros parses to booleans as well
    expect(out).toMatchObject({ ...expected, version: '6.40.9 (stable)' });
  });

  it('replies in 1-byte TCP segments', async () => {
    const s = await seeded();
    s.faults.split = { segmentSize: 1, gapMs: 0 };
    expect(await runCheck(s.port)).toMatchObject(expected);
  });
});
