import { expect, type Locator, type Page } from '@playwright/test';

/** The shared server-paged table (components/DataTable). */
export class DataTablePart {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('data-table');
  }

  get rows(): Locator {
    return this.root.locator('tbody tr');
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** `1–25 dari 35` / `1–25 of 35`. */
  get summary(): Locator {
    return this.page.getByTestId('table-summary');
  }

  async sortBy(field: string) {
    await this.root.locator(`[data-sort="${field}"]`).click();
  }

  async expectTotal(total: number) {
    await expect(this.summary).toHaveText(new RegExp(`(dari|of) ${total.toLocaleString('id-ID')}$`));
  }

  async goToPage(n: number) {
    await this.page
      .locator('.mantine-Pagination-root')
      .getByRole('button', { name: String(n), exact: true })
      .click();
  }

  /** Text of one column (by 0-based cell index) for every row on the page. */
  async column(index: number): Promise<string[]> {
    return this.rows.evaluateAll(
      (trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement | undefined)?.innerText.trim() ?? ''),
      index,
    );
  }
}
