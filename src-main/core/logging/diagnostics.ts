import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type JSZip from 'jszip';
import { lazyRequire } from '../../lazy-require';
import { journalMode, sqliteVersion, tableRowCounts } from '../../data/diagnostics.queries';
import type { AppContext } from '../context';
import { redact, redactText } from '../../logging/logger';
import { getSettings } from '../settings';
import { migrationInfo } from '../../db/migrate';
import { logsDir } from '../../logging/file-logger';

/** Loaded on first use (lazy-require.ts). */
const jszip = lazyRequire<typeof JSZip>('jszip');

/** Desktop host: shows a save dialog in the main process and writes the file; null when cancelled. */
export type FileSaver = (suggestedName: string, data: Uint8Array) => Promise<string | null>;

/** Settings that never leave the machine in a diagnostics zip (the logo is big and not diagnostic). */
const DROPPED_SETTINGS = new Set(['ispLogo']);
/** Per log file: the newest part is what matters; keeps the zip e-mailable. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

function readTail(file: string): string {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const len = Math.min(size, MAX_LOG_BYTES);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    return buf.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export function diagnosticsVersions(ctx: AppContext) {
  const sqlite = sqliteVersion(ctx.sqlite);
  const schema = migrationInfo(ctx.sqlite, ctx.migrationsFolder);
  return {
    app: ctx.appVersion,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    node: process.versions.node,
    sqlite,
    schemaVersion: schema.applied,
    schemaLatest: schema.latest,
    platform: process.platform,
    arch: process.arch,
    os: `${os.type()} ${os.release()}`,
  };
}

/** Settings as diagnostic data: no logo, nothing secret-looking, no credentials inside URLs. */
export function diagnosticsSettings(ctx: AppContext): Record<string, unknown> {
  const settings = Object.fromEntries(Object.entries(getSettings(ctx)).filter(([k]) => !DROPPED_SETTINGS.has(k)));
  return redact(settings) ?? {};
}

/**
 * The "Export diagnostics" zip: what support needs to understand a problem and nothing that could
 * hurt the ISP if the file is passed around. Log lines were redacted when written; they are scrubbed
 * again here (older files, or a line a future bug let through). No database contents, only table sizes.
 */
export async function buildDiagnosticsZip(ctx: AppContext): Promise<{ filename: string; data: Uint8Array }> {
  const now = ctx.clock.now();
  const zip = new (jszip())();
  const versions = diagnosticsVersions(ctx);
  zip.file('versions.json', JSON.stringify(versions, null, 2));
  zip.file('settings.json', JSON.stringify(diagnosticsSettings(ctx), null, 2));
  const dbFile = ctx.sqlite.name;
  zip.file(
    'database.json',
    JSON.stringify(
      {
        schemaVersion: versions.schemaVersion,
        schemaLatest: versions.schemaLatest,
        fileBytes: dbFile && fs.existsSync(dbFile) ? fs.statSync(dbFile).size : null,
        journalMode: journalMode(ctx.sqlite),
        rowCounts: tableRowCounts(ctx.sqlite),
      },
      null,
      2,
    ),
  );
  const dir = logsDir(ctx.dataDir);
  const logs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.log(\.\d+)?$|\.\d+\.log$/.test(f)) : [];
  for (const f of logs.sort()) {
    const text = readTail(path.join(dir, f));
    zip.file(`logs/${f}`, text.split('\n').map(redactText).join('\n'));
  }
  zip.file(
    'README.txt',
    [
      'PPPoE Desk diagnostics',
      `Created: ${now.toISOString()}`,
      'Contains: versions.json, settings.json (logo and secrets removed), database.json (schema version,',
      'table sizes; no customer data) and the application logs (passwords and tokens removed).',
      '',
    ].join('\n'),
  );
  const data = await zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { filename: `pppoe-desk-diagnostics-${stamp}.zip`, data };
}
