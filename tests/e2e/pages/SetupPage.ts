import { expect, type Page } from '@playwright/test';

/** First run: create the Admin, then demo data or empty. */
export class SetupPage {
  constructor(readonly page: Page) {}

  async goto(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByText('Selamat datang di PPPoE Desk')).toBeVisible();
  }

  async createAdmin(fullName: string, username: string, password: string, repeat = password) {
    const p = this.page;
    await p.getByLabel('Nama lengkap').fill(fullName);
    await p.getByLabel('Nama pengguna').fill(username);
    await p.getByLabel('Kata sandi', { exact: true }).fill(password);
    await p.getByLabel('Ulangi kata sandi').fill(repeat);
    await p.getByRole('button', { name: 'Buat Admin' }).click();
  }

  /** The wizard steps between the Admin and the starting data: ISP name (Enter), router skipped. */
  async ispAndSkipRouter(ispName = 'Net Kampung') {
    await this.page.getByLabel('Nama ISP').fill(ispName);
    await this.page.getByLabel('Nama ISP').press('Enter');
    await this.page.getByRole('button', { name: 'Lewati langkah ini' }).click();
  }

  async loadDemo() {
    await this.page.getByRole('button', { name: 'Muat data demo' }).click();
  }

  async startEmpty() {
    await this.page.getByRole('button', { name: 'Mulai kosong' }).click();
  }
}
