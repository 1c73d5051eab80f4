import type { Page } from '@playwright/test';

/**
 * Staff desktop notifications as a test sees them: the page's Notification becomes a recorder (Chromium's
 * real pop-up cannot be observed from a test), and the page's event stream tells when it listens for
 * `staff.notify`, so a test waits for that, never for time. Call before the page loads.
 */
export async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const notes: { title: string; body?: string }[] = [];
    const names: string[] = [];
    w.__notes = notes;
    w.__streamNames = names;
    w.Notification = class {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title: string, opts?: { body?: string }) {
        notes.push({ title, body: opts?.body });
      }
    };
    const streams: EventSource[] = [];
    const add = EventSource.prototype.addEventListener as (this: EventSource, ...a: unknown[]) => void;
    EventSource.prototype.addEventListener = function (this: EventSource, name: string, ...rest: unknown[]) {
      names.push(name);
      if (!streams.includes(this)) streams.push(this);
      add.call(this, name, ...rest);
    } as typeof EventSource.prototype.addEventListener;
    w.__streamOpen = () => names.includes('staff.notify') && streams.some((s) => s.readyState === EventSource.OPEN);
  });
}

/** Resolves once the page listens for staff.notify on an open stream: an event sent now reaches it. */
export async function notificationsListening(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __streamOpen(): boolean }).__streamOpen());
}

/** The notifications the page has shown so far. */
export function shownNotifications(page: Page): Promise<{ title: string; body?: string }[]> {
  return page.evaluate(() => (window as unknown as { __notes: { title: string; body?: string }[] }).__notes);
}
