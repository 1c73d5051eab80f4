import type { InputOf } from '../../../src-shared/contract';
import { MessageWorker, type DrainResult } from '../../../src-main/core/messaging/worker';
import type { TestApp } from '../../helpers/app';

export type ChannelSettings = InputOf<'messages.saveChannel'>;

export const NO_QUIET = { minGapSeconds: 5, maxGapSeconds: 15, dailyCap: null, quietStart: null, quietEnd: null };

export function fonnteChannel(url: string, throttle: ChannelSettings['throttle'] = NO_QUIET): ChannelSettings {
  return {
    channel: 'whatsapp',
    enabled: true,
    settings: { provider: 'fonnte', baseUrl: url, token: 'fonnte-test-token' },
    throttle,
  };
}

export interface OutboxRowT {
  id: number;
  kind: string;
  status: string;
  customer_id: number;
  invoice_id: number | null;
  payment_id: number | null;
  attempts: number;
  reason: string | null;
  recipient: string | null;
  body: string | null;
  next_attempt_at: string;
}

export function outbox(t: TestApp): OutboxRowT[] {
  return t.app.ctx.sqlite.prepare('SELECT * FROM message_outbox ORDER BY id').all() as OutboxRowT[];
}

/** A worker with a seeded RNG (gaps are deterministic) on the test app. */
export function worker(t: TestApp) {
  let seed = 1;
  const rng = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return new MessageWorker(t.app, { rng });
}

/**
 * Drains, then moves the fake clock to the next moment something is due and drains again, until
 * nothing is due before `until` (epoch ms). Returns the totals.
 */
export async function drainUntil(t: TestApp, w: MessageWorker, until: number): Promise<DrainResult> {
  const total: DrainResult = { sent: 0, failed: 0, cancelled: 0, retried: 0, unknown: 0, nextAt: null };
  for (let i = 0; i < 10_000; i++) {
    const r = await w.drain();
    total.sent += r.sent;
    total.failed += r.failed;
    total.cancelled += r.cancelled;
    total.retried += r.retried;
    total.unknown += r.unknown;
    total.nextAt = r.nextAt;
    if (r.nextAt === null || r.nextAt > until) return total;
    if (r.nextAt > t.clock.now().getTime()) t.clock.set(new Date(r.nextAt).toISOString());
  }
  throw new Error('drainUntil did not settle');
}
