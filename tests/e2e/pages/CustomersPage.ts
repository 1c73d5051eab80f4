import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { DataTablePart } from './DataTablePart';

export interface CustomerFields {
  name?: string;
  phone?: string;
  email?: string;
  idCard?: string;
  address?: string;
  notes?: string;
  status?: 'Aktif' | 'Nonaktif' | 'Ditangguhkan';
}

/** Pelanggan screen: list, search, filters, form dialog, detail drawer, delete confirm. */
export class CustomersPage {
  readonly shell: AppShell;
  readonly table: DataTablePart;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.table = new DataTablePart(page);
  }

  async goto(baseUrl: string) {
    await this.page.goto(`${baseUrl}/#/customers`);
    await expect(this.page.getByRole('heading', { name: /Pelanggan|Customers/ })).toBeVisible();
  }

  get search(): Locator {
    return this.page.getByRole('searchbox');
  }

  async searchFor(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  async filterStatus(label: string) {
    await this.page.getByTestId('status-filter').getByText(label, { exact: true }).click();
  }

  async openNew() {
    await this.page
      .getByRole('button', { name: /Tambah pelanggan|Add customer/ })
      .first()
      .click();
    await expect(this.page.getByText(/Pelanggan baru|New customer/)).toBeVisible();
  }

  async fill(f: CustomerFields) {
    const p = this.page;
    if (f.name !== undefined) await p.getByLabel(/^Nama\s*\*?$/).fill(f.name);
    if (f.phone !== undefined) await p.getByLabel('Telepon').fill(f.phone);
    if (f.email !== undefined) await p.getByLabel('E-mail').fill(f.email);
    if (f.idCard !== undefined) await p.getByLabel('No. KTP').fill(f.idCard);
    if (f.address !== undefined) await p.getByLabel('Alamat').fill(f.address);
    if (f.notes !== undefined) await p.getByLabel('Catatan').fill(f.notes);
    if (f.status !== undefined) {
      await p.getByRole('dialog').getByLabel('Status').click();
      await p.getByRole('option', { name: f.status, exact: true }).click();
    }
  }

  async save() {
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Simpan|Save)$/ })
      .click();
  }

  /** The error text under a form field (Mantine puts it in the input's aria-describedby). */
  /** The error text under a form field; `label` without the required-field asterisk. */
  fieldError(label: string): Locator {
    const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
    return this.page
      .getByRole('dialog')
      .locator('.mantine-InputWrapper-root')
      .filter({ has: this.page.getByLabel(name) })
      .locator('.mantine-InputWrapper-error');
  }

  async open(name: string) {
    await this.table.row(name).click();
    await expect(this.detail).toBeVisible();
  }

  get detail(): Locator {
    return this.page.getByRole('dialog').filter({ hasText: /Detail pelanggan|Customer details/ });
  }

  async deleteFromDetail() {
    await this.detail.getByRole('button', { name: /^(Hapus|Delete)$/ }).click();
    const confirm = this.page.getByRole('dialog').filter({ hasText: /Hapus pelanggan\?|Delete customer\?/ });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: /^(Hapus|Delete)$/ }).click();
  }
}
