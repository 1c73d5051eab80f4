import path from 'node:path';
import { defineConfig } from 'vite';

// Vite 8 transforms TSX itself (oxc); no React plugin needed. `base: './'` keeps asset URLs relative so
// the same build loads from http://127.0.0.1:<port>/ (browser host) and app:// (Electron).
const out = process.env.PPPOE_OUT ?? 'out';

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  publicDir: false,
  build: {
    outDir: path.resolve(import.meta.dirname, out, 'renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Production builds carry no source maps (the browser host would hand the readable source to
    // anyone on the LAN). PPPOE_SOURCEMAP=1 inlines them for debugging; no .map file is ever written.
    sourcemap: process.env.PPPOE_SOURCEMAP ? 'inline' : false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    // `npm run serve -- --port 5174` in another terminal; the dev server forwards the API to it.
    proxy: { '/api': { target: 'http://127.0.0.1:5174', changeOrigin: false } },
  },
});
