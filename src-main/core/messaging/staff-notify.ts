/**
 * Desktop notifications for staff: events someone at the desk must see (a customer's new ticket, money
 * from a payment gateway for a customer's bills or a reseller's balance, a router that went down,
 * customer messages that failed for good). The server only says what happened, after the change
 * committed (`staff.notify` event); each signed-in screen shows it if its user wants that kind and may
 * see it (the browser's Notification API; in the desktop app the same API shows a native one).
 */
import type { StaffNoticeKind } from '../../../src-shared/contract/messaging';
import { STAFF_NOTICE_KINDS } from '../../../src-shared/contract/messaging';
import type { AppEvent } from '../../../src-shared/events';
import { userBrandIds } from '../../data/brands.repository';
import { staffPrefRows, upsertStaffPref } from '../../data/messaging/staff-notify.repository';
import { liveSessionUserId } from '../auth';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';

export type StaffNotice =
  | { kind: 'ticket_new'; ticketId: number; customerName: string; brandId: number | null }
  | { kind: 'payment_online'; paymentId: number; amount: number; provider: string; brandId: number | null }
  | {
      kind: 'reseller_topup';
      movementId: number;
      resellerId: number;
      resellerName: string;
      amount: number;
      provider: string;
    }
  | { kind: 'router_down'; routerId: number; routerName: string; brandId: number | null }
  | { kind: 'messages_failed'; count: number };

/** Tells every signed-in screen; call it after the transaction of the event committed. */
export function notifyStaff(app: AppContext, notice: StaffNotice): void {
  app.events.emit({ name: 'staff.notify', payload: { ...notice } });
}

/**
 * Whether a pushed event may reach the holder of `token`. A staff notice about one brand's customer or router
 * names them, so it reaches only users who may see that brand (a brand-limited user's stream must not carry
 * another brand's customer names). Every other event passes; the hosts already push nothing before sign-in.
 */
export function eventReaches(app: AppContext, token: string | undefined, event: AppEvent): boolean {
  if (event.name !== 'staff.notify') return true;
  const brandId = event.payload.brandId;
  if (typeof brandId !== 'number') return true;
  const userId = liveSessionUserId(app, token);
  if (userId === null) return false;
  const limited = userBrandIds(app.sqlite, userId);
  return limited.length === 0 || limited.includes(brandId);
}

export function staffPrefs(call: CallContext): Record<StaffNoticeKind, boolean> {
  const rows = new Map(staffPrefRows(call.app.sqlite, call.session!.userId).map((r) => [r.kind, r.enabled]));
  const out = {} as Record<StaffNoticeKind, boolean>;
  for (const k of STAFF_NOTICE_KINDS) out[k] = rows.get(k) ?? true;
  return out;
}

/** The signed-in user's own choices; audited like any other change. */
export function saveStaffPrefs(call: CallContext, input: Partial<Record<StaffNoticeKind, boolean>>) {
  const { app } = call;
  const userId = call.session!.userId;
  app.sqlite.transaction(() => {
    const before = staffPrefs(call);
    const now = app.clock.now().toISOString();
    for (const [kind, enabled] of Object.entries(input)) upsertStaffPref(app.sqlite, { userId, kind, enabled, now });
    writeAudit(call, {
      action: 'messages.staffPrefs',
      entity: 'user',
      entityId: userId,
      before,
      after: staffPrefs(call),
    });
  })();
  return staffPrefs(call);
}
