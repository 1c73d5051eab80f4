/** Events pushed from main to the renderer (IPC `on` allow-list and SSE). */
export const EVENT_NAMES = [
  'data.changed',
  'router.status',
  'sync.progress',
  'automation.ran',
  'backup.done',
  'backup.progress',
  'encryption.progress',
  'update.status',
  /** The message outbox moved (a send, a cancel, a broadcast queued): the Pesan screen refreshes its counts. */
  'messages.progress',
  /** Something staff must see (new ticket, online payment, router down): a desktop notification, per user's choice. */
  'staff.notify',
  /** A bank statement import credits its lines in chunks: { done, total }. */
  'bank.progress',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface AppEvent {
  name: EventName;
  payload: Record<string, unknown>;
}
