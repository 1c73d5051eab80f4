import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Kasir screen (screens/cashdesk). */
export class CashDeskPage {
  readonly shell: AppShell;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async goto(origin: string) {
    await this.page.goto(`${origin}/#/cashdesk`);
  }

  get search(): Locator {
    return this.page.getByTestId('desk-search');
  }
  get results(): Locator {
    return this.page.getByTestId('desk-result');
  }
  get amount(): Locator {
    return this.page.getByTestId('desk-amount');
  }
  get tendered(): Locator {
    return this.page.getByTestId('desk-tendered');
  }
  get change(): Locator {
    return this.page.getByTestId('desk-change');
  }
  get done(): Locator {
    return this.page.getByTestId('desk-done');
  }
  get remaining(): Locator {
    return this.page.getByTestId('desk-remaining');
  }
  get totalDue(): Locator {
    return this.page.getByTestId('desk-total-due');
  }
  get shiftBar(): Locator {
    return this.page.getByTestId('shift-bar');
  }

  /** The open-shift dialog the desk shows when the cashier has no open shift. */
  async openShift(openingCash: string) {
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/Kas awal|Opening cash/).fill(openingCash);
    await dialog.getByTestId('open-shift-submit').click();
    await expect(dialog).toBeHidden();
    await expect(this.shiftBar).toContainText(/Shift #\d+/);
  }

  /** Types into the search box (focused on arrival) and picks the first match with Enter. */
  async findAndSelect(text: string, expectName: string | RegExp) {
    await expect(this.search).toBeFocused();
    await this.page.keyboard.type(text);
    await expect(this.results.first()).toContainText(expectName);
    await this.page.keyboard.press('Enter');
    await expect(this.amount).toBeFocused();
  }

  /** A fast typist: text and Enter at once, before any match is on screen; the first match is taken. */
  async typeAndEnter(text: string) {
    await expect(this.search).toBeFocused();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await expect(this.amount).toBeFocused();
  }
}
