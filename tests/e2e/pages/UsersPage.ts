import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { DataTablePart } from './DataTablePart';

/** Pengguna screen (Admin): list, create/edit dialog, reset password, disable/enable. */
export class UsersPage {
  readonly shell: AppShell;
  readonly table: DataTablePart;
  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.table = new DataTablePart(page);
  }

  async goto(baseUrl: string) {
    await this.page.goto(`${baseUrl}/#/users`);
    await expect(this.page.getByRole('heading', { name: /^(Pengguna|Users)$/ })).toBeVisible();
  }

  get form(): Locator {
    return this.page.getByTestId('user-form');
  }

  async create(u: { username: string; fullName: string; role: RegExp; password: string; mustChange?: boolean }) {
    await this.page.getByRole('button', { name: /Tambah pengguna|Add user/ }).click();
    const f = this.form;
    await f.getByLabel(/^(Nama pengguna|Username)$/).fill(u.username);
    await f.getByLabel(/^(Nama lengkap|Full name)$/).fill(u.fullName);
    await f.getByRole('combobox', { name: /^(Peran|Role)$/ }).click();
    await this.page.getByRole('option', { name: u.role }).click();
    await f.getByLabel(/^(Kata sandi awal|Initial password)$/).fill(u.password);
    await f.getByLabel(/^(Ulangi kata sandi|Repeat password)$/).fill(u.password);
    if (u.mustChange === false) await f.getByLabel(/Wajib ganti|Must change/).uncheck();
    await f.getByRole('button', { name: /^(Simpan|Save)$/ }).click();
  }

  async rowAction(username: string, action: RegExp) {
    await this.table
      .row(username)
      .getByRole('button', { name: new RegExp(username) })
      .click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }
}
