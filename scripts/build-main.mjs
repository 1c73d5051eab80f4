// Bundles the main-process code: the browser host (ESM, Node), the Electron main (CJS) and the
// sandboxed preload (one CJS file, as Electron's sandbox requires). npm packages stay external.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const out = process.env.PPPOE_OUT ?? 'out';
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // No source maps in production builds (the installer would ship the readable source next to the
  // bundle); PPPOE_SOURCEMAP=1 inlines them for debugging.
  sourcemap: process.env.PPPOE_SOURCEMAP ? 'inline' : false,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};

// A clean slate, so nothing of an older build (source maps included) lingers beside the new bundles.
for (const dir of ['host', 'main', 'preload', 'drizzle'])
  fs.rmSync(path.join(out, dir), { recursive: true, force: true });

await Promise.all([
  build({
    ...common,
    entryPoints: ['src-main/host/http/cli.ts'],
    outfile: `${out}/host/serve.mjs`,
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['src-main/host/electron/main.ts'],
    outfile: `${out}/main/main.cjs`,
    format: 'cjs',
    // CommonJS has no import.meta: code that looks for files beside itself uses __dirname there.
    define: { ...common.define, 'import.meta.url': 'undefined' },
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['src-main/host/electron/preload.ts'],
    outfile: `${out}/preload/preload.cjs`,
    format: 'cjs',
    external: ['electron'],
  }),
]);
// The migrations travel with the build so `node out/host/serve.mjs` finds them next to it.
fs.cpSync('drizzle', path.join(out, 'drizzle'), { recursive: true });
// So do the PDF fonts and their licences (src-main/core/documents/fonts.ts looks in <out>/fonts).
fs.cpSync('resources/fonts', path.join(out, 'fonts'), {
  recursive: true,
  filter: (f) => !/\.(py|mjs)$/.test(f),
});
