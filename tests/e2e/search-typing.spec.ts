import { expect, signInPage, test } from './fixtures';
import { CustomersPage } from './pages/CustomersPage';

/**
 * Seen in a full run on a loaded machine: "Papan Ketik" typed into the customer search became
 * "Paan Ketik". The search box sends its text to the list after a pause in typing (debounced); when
 * that pause happened mid-word, the list echoed the older text back into the box after a newer key
 * had landed, and the key was lost. A slow office PC does the same to a cashier.
 *
 * Made deterministic here: the page's debounce timers are held (init script) and fired by hand,
 * with the next key typed in the same task, before the list re-renders with the echoed text.
 */
test('a key typed while the search is being applied is never lost', async ({ page, host }) => {
  await page.addInitScript(() => {
    const held = new Map<number, () => void>();
    const realSet = window.setTimeout.bind(window);
    const realClear = window.clearTimeout.bind(window);
    let next = 1_000_000;
    // The search box's debounce (250 ms) waits for the test; every other timer runs as usual.
    (window as unknown as { setTimeout: unknown }).setTimeout = (fn: () => void, ms?: number, ...args: unknown[]) => {
      if (ms !== 250) return realSet(fn, ms, ...args);
      const id = next++;
      held.set(id, () => fn());
      return id;
    };
    (window as unknown as { clearTimeout: unknown }).clearTimeout = (id: number) => {
      if (!held.delete(id)) realClear(id);
    };
    (window as unknown as { fireDebounceThenType: unknown }).fireDebounceThenType = (key: string) => {
      for (const [id, fn] of [...held]) {
        held.delete(id);
        fn();
      }
      // The next key lands before the list re-renders with the text it was just sent.
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(input, input.value + key);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
  });
  await signInPage(page, host);
  const c = new CustomersPage(page);
  await expect(c.search).toBeVisible();
  await c.search.click();
  await page.keyboard.type('Pa');
  await page.evaluate(() => (window as unknown as { fireDebounceThenType(k: string): void }).fireDebounceThenType('p'));
  await page.keyboard.type('an Ketik');
  await expect(c.search).toHaveValue('Papan Ketik');
});
