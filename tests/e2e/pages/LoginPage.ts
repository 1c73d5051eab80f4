import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByRole('button', { name: /^(Masuk|Sign in)$/ })).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel(/Nama pengguna|Username/).fill(username);
    await this.page.getByLabel(/^(Kata sandi|Password)$/).fill(password);
    await this.page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  }

  get error() {
    return this.page.getByTestId('login-error');
  }
}
