import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The architecture rules run with `npm run lint` (part of `npm test`): they read the source, not the
// app, so they stay apart from the unit suite and fail fast before it.
export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: { include: ['tests/architecture/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
});
