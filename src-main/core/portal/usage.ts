import type { PortalUsage } from '../../../src-shared/contract/portal/usage';
import { addMonths, daysBetween } from '../../../src-shared/dates';
import { servicesOf } from '../../data/portal/portal.queries';
import { today } from '../billing/common';
import { accountUsage } from '../network/usage';
import { customerOf } from './account';
import type { PortalCall } from './session';

/**
 * The signed-in customer's daily use since the first day of last month, per account: the same
 * `accountUsage` the staff's chart reads, keyed by the session's customer (never an id from the request).
 */
export function portalUsage(call: PortalCall): PortalUsage {
  const { app } = call;
  const { customerId } = customerOf(call);
  const todayDate = today(app);
  const thisMonth = todayDate.slice(0, 7);
  const lastMonth = addMonths(thisMonth, -1);
  const days = daysBetween(`${lastMonth}-01`, todayDate) + 1;
  return {
    thisMonth,
    lastMonth,
    accounts: servicesOf(app.sqlite, customerId).map((s) => {
      // The portal shows days only: the 12-month totals are not read.
      const u = accountUsage(app, s.accountId, days, false);
      return { username: s.username, days: u.days, current: u.current };
    }),
  };
}
