import { spawn, type SpawnOptions } from 'node:child_process';

/** A race worker process: it prints READY once set up, waits for GO on stdin, prints its result lines, exits. */
export interface RaceChild {
  ready: Promise<void>;
  /** Its output lines (READY left out); rejects on a non-zero exit or a line starting with FATAL. */
  done: Promise<string[]>;
  go(): void;
}

/** Starts `node <args>`, so that two of them can be released at the same moment by `go()`. */
export function startRaceChild(args: string[], opts: SpawnOptions = {}): RaceChild {
  const child = spawn(process.execPath, args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  let stderr = '';
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line === 'READY') onReady();
      else lines.push(line);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const fatal = lines.find((l) => l.startsWith('FATAL'));
      if (code !== 0 || fatal) reject(new Error(fatal ?? stderr.slice(0, 2000)));
      else resolve(lines);
    });
  });
  return { ready, done, go: () => child.stdin!.end('GO\n') };
}
