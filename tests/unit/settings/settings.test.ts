import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsShape } from '../../../src-shared/settings';
import { tempDir, testApp, type TestApp } from '../../helpers/app';

const apps: TestApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0)) t.close();
});
async function fresh() {
  const t = await testApp();
  apps.push(t);
  return t;
}
async function userToken(t: TestApp, role: 'staff' | 'manager') {
  await t.ok('users.create', { username: role, fullName: role, role, password: 'Rahasia-Kantor-2' });
  const r = await t.ok('auth.login', { username: role, password: 'Rahasia-Kantor-2' });
  // A password set by an Admin must be changed before anything else.
  await t.ok('auth.changePassword', { currentPassword: 'Rahasia-Kantor-2', newPassword: 'Menara-Biru-2026' }, r.token);
  return (await t.ok('auth.login', { username: role, password: 'Menara-Biru-2026' })).token;
}

describe('settings', () => {
  it('starts with every default and every setting is in the defaults', async () => {
    const t = await fresh();
    expect(await t.ok('settings.get', {})).toEqual(DEFAULT_SETTINGS);
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual(Object.keys(settingsShape).sort());
  });

  it('an update changes only the fields sent (the others keep their stored values)', async () => {
    const t = await fresh();
    await t.ok('settings.update', { dueDays: 20, graceDays: 5, timeZone: 'Asia/Makassar' });
    const s = await t.ok('settings.update', { ispName: 'Net Kampung' });
    expect(s).toMatchObject({ ispName: 'Net Kampung', dueDays: 20, graceDays: 5, timeZone: 'Asia/Makassar' });
    expect(await t.ok('settings.get', {})).toEqual(s);
    // system.info (public, before sign-in) follows.
    expect(await t.ok('system.info', {})).toMatchObject({ ispName: 'Net Kampung', timeZone: 'Asia/Makassar' });
  });

  it('rejects bad values with a message per field and writes nothing', async () => {
    const t = await fresh();
    const r = await t.call('settings.update', {
      dueDays: 200,
      invoicePrefix: 'INV 1',
      invoiceRunTime: '25:00',
      receiptWidth: 70,
      ispName: '   ',
      updateUrl: 'ftp://server/updates',
      ispLogo: 'data:image/gif;base64,AAAA',
    } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      const byPath = Object.fromEntries(r.error.issues!.map((i) => [i.path, i.message]));
      expect(byPath).toMatchObject({
        dueDays: 'At most 90 days',
        invoicePrefix: expect.stringMatching(/Prefix/),
        invoiceRunTime: expect.stringMatching(/HH:mm/),
        receiptWidth: 'Receipt width is 58 or 80 mm',
        ispName: 'ISP name is required',
        updateUrl: expect.stringMatching(/http/),
        ispLogo: expect.stringMatching(/PNG or JPEG/),
      });
    }
    expect(await t.ok('settings.get', {})).toEqual(DEFAULT_SETTINGS);
    const unknown = await t.call('settings.update', { favouriteColour: 'blue' } as never);
    expect(unknown.ok).toBe(false);
  });

  it('normalises prefixes to capitals and accepts a PNG logo as a data URL', async () => {
    const t = await fresh();
    const logo =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const s = await t.ok('settings.update', { invoicePrefix: 'tag', ispLogo: logo });
    expect(s.invoicePrefix).toBe('TAG');
    expect(s.ispLogo).toBe(logo);
    // The audit row records the change without the image itself.
    const audit = t.app.ctx.sqlite
      .prepare("SELECT after FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toEqual({ invoicePrefix: 'TAG', ispLogo: '[image]' });
  });

  it('a backup folder must exist and be writable when it is chosen', async () => {
    const t = await fresh();
    const r = await t.call('settings.update', { backupFolder: '/no/such/usb-stick' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([{ path: 'backupFolder', message: 'Folder not found' }]);
    const dir = tempDir('usb-');
    expect((await t.ok('settings.update', { backupFolder: dir })).backupFolder).toBe(dir);
    expect((await t.ok('settings.update', { backupFolder: '' })).backupFolder).toBe('');
  });

  it('only an Admin may change settings; a Manager may read them, Staff may not', async () => {
    const t = await fresh();
    for (const role of ['staff', 'manager'] as const) {
      const token = await userToken(t, role);
      expect((await t.call('settings.get', {}, token)).ok).toBe(role === 'manager');
      const r = await t.call('settings.update', { dueDays: 15 }, token);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
    expect((await t.ok('settings.get', {})).dueDays).toBe(DEFAULT_SETTINGS.dueDays);
  });

  it('a restore swaps the settings with the data (no stale cache)', async () => {
    const t = await fresh();
    await t.ok('settings.update', { ispName: 'Sebelum' });
    const b = await t.ok('backups.create', {});
    await t.ok('settings.update', { ispName: 'Sesudah' });
    await t.ok('backups.restore', { file: b.file });
    expect((await t.ok('settings.get', {})).ispName).toBe('Sebelum');
  });
});
