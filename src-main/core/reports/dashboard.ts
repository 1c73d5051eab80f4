import type { Dashboard } from '../../../src-shared/contract/reports';
import { addDays, daysBetween } from '../../../src-shared/dates';
import {
  customerStatusCounts,
  expiryAlerts,
  isolatedCustomerCount,
  overdueAlerts,
  routerHealth,
  routerUsernames,
} from '../../data/reports/dashboard.queries';
import type { BrandFilter } from '../../data/reports/brand-filter';
import { openSummaryTotals, rollAgingSummary } from '../../data/reports/aging-summary.queries';
import { collectedByDay, collectedByMethod, invoicedSum } from '../../data/reports/financial.queries';
import type { AppContext } from '../context';
import { onlineNames } from '../network/online';
import { getSettings } from '../settings';
import { monthBounds, today } from './common';

const ALERT_ROWS = 10;

/**
 * The owner's at-a-glance figures (every read is an aggregate or an index: see dashboard.queries), for
 * `brands` (null = every brand): their customers' money and customers, and their routers.
 */
export function dashboardData(
  app: AppContext,
  input: { brandId?: number } = {},
  brands: BrandFilter = null,
): Dashboard {
  const db = app.sqlite;
  const day = today(app);
  const period = day.slice(0, 7);
  const { first, last } = monthBounds(period);

  const todayByMethod = collectedByMethod(db, day, day, brands);
  const monthByMethod = collectedByMethod(db, first, last, brands);
  const total = (rows: { amount: number }[]) => rows.reduce((s, r) => s + r.amount, 0);

  const invoicedMonth = invoicedSum(db, first, last, brands);
  // Open and overdue invoices from the aging summaries (drizzle/0031), moved to today first.
  rollAgingSummary(db, day);
  const open = openSummaryTotals(db, brands);

  const statusCounts = Object.fromEntries(customerStatusCounts(db, brands).map((r) => [r.status, r.n]));
  const isolated = isolatedCustomerCount(db, brands);

  const routers = routerHealth(db, brands).map((r) => {
    // Online = the router's last /ppp/active poll, matched to this router's accounts.
    const names = onlineNames(app, r.id);
    let online = 0;
    if (names?.size) {
      for (const u of routerUsernames(db, r.id)) if (names.has(u)) online++;
    }
    return { ...r, online };
  });

  const overdueInvoices = overdueAlerts(db, day, ALERT_ROWS, brands).map((r) => ({
    ...r,
    daysOverdue: daysBetween(r.dueDate, day),
  }));

  const horizon = addDays(day, getSettings(app).expiryAlertDays);
  const expiringAccounts = expiryAlerts(db, { from: day, to: horizon }, ALERT_ROWS, brands).map((r) => ({
    ...r,
    daysLeft: daysBetween(day, r.expiresAt),
  }));

  const trendFrom = addDays(day, -29);
  const trendRows = collectedByDay(db, trendFrom, day, brands);
  const trend = Array.from({ length: 30 }, (_, i) => addDays(trendFrom, i)).map((date) => ({
    date,
    collected: trendRows.get(date) ?? 0,
  }));

  const data = {
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
  return input.brandId === undefined ? data : { ...data, brandId: input.brandId };
}
