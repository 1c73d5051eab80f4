import type { Invoice } from '../../../src-shared/contract/invoices';

/**
 * A preview of how the server will spread a payment (chosen invoice first, then oldest due first),
 * only to show the cashier what each invoice gets before confirming. The server decides for real.
 */
export function previewAllocation(invoices: Invoice[], budget: number, firstId: number | null): Map<number, number> {
  const queue = [...invoices].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));
  if (firstId !== null) {
    const i = queue.findIndex((x) => x.id === firstId);
    if (i > 0) queue.unshift(...queue.splice(i, 1));
  }
  const out = new Map<number, number>();
  let left = Math.max(0, budget);
  for (const inv of queue) {
    const take = Math.min(inv.outstanding, left);
    out.set(inv.id, take);
    left -= take;
  }
  return out;
}

export const sortOldestFirst = (invoices: Invoice[]) =>
  [...invoices].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));
