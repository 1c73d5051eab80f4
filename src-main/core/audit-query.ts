import ExcelJS from 'exceljs';
import type { AuditEntry } from '../../src-shared/contract/audit';
import { addDays, businessDate, businessTime } from '../../src-shared/dates';
import type { AppContext, CallContext } from './context';
import { getSettings } from './settings';
import { likePattern, type Paged } from './sql';

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

function where(app: AppContext, f: AuditFilters): { sql: string; args: unknown[] } {
  const w: string[] = [];
  const args: unknown[] = [];
  const tz = getSettings(app).timeZone;
  if (f.userId !== undefined) {
    w.push('user_id = ?');
    args.push(f.userId);
  }
  if (f.entity) {
    w.push('entity = ?');
    args.push(f.entity);
  }
  if (f.entityId) {
    w.push('entity_id = ?');
    args.push(f.entityId);
  }
  if (f.action) {
    // `payment` matches payment.create, payment.void...; a full name matches exactly.
    w.push(`(action = ? OR action LIKE ? ESCAPE '\\')`);
    args.push(f.action, `${likePattern(f.action).slice(1, -1)}.%`);
  }
  if (f.source) {
    w.push('source = ?');
    args.push(f.source);
  }
  if (f.from) {
    w.push('at >= ?');
    args.push(startOfDayUtc(f.from, tz));
  }
  if (f.to) {
    w.push('at < ?');
    args.push(startOfDayUtc(addDays(f.to, 1), tz));
  }
  if (f.search) {
    const p = likePattern(f.search);
    w.push(
      `(username LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR entity_id LIKE ? ESCAPE '\\'
        OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\' OR reason LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\')`,
    );
    args.push(p, p, p, p, p, p, p, p);
  }
  return { sql: w.length ? ` WHERE ${w.join(' AND ')}` : '', args };
}

const COLUMNS = `id, at, user_id AS userId, username, action, entity, entity_id AS entityId, before, after, reason, source`;

/** Newest first. */
export function listAudit(call: CallContext, q: AuditFilters & { page: number; pageSize: number }): Paged<AuditEntry> {
  const { sqlite } = call.app;
  const { sql, args } = where(call.app, q);
  const offset = (q.page - 1) * q.pageSize;
  const count = () => (sqlite.prepare(`SELECT count(*) AS n FROM audit_log${sql}`).get(...args) as { n: number }).n;
  if (q.search) {
    // Text search scans the table: count in the same pass (one scan instead of two).
    const rows = sqlite
      .prepare(`SELECT ${COLUMNS}, count(*) OVER () AS total FROM audit_log${sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, q.pageSize, offset) as (AuditEntry & { total: number })[];
    const total = rows[0]?.total ?? (offset > 0 ? count() : 0);
    return { items: rows.map(({ total: _t, ...e }) => e), total, page: q.page, pageSize: q.pageSize };
  }
  const total = count();
  const items = sqlite
    .prepare(`SELECT ${COLUMNS} FROM audit_log${sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...args, q.pageSize, offset) as AuditEntry[];
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export function auditFacets(call: CallContext) {
  const { sqlite } = call.app;
  const col = (c: string) =>
    (sqlite.prepare(`SELECT DISTINCT ${c} AS v FROM audit_log ORDER BY 1`).all() as { v: string }[]).map((r) => r.v);
  return {
    actions: col('action'),
    entities: col('entity'),
    sources: (
      sqlite.prepare('SELECT DISTINCT source AS v FROM audit_log WHERE source IS NOT NULL ORDER BY 1').all() as {
        v: string;
      }[]
    ).map((r) => r.v),
    users: sqlite.prepare('SELECT id, username FROM users ORDER BY username COLLATE NOCASE').all() as {
      id: number;
      username: string;
    }[],
  };
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
  const { sql, args } = where(app, q);
  const rows = app.sqlite
    .prepare(`SELECT ${COLUMNS} FROM audit_log${sql} ORDER BY id ASC LIMIT ?`)
    .all(...args, EXPORT_MAX_ROWS + 1) as AuditEntry[];
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
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PPPoE Desk';
  const ws = wb.addWorksheet('Audit log', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const line of table) ws.addRow(line);
  ws.columns.forEach((c, i) => {
    c.width = [8, 12, 8, 14, 16, 22, 14, 10, 40, 40, 30][i] ?? 14;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${base}.xlsx`, base64: buf.toString('base64'), rows: rows.length, truncated };
}
