import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The architecture rules run with `npm run lint` (they read the source, not the app), apart from the
// unit suite so that a rule can be written before the code obeys it everywhere.
export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: { include: ['tests/architecture/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
});
