/**
 * One side of `tests/bench/ab.ts`: runs one bench suite of the tree given as the first argument (this
 * tree or an old checkout of it) and prints its rows as one JSON line. The suite is imported from that
 * tree, so its code, not this tree's, is measured; the process's cwd is that tree (its tsconfig).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchSuite } from './harness';

const FILES: Record<string, string> = {
  billing: 'billing.bench.ts',
  network: 'network.bench.ts',
  platform: 'platform.bench.ts',
};

async function main() {
  const [root, id] = process.argv.slice(2);
  const file = id ? FILES[id] : undefined;
  if (!root || !file) throw new Error(`usage: ab-child.ts <tree> <${Object.keys(FILES).join('|')}>`);
  const mod: Record<string, unknown> = await import(pathToFileURL(path.join(root, 'tests/bench', file)).href);
  const suite = Object.values(mod).find((v): v is BenchSuite => typeof v === 'object' && v !== null && 'run' in v);
  if (!suite) throw new Error(`${file}: no suite exported`);
  const rows = await suite.run();
  console.log(`AB-ROWS ${JSON.stringify(rows)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
