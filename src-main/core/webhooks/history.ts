/**
 * The webhook outbox keeps its history for HISTORY_DAYS: finished deliveries older than that, and the
 * events no delivery refers to any more, are deleted by the background worker in small transactions
 * (PRUNE_BATCH rows each), so an outbox that grew for years never blocks the one writer for long.
 * Receivers deduplicate by event id within days, and the delivery log shows the last weeks.
 */
import { pruneWebhookHistory } from '../../data/webhooks/webhooks.repository';
import type { AppContext } from '../context';

export const HISTORY_DAYS = 30;
export const PRUNE_EVERY_MS = 6 * 3_600_000;
export const PRUNE_BATCH = 5_000;

/** One batch; `more` when it was full (the caller runs the next one on its next round). */
export function pruneHistoryBatch(ctx: AppContext): { deliveries: number; events: number; more: boolean } {
  const before = new Date(ctx.clock.now().getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const r = ctx.sqlite.transaction(() => pruneWebhookHistory(ctx.sqlite, before, PRUNE_BATCH)).immediate();
  return { ...r, more: r.deliveries === PRUNE_BATCH || r.events === PRUNE_BATCH };
}
