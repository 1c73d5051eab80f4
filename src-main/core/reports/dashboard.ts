import type { Dashboard } from '../../../src-shared/contract/reports';
import { addDays, daysBetween } from '../../../src-shared/dates';
import type { AppContext } from '../context';
import { onlineNames } from '../network/online';
import { getSettings } from '../settings';
import { monthBounds, today } from './common';

const ALERT_ROWS = 10;

/**
 * The owner's at-a-glance figures. Every query reads an aggregate, an index or a small partial index
 * (open invoices), so the whole dashboard stays well under 100 ms on 50,000 customers.
 */
export function dashboardData(app: AppContext): Dashboard {
  const db = app.sqlite;
  const day = today(app);
  const period = day.slice(0, 7);
  const { first, last } = monthBounds(period);

  const byMethod = (from: string, to: string) =>
    db
      .prepare(
        `SELECT method, sum(payments) AS count, sum(amount) AS amount FROM report_daily_payments
         WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY method HAVING sum(payments) > 0 ORDER BY amount DESC`,
      )
      .all(from, to) as { method: string; count: number; amount: number }[];
  const todayByMethod = byMethod(day, day);
  const monthByMethod = byMethod(first, last);
  const total = (rows: { amount: number }[]) => rows.reduce((s, r) => s + r.amount, 0);

  const invoicedMonth = (
    db
      .prepare('SELECT coalesce(sum(invoiced), 0) AS v FROM report_daily_invoices WHERE day BETWEEN ? AND ?')
      .get(first, last) as { v: number }
  ).v;
  const open = db
    .prepare(
      `SELECT count(*) AS invoices, coalesce(sum(amount - paid_amount), 0) AS amount,
              coalesce(sum(CASE WHEN due_date < @day THEN 1 END), 0) AS overdueInvoices,
              coalesce(sum(CASE WHEN due_date < @day THEN amount - paid_amount END), 0) AS overdueAmount,
              count(DISTINCT CASE WHEN due_date < @day THEN customer_id END) AS overdueCustomers
       FROM invoices INDEXED BY invoices_open_idx
       WHERE status IN ('unpaid', 'partial', 'overdue') AND amount > paid_amount`,
    )
    .get({ day }) as {
    invoices: number;
    amount: number;
    overdueInvoices: number;
    overdueAmount: number;
    overdueCustomers: number;
  };

  const statusCounts = Object.fromEntries(
    (
      db.prepare('SELECT status, count(*) AS n FROM customers GROUP BY status').all() as { status: string; n: number }[]
    ).map((r) => [r.status, r.n]),
  );
  const isolated = (
    db.prepare("SELECT count(DISTINCT customer_id) AS n FROM pppoe_accounts WHERE status = 'suspended'").get() as {
      n: number;
    }
  ).n;

  const routers = (
    db
      .prepare(
        `SELECT r.id, r.name, r.state, r.last_seen_at AS lastSeenAt,
                (SELECT count(*) FROM pppoe_accounts a WHERE a.router_id = r.id) AS accounts,
                (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pendingSync,
                (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failedSync
         FROM routers r WHERE r.is_active = 1 ORDER BY r.name`,
      )
      .all() as Omit<Dashboard['routers'][number], 'online'>[]
  ).map((r) => {
    // Online = the router's last /ppp/active poll, matched to this router's accounts.
    const names = onlineNames(app, r.id);
    let online = 0;
    if (names?.size) {
      for (const { u } of db
        .prepare('SELECT lower(username) AS u FROM pppoe_accounts WHERE router_id = ?')
        .all(r.id) as { u: string }[]) {
        if (names.has(u)) online++;
      }
    }
    return { ...r, online };
  });

  const overdueInvoices = (
    db
      .prepare(
        `SELECT i.id AS invoiceId, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.name AS customerName,
                i.due_date AS dueDate, i.amount - i.paid_amount AS outstanding
         FROM invoices i INDEXED BY invoices_open_idx JOIN customers c ON c.id = i.customer_id
         WHERE i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount AND i.due_date < ?
         ORDER BY i.due_date, i.id LIMIT ${ALERT_ROWS}`,
      )
      .all(day) as Omit<Dashboard['alerts']['overdueInvoices'][number], 'daysOverdue'>[]
  ).map((r) => ({ ...r, daysOverdue: daysBetween(r.dueDate, day) }));

  const horizon = addDays(day, getSettings(app).expiryAlertDays);
  const expiringAccounts = (
    db
      .prepare(
        `SELECT a.id AS accountId, a.username, a.customer_id AS customerId, c.name AS customerName, substr(a.expires_at, 1, 10) AS expiresAt
         FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id
         WHERE a.status = 'active' AND a.expires_at IS NOT NULL AND substr(a.expires_at, 1, 10) BETWEEN ? AND ?
         ORDER BY a.expires_at, a.id LIMIT ${ALERT_ROWS}`,
      )
      .all(day, horizon) as Omit<Dashboard['alerts']['expiringAccounts'][number], 'daysLeft'>[]
  ).map((r) => ({ ...r, daysLeft: daysBetween(day, r.expiresAt) }));

  const trendFrom = addDays(day, -29);
  const trendRows = new Map(
    (
      db
        .prepare(
          `SELECT day, sum(amount) AS collected FROM report_daily_payments
           WHERE day BETWEEN ? AND ? AND method != 'deposit' GROUP BY day`,
        )
        .all(trendFrom, day) as { day: string; collected: number }[]
    ).map((r) => [r.day, r.collected]),
  );
  const trend = Array.from({ length: 30 }, (_, i) => addDays(trendFrom, i)).map((date) => ({
    date,
    collected: trendRows.get(date) ?? 0,
  }));

  return {
    today: day,
    period,
    collectedToday: total(todayByMethod),
    collectedTodayByMethod: todayByMethod,
    collectedMonth: total(monthByMethod),
    collectedMonthByMethod: monthByMethod,
    invoicedMonth,
    outstanding: { invoices: open.invoices, amount: open.amount },
    overdue: { invoices: open.overdueInvoices, amount: open.overdueAmount, customers: open.overdueCustomers },
    customers: {
      active: statusCounts.active ?? 0,
      inactive: statusCounts.inactive ?? 0,
      suspended: statusCounts.suspended ?? 0,
      isolated,
      total: Object.values(statusCounts).reduce((s, n) => s + n, 0),
    },
    routers,
    alerts: {
      overdueInvoices,
      expiringAccounts,
      routersOffline: routers.filter((r) => r.state === 'offline' || r.state === 'auth_failed').length,
      syncFailures: routers.reduce((s, r) => s + r.failedSync, 0),
    },
    trend,
  };
}
