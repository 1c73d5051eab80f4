import type { DepositKind } from '../../data/billing/deposits.repository';
import { insertDepositMovement } from '../../data/billing/deposits.repository';
import type { CallContext } from '../context';

/** Writes one deposit movement and keeps customers.deposit (the cached sum) in step, same transaction. */
export function moveDeposit(
  call: CallContext,
  customerId: number,
  amount: number,
  kind: DepositKind,
  refs: { paymentId?: number | null; refundId?: number | null; invoiceId?: number | null; note?: string | null },
): void {
  const { app, session } = call;
  insertDepositMovement(app.sqlite, {
    customerId,
    amount,
    kind,
    paymentId: refs.paymentId ?? null,
    refundId: refs.refundId ?? null,
    invoiceId: refs.invoiceId ?? null,
    userId: session?.userId ?? null,
    note: refs.note ?? null,
    at: app.clock.now().toISOString(),
  });
}
