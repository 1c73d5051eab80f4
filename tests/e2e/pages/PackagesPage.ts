import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { DataTablePart } from './DataTablePart';

export interface PackageFields {
  name?: string;
  description?: string;
  down?: string;
  up?: string;
  price?: string;
  cycle?: 'Bulanan' | 'Triwulan' | 'Tahunan';
  durationDays?: string;
  profileName?: string;
  ipPool?: string;
  features?: string[];
}

/** Paket Internet screen. */
export class PackagesPage {
  readonly shell: AppShell;
  readonly table: DataTablePart;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.table = new DataTablePart(page);
  }

  async goto(baseUrl: string) {
    await this.page.goto(`${baseUrl}/#/packages`);
    await expect(this.page.getByRole('heading', { name: /Paket Internet|Internet Packages/ })).toBeVisible();
  }

  get search(): Locator {
    return this.page.getByRole('searchbox');
  }

  async searchFor(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  async openNew() {
    await this.page
      .getByRole('button', { name: /Tambah paket|Add package/ })
      .first()
      .click();
    await expect(this.page.getByText(/Paket baru|New package/)).toBeVisible();
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async fill(f: PackageFields) {
    const d = this.dialog;
    if (f.name !== undefined) await d.getByLabel(/^Nama paket/).fill(f.name);
    if (f.description !== undefined) await d.getByLabel('Deskripsi').fill(f.description);
    if (f.down !== undefined) await d.getByLabel(/^Download/).fill(f.down);
    if (f.up !== undefined) await d.getByLabel(/^Upload/).fill(f.up);
    if (f.price !== undefined) await d.getByLabel(/^Harga/).fill(f.price);
    if (f.cycle !== undefined) await d.getByTestId('billing-cycle').getByText(f.cycle, { exact: true }).click();
    if (f.durationDays !== undefined) await d.getByLabel('Durasi').fill(f.durationDays);
    if (f.profileName !== undefined) await d.getByLabel('Profil router').fill(f.profileName);
    if (f.ipPool !== undefined) await d.getByLabel('IP pool').fill(f.ipPool);
    if (f.features) {
      const input = d.getByLabel('Fitur');
      for (const feature of f.features) {
        await input.fill(feature);
        await input.press('Enter');
      }
    }
  }

  async save() {
    await this.dialog.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
  }

  /** The error text under a form field; `label` without the required-field asterisk. */
  fieldError(label: string): Locator {
    const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
    return this.dialog
      .locator('.mantine-InputWrapper-root')
      .filter({ has: this.page.getByLabel(name) })
      .locator('.mantine-InputWrapper-error');
  }

  async openEdit(name: string) {
    await this.table.row(name).click();
    await expect(this.page.getByText(/Ubah paket|Edit package/)).toBeVisible();
  }

  async delete(name: string) {
    await this.table
      .row(name)
      .getByRole('button', { name: /Aksi|Actions/ })
      .click();
    await this.page.getByRole('menuitem', { name: /^(Hapus|Delete)$/ }).click();
    const confirm = this.page.getByRole('dialog').filter({ hasText: /Hapus paket\?|Delete package\?/ });
    await confirm.getByRole('button', { name: /^(Hapus|Delete)$/ }).click();
  }
}
