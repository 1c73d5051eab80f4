import { createRequire } from 'node:module';

/**
 * A package loaded on its first use instead of at start-up. The export, PDF, mail and push libraries
 * (exceljs, pdfkit, fontkit, jszip, nodemailer, web-push, selfsigned) added ~50 MB to the main
 * process's resident memory when imported up front, though most sessions never export, print or mail
 * (issue 20: RSS ≤ 250 MB at 50,000 customers). Callers keep the types with `import type`; this loads
 * the code. A leaf: imports nothing of the app.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= nodeRequire()(name) as T);
}

function nodeRequire(): NodeJS.Require {
  // ES modules (tests, browser host) have import.meta.url; the CommonJS bundle (Electron main) has the
  // real `require` (its import.meta.url is defined empty at build time, scripts/build-main.mjs).
  const url = (import.meta as { url?: string }).url;
  return typeof url === 'string' && url ? createRequire(url) : require;
}
