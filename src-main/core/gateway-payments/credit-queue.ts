/**
 * The app's one group commit for gateway credits (callbacks and poll answers): one queue per app, so
 * credits from both paths share transactions. Tests and benches may set its options before first use.
 */
import type { AppContext } from '../context';
import { GroupCommit, type GroupCommitOptions } from './group-commit';

export const CREDIT_QUEUE = 'gatewayPayments.creditQueue';
/** `GroupCommitOptions` for the queue made on first use (absent: the defaults). */
export const CREDIT_QUEUE_OPTIONS = 'gatewayPayments.creditQueueOptions';

export function creditQueue(app: AppContext): GroupCommit {
  const existing = app.services[CREDIT_QUEUE];
  if (existing instanceof GroupCommit) return existing;
  const opts = app.services[CREDIT_QUEUE_OPTIONS] as GroupCommitOptions | undefined;
  const queue = new GroupCommit(() => app.sqlite, opts);
  app.services[CREDIT_QUEUE] = queue;
  return queue;
}
