import path from 'node:path';
import { defineConfig } from 'vite';
import { portalSwVersion } from './scripts/portal-sw-version.mjs';

// The customer portal's own small app (src-renderer/portal): built apart from the staff app into
// out/portal, which only the portal host serves, so no staff screen is ever shipped to customers.
const out = process.env.PPPOE_OUT ?? 'out';

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src-renderer/portal'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [portalSwVersion()],
  publicDir: path.resolve(import.meta.dirname, 'src-renderer/portal/public'),
  build: {
    outDir: path.resolve(import.meta.dirname, out, 'portal'),
    emptyOutDir: true,
    target: 'chrome110',
    sourcemap: process.env.PPPOE_SOURCEMAP ? 'inline' : false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { port: 5175, proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } } },
});
