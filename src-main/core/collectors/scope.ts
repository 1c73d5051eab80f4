/** Who the collector is: every collector channel acts for the signed-in collector only. */
import { AppError } from '../../../src-shared/result';
import type { CallContext } from '../context';

export function collectorOf(call: CallContext): number {
  const s = call.session;
  if (!s || s.role !== 'collector') throw new AppError('FORBIDDEN', 'Only a collector can use the collector screen');
  return s.userId;
}
