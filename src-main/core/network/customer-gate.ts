import { AppError } from '../../../src-shared/result';
import { customerStanding } from '../../data/network/customer-refs.queries';
import type { CallContext } from '../context';

/**
 * An active account gives internet access: for a customer who is suspended or inactive that needs an
 * explicit override with a reason. Returns the override to record in the audit row, or null.
 */
export function customerGate(
  call: CallContext,
  customerId: number,
  overrideReason: string | null | undefined,
): { customerStatus: string; reason: string } | null {
  const c = customerStanding(call.app.sqlite, customerId);
  if (!c || c.status === 'active') return null;
  if (!overrideReason) {
    const message =
      c.status === 'suspended'
        ? `Customer ${c.code} ${c.name} is suspended: an active account needs an override with a reason`
        : `Customer ${c.code} ${c.name} is inactive: an active account needs an override with a reason`;
    throw new AppError('CONFLICT', message, [{ path: 'overrideReason', message }]);
  }
  return { customerStatus: c.status, reason: overrideReason };
}
