import fs from 'node:fs';
import { expect, test } from './fixtures';

test('Settings → Pembaruan: the browser host says updates are desktop-only and exports diagnostics', async ({
  adminPage: page,
  host,
}) => {
  await page.goto(`${host.url}/#/settings`);
  await page.getByRole('tab', { name: 'Pembaruan' }).click();
  await expect(page.getByTestId('updates-unsupported')).toContainText('aplikasi desktop');
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-diagnostics').click()]);
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  expect(
    fs
      .readFileSync((await zip.path())!)
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');
});
