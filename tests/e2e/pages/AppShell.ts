import { expect, type Locator, type Page } from '@playwright/test';

/** The signed-in frame: navigation, language switch, user menu, notifications, lock screen. */
export class AppShell {
  constructor(readonly page: Page) {}

  nav(label: string | RegExp): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name: label });
  }

  async goTo(label: string | RegExp) {
    await this.nav(label).click();
  }

  async switchLanguage(lng: 'id' | 'en') {
    await this.page.getByTestId('language-switch').getByText(lng.toUpperCase(), { exact: true }).click();
  }

  async signOut() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByRole('menuitem', { name: /Keluar|Sign out/ }).click();
  }

  /** The most recent toast notification. */
  notification(text?: string | RegExp): Locator {
    const all = this.page.locator('.mantine-Notification-root');
    return text ? all.filter({ hasText: text }) : all.last();
  }

  async expectNotification(text: string | RegExp) {
    await expect(this.notification(text)).toBeVisible();
  }

  get lockScreen(): Locator {
    return this.page.getByTestId('lock-screen');
  }
}
