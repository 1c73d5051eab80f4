/** Counting a receipt print (payment or refund): the count, its audit row and what the receipt shows, together. */
import type { Sqlite } from '../../db/open';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';

interface ReceiptPrint<T> {
  entity: 'payment' | 'refund';
  id: number;
  /** Counted and audited when true; a preview (false) writes nothing. */
  markPrinted: boolean;
  /** The audit actions of a first print and of a copy. */
  actions: readonly [first: string, copy: string];
  prints: () => number;
  count: (db: Sqlite, id: number) => void;
  /** Builds the receipt; `copy`: a print came before this one (for a preview: the next print would be a copy). */
  build: (copy: boolean) => T;
}

export function receiptWithPrint<T>(call: CallContext, p: ReceiptPrint<T>): T {
  const run = () => {
    const before = p.prints();
    if (p.markPrinted) {
      p.count(call.app.sqlite, p.id);
      writeAudit(call, {
        action: before > 0 ? p.actions[1] : p.actions[0],
        entity: p.entity,
        entityId: p.id,
        before: { receiptPrints: before },
        after: { receiptPrints: before + 1 },
      });
    }
    return p.build(before > 0);
  };
  // The count and its audit row are one business action; a preview needs no transaction.
  return p.markPrinted ? call.app.sqlite.transaction(run)() : run();
}
