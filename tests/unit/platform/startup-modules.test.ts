import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Packages only an export, a PDF, an e-mail or a push needs (src-main/lazy-require.ts). */
const ON_DEMAND = ['exceljs', 'pdfkit', 'fontkit', 'jszip', 'nodemailer', 'web-push'];

describe('start-up memory (issue 20)', () => {
  it('loading the app does not load the export, PDF, mail and push libraries', () => {
    // A fresh Node process (tsx, as the browser host runs from source) lists every script V8 parses
    // while src-main/app.ts is imported: CommonJS and ES modules alike.
    const script = `
      const inspector = require('node:inspector');
      const session = new inspector.Session();
      session.connect();
      const parsed = new Set();
      session.on('Debugger.scriptParsed', (m) => parsed.add(m.params.url));
      session.post('Debugger.enable');
      import(${JSON.stringify(path.join(ROOT, 'src-main/app.ts'))}).then(() => {
        const names = ${JSON.stringify(ON_DEMAND)};
        console.log(JSON.stringify(names.filter((n) => [...parsed].some((u) => u.includes('/node_modules/' + n + '/')))));
        process.exit(0);
      });`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([]);
  });
});
