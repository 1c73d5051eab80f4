import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { DataTablePart } from './DataTablePart';

/** Tagihan screen (screens/invoices) with the generate-invoices dialog. */
export class InvoicesPage {
  readonly shell: AppShell;
  readonly table: DataTablePart;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.table = new DataTablePart(page);
  }

  async goto(origin: string) {
    await this.page.goto(`${origin}/#/invoices`);
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Opens "Buat tagihan", previews the current period and returns the preview's "will create" count. */
  async preview(): Promise<{ created: number; skipped: number }> {
    await this.page.getByTestId('generate-invoices').click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByTestId('run-preview').click();
    await expect(this.dialog.getByTestId('run-issue')).toBeVisible();
    return {
      created: Number(await this.dialog.getByTestId('run-created').innerText()),
      skipped: Number(await this.dialog.getByTestId('run-skipped').innerText()),
    };
  }

  async issue(): Promise<string> {
    await this.dialog.getByTestId('run-issue').click();
    const result = this.dialog.getByTestId('run-result');
    await expect(result).toBeVisible();
    return result.innerText();
  }

  async closeDialog() {
    await this.dialog.getByRole('button', { name: /^(Tutup|Close)$/ }).click();
    await expect(this.dialog).toBeHidden();
  }
}
