/**
 * Payments a collector took that the office has not confirmed yet, kept in this browser (localStorage,
 * one list per signed-in collector) so a closed tab or a dead signal loses nothing. Each carries the key
 * made on the phone when the money was taken: sending it again is harmless (the server credits a key
 * once and answers a replay with the same payment).
 */
import type { SyncItem, SyncResult } from '../../../src-shared/contract/collectors';
import { api } from '../../api/client';

export interface QueuedPayment extends Required<Omit<SyncItem, 'invoiceId'>> {
  invoiceId?: number;
  customerCode: string;
  customerName: string;
  /** Set when the office refused it (not assigned any more, bad invoice): shown, kept, resent on demand. */
  error: string | null;
}

const storageKey = (userId: number) => `pppoe-desk.collector-queue.${userId}`;

export function loadQueue(userId: number): QueuedPayment[] {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? (list as QueuedPayment[]) : [];
  } catch {
    return [];
  }
}

export function saveQueue(userId: number, list: QueuedPayment[]): void {
  localStorage.setItem(storageKey(userId), JSON.stringify(list));
}

/** A random key per payment (crypto.randomUUID needs a secure context; the office LAN is plain HTTP). */
export function newPaymentKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const BATCH = 100;

export type SyncOutcome =
  | { kind: 'done'; results: SyncResult[] }
  /** The office could not be reached (or answered with an error for the whole batch): everything stays. */
  | { kind: 'unreachable'; message: string };

/**
 * Sends the queue in batches of 100, in the order taken. After each batch the confirmed items leave the
 * stored list at once (a reload mid-sync resends nothing twice, and a resend would be harmless anyway).
 */
export async function sendQueue(
  userId: number,
  onProgress: (done: number, total: number) => void,
): Promise<SyncOutcome> {
  const all = loadQueue(userId);
  const results: SyncResult[] = [];
  onProgress(0, all.length);
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    const r = await api('collector.sync', {
      items: batch.map(({ key, customerId, invoiceId, amount, collectedAt }) => ({
        key,
        customerId,
        invoiceId,
        amount,
        collectedAt,
      })),
    });
    if (!r.ok) return { kind: 'unreachable', message: r.error.message };
    const byKey = new Map(r.value.results.map((x) => [x.key, x]));
    const next = loadQueue(userId).flatMap((q) => {
      const res = byKey.get(q.key);
      if (!res) return [q];
      if (res.status === 'rejected') return [{ ...q, error: res.error?.message ?? null }];
      return [];
    });
    saveQueue(userId, next);
    results.push(...r.value.results);
    onProgress(Math.min(i + BATCH, all.length), all.length);
  }
  return { kind: 'done', results };
}
