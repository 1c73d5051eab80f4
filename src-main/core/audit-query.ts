import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { lazyRequire } from '../lazy-require';
import type { AuditEntry } from '../../src-shared/contract/audit';
import { addDays, businessDate, businessTime } from '../../src-shared/dates';
import type { AppContext, CallContext } from './context';
import { getSettings } from './settings';
import { auditFacetValues, auditPage, auditRowsForExport, type AuditQuery } from '../data/audit.queries';
import type { Paged } from '../data/sql';

/** Loaded on first use (lazy-require.ts). */
const excel = lazyRequire<typeof ExcelJS>('exceljs');

export interface AuditFilters {
  userId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  source?: string;
  from?: string;
  to?: string;
  search?: string;
}

/** The UTC instant at which a calendar date starts in a time zone (the ISP zones have no DST). */
export function startOfDayUtc(date: string, tz: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Offset of the zone at that moment: its wall clock read as if it were UTC, minus the instant.
  const wall = `${businessDate(new Date(guess), tz)}T${businessTime(new Date(guess), tz)}:00Z`;
  const offset = Date.parse(wall) - guess;
  return new Date(guess - offset).toISOString();
}

/** The filters as the data layer takes them: the business dates become instants in the ISP's zone. */
function toQuery(app: AppContext, f: AuditFilters): AuditQuery {
  const tz = getSettings(app).timeZone;
  return {
    userId: f.userId,
    entity: f.entity,
    entityId: f.entityId,
    action: f.action,
    source: f.source,
    fromAt: f.from ? startOfDayUtc(f.from, tz) : undefined,
    toAt: f.to ? startOfDayUtc(addDays(f.to, 1), tz) : undefined,
    search: f.search,
  };
}

/** Newest first. */
export function listAudit(
  call: CallContext,
  q: AuditFilters & { page: number; pageSize: number },
): Paged<AuditEntry> & { totalIsLowerBound: boolean } {
  const { items, total, totalIsLowerBound } = auditPage(
    call.app.sqlite,
    toQuery(call.app, q),
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items, total, totalIsLowerBound, page: q.page, pageSize: q.pageSize };
}

export function auditFacets(call: CallContext) {
  return auditFacetValues(call.app.sqlite);
}

/** Enough for years of a small office; a larger export asks the user to narrow the dates. */
export const EXPORT_MAX_ROWS = 100_000;

/** A cell that a spreadsheet would run as a formula is prefixed with ' (CSV/formula injection). */
function safeCell(v: string | number | null): string | number {
  if (v === null) return '';
  if (typeof v === 'number') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportAudit(
  call: CallContext,
  q: AuditFilters & { format: 'csv' | 'xlsx' },
): Promise<{ filename: string; base64: string; rows: number; truncated: boolean }> {
  const { app } = call;
  const tz = getSettings(app).timeZone;
  const rows = auditRowsForExport(app.sqlite, toQuery(app, q), EXPORT_MAX_ROWS + 1);
  const truncated = rows.length > EXPORT_MAX_ROWS;
  if (truncated) rows.length = EXPORT_MAX_ROWS;
  const header = ['ID', 'Date', 'Time', 'User', 'Source', 'Action', 'Entity', 'Entity ID', 'Before', 'After', 'Reason'];
  const table = rows.map((r) => {
    const at = new Date(r.at);
    return [
      r.id,
      businessDate(at, tz),
      businessTime(at, tz),
      r.username,
      r.source,
      r.action,
      r.entity,
      r.entityId,
      r.before,
      r.after,
      r.reason,
    ].map(safeCell);
  });
  const stamp = businessDate(app.clock.now(), tz);
  const range = q.from || q.to ? `-${q.from ?? 'start'}_${q.to ?? stamp}` : '';
  const base = `audit-log${range}-${stamp}`;
  if (q.format === 'csv') {
    // BOM so Excel opens the UTF-8 text with the right characters.
    const text = '\ufeff' + [header, ...table].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
    return {
      filename: `${base}.csv`,
      base64: Buffer.from(text, 'utf8').toString('base64'),
      rows: rows.length,
      truncated,
    };
  }
  // The streaming writer, each row written as it is added, strings inline: 100,000 rows in 4.7 s instead of
  // 8.9 s for the in-memory workbook and its shared-string table (issue 20; the file is ~18% larger).
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = 'PPPoE Desk';
  const ws = wb.addWorksheet('Audit log', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [8, 12, 8, 14, 16, 22, 14, 10, 40, 40, 30].map((width) => ({ width }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.commit();
  for (const line of table) ws.addRow(line).commit();
  ws.commit();
  await wb.commit();
  const buf = Buffer.concat(chunks);
  return { filename: `${base}.xlsx`, base64: buf.toString('base64'), rows: rows.length, truncated };
}
