/** The crash tests kill a worker that runs as its own Node process: each worker is bundled once with esbuild
 *  (dependencies stay external, so the native SQLite module is the one the tests use). */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Where the bundle of tests/crash/<name>.ts is written. */
export function crashWorkerPath(name: string): string {
  return path.join(ROOT, 'node_modules', '.cache', 'pppoe-desk-crash', `${name}.mjs`);
}

export async function bundleCrashWorker(name: string): Promise<void> {
  const outfile = crashWorkerPath(name);
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'tests/crash', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}
