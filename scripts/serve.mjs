// `npm run serve -- --port 0 --data-dir ./data`: builds the renderer and main bundles when they are
// missing or older than the sources, then starts the browser host with the given arguments.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const out = process.env.PPPOE_OUT ?? 'out';
const newest = (dir) => {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return t;
};
const built = path.join(out, 'host', 'serve.mjs');
const stale =
  !fs.existsSync(built) ||
  !fs.existsSync(path.join(out, 'renderer', 'index.html')) ||
  Math.max(newest('src-main'), newest('src-renderer'), newest('src-shared'), newest('drizzle')) >
    fs.statSync(built).mtimeMs;
if (stale || process.env.PPPOE_REBUILD) {
  const r = spawnSync('npm', ['run', 'build'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, [built, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
