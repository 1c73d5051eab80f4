import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard steps after the Admin account (ISP details, router, starting data). */
export class WizardSteps {
  constructor(readonly page: Page) {}

  async ispDetails(v: { name: string; address?: string; phone?: string; logo?: Buffer; timeZone?: string }) {
    const p = this.page;
    await expect(p.getByText('Nama, alamat, telepon dan logo')).toBeVisible();
    await p.getByLabel('Nama ISP').fill(v.name);
    if (v.address) await p.getByLabel('Alamat').fill(v.address);
    if (v.phone) await p.getByLabel('Telepon').fill(v.phone);
    if (v.logo)
      await p.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: v.logo });
    if (v.logo) await expect(p.getByTestId('logo-preview')).toBeVisible();
    if (v.timeZone) {
      await p.getByRole('combobox', { name: 'Zona waktu' }).click();
      await p.getByRole('option', { name: v.timeZone }).click();
    }
  }

  async submitWithEnter() {
    await this.page.getByLabel('Nama ISP').press('Enter');
  }

  async routerForm(v: { host: string; port: number; username: string; password: string }) {
    const p = this.page;
    await expect(p.getByText('Hubungkan router MikroTik pertama')).toBeVisible();
    await p.getByLabel('Alamat IP / host').fill(v.host);
    await p.getByLabel('Port API').fill(String(v.port));
    await p.getByLabel('Pengguna router').fill(v.username);
    await p.getByLabel('Kata sandi router').fill(v.password);
  }

  testResult(): Locator {
    return this.page.getByTestId('router-test-result');
  }
}

export class SettingsPage {
  constructor(readonly page: Page) {}
  async goto(url: string) {
    await this.page.goto(`${url}/#/settings`);
    await expect(this.page.getByRole('heading', { name: 'Pengaturan' })).toBeVisible();
  }
  tab(name: string) {
    return this.page.getByRole('tab', { name });
  }
  async save() {
    await this.page.getByRole('button', { name: 'Simpan' }).click();
  }
}

export class BackupsPage {
  constructor(readonly page: Page) {}
  async goto(url: string) {
    await this.page.goto(`${url}/#/backups`);
    await expect(this.page.getByRole('heading', { name: 'Cadangan data' })).toBeVisible();
  }
  rows(): Locator {
    return this.page.getByTestId('backup-row');
  }
  row(kind: string): Locator {
    return this.page.locator(`[data-testid=backup-row][data-kind="${kind}"]`);
  }
}
