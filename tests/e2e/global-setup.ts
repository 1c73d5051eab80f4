import fs from 'node:fs';
import path from 'node:path';

/**
 * The host bundle keeps npm packages external. When PPPOE_OUT points outside the repository (e.g.
 * /tmp/h1-out), Node cannot find them from there: link the repository's node_modules next to it.
 */
export default function globalSetup() {
  const out = path.resolve(process.env.PPPOE_OUT ?? 'out');
  const serve = path.join(out, 'host', 'serve.mjs');
  if (!fs.existsSync(serve) || !fs.existsSync(path.join(out, 'renderer', 'index.html'))) {
    throw new Error(`${serve} or the renderer is missing: run \`npm run build\` (with the same PPPOE_OUT) first`);
  }
  const repoModules = path.resolve('node_modules');
  const inside = !path.relative(path.resolve('.'), out).startsWith('..');
  const link = path.join(out, 'node_modules');
  if (!inside && !fs.existsSync(link)) fs.symlinkSync(repoModules, link, 'dir');
}
