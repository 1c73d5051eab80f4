/**
 * "Back up to folder" through the API writes only into folders an Admin allowed (Settings, or
 * --backup-root for the server), never into system folders or PPPoE Desk's own, whatever `..` or
 * symlinks the path holds. Every refusal names the field and writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let allowed: string;
let other: string;
beforeEach(async () => {
  t = await testApp();
  allowed = tempDir('usb-allowed-');
  other = tempDir('not-allowed-');
});
afterEach(() => {
  t.close();
  for (const d of [allowed, other]) fs.rmSync(d, { recursive: true, force: true });
});

const backupTo = (folder: string) => t.call('backups.create', { folder });
const refused = async (folder: string, message: RegExp, issue: string) => {
  const r = await backupTo(folder);
  expect(r, folder).toMatchObject({
    ok: false,
    error: { code: 'BAD_INPUT', message: expect.stringMatching(message), issues: [{ path: 'folder', message: issue }] },
  });
};
const sqliteFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.sqlite'));

describe('back up to folder: only where an Admin allowed', () => {
  it('refuses every folder until an Admin allows one, then writes there and inside it', async () => {
    // Before the fix: the backup was written into any folder the caller named.
    await refused(other, /No backup folder is allowed yet/, 'Not an allowed backup folder');
    expect(sqliteFiles(other)).toEqual([]);

    await t.ok('settings.update', { backupAllowedFolders: [allowed] });
    expect((await t.ok('backups.list', {})).allowedFolders).toEqual([allowed]);
    expect(path.dirname((await t.ok('backups.create', { folder: allowed })).file)).toBe(allowed);
    const sub = path.join(allowed, 'bulanan');
    fs.mkdirSync(sub);
    expect(path.dirname((await t.ok('backups.create', { folder: sub })).file)).toBe(sub);

    await refused(other, /not one of the allowed backup folders/, 'Not an allowed backup folder');
    expect(sqliteFiles(other)).toEqual([]);
  });

  it('the extra backup folder of Settings is allowed too', async () => {
    await t.ok('settings.update', { backupFolder: allowed });
    expect((await t.ok('backups.create', { folder: allowed })).folder).toBe(allowed);
  });

  it('resolves .. and symlinks before deciding', async () => {
    await t.ok('settings.update', { backupAllowedFolders: [allowed] });
    await refused(
      path.join(allowed, '..', path.basename(other)),
      /not one of the allowed/,
      'Not an allowed backup folder',
    );
    fs.symlinkSync(other, path.join(allowed, 'ke-luar'));
    await refused(path.join(allowed, 'ke-luar'), /not one of the allowed/, 'Not an allowed backup folder');
    fs.symlinkSync('/etc', path.join(allowed, 'etc'));
    await refused(path.join(allowed, 'etc'), /system folders/, 'System folder');
    expect(sqliteFiles(other)).toEqual([]);
    // A symlink to an allowed folder is fine: the files land in the real folder.
    const link = path.join(other, 'ke-usb');
    fs.symlinkSync(allowed, link);
    expect(path.dirname((await t.ok('backups.create', { folder: link })).file)).toBe(fs.realpathSync(allowed));
  });

  it('refuses a relative path, naming the field', async () => {
    await t.ok('settings.update', { backupAllowedFolders: [allowed] });
    await refused('backup', /full folder path/, 'Write the full folder path');
  });
});

describe('which folders an Admin may allow', () => {
  const allow = (folders: string[]) => t.call('settings.update', { backupAllowedFolders: folders });

  it('never a system folder, named in the field with the folder', async () => {
    for (const dir of ['/', '/etc', '/usr/share', '/var/tmp', '/proc', '/home']) {
      const r = await allow([allowed, dir]);
      expect(r, dir).toMatchObject({
        ok: false,
        error: {
          code: 'BAD_INPUT',
          message: expect.stringMatching(/system folders/),
          issues: [{ path: 'backupAllowedFolders.1', message: `${dir}: System folder` }],
        },
      });
    }
    expect(await t.call('settings.update', { backupFolder: '/etc' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'backupFolder', message: 'System folder' }] },
    });
    expect((await t.ok('settings.get', {})).backupAllowedFolders).toEqual([]);
  });

  it("never PPPoE Desk's own data folder or anything inside it", async () => {
    for (const dir of [t.dataDir, path.join(t.dataDir, 'backups'), path.join(t.dataDir, 'logs')]) {
      fs.mkdirSync(dir, { recursive: true });
      expect(await allow([dir]), dir).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/own data folder/) },
      });
    }
  });

  it('only existing folders with a full path', async () => {
    expect(await allow([path.join(allowed, 'belum-ada')])).toMatchObject({
      error: {
        issues: [{ path: 'backupAllowedFolders.0', message: `${path.join(allowed, 'belum-ada')}: Folder not found` }],
      },
    });
    expect(await allow(['relatif/folder'])).toMatchObject({
      error: { issues: [{ path: 'backupAllowedFolders.0', message: 'relatif/folder: Write the full folder path' }] },
    });
  });
});

describe('--backup-root (browser host)', () => {
  it('its folders are allowed as such, and Settings may only allow folders inside them', async () => {
    t.app.ctx.backupRoots = [allowed];
    expect(path.dirname((await t.ok('backups.create', { folder: allowed })).file)).toBe(allowed);
    const inside = path.join(allowed, 'kantor');
    fs.mkdirSync(inside);
    expect((await t.ok('settings.update', { backupAllowedFolders: [inside] })).backupAllowedFolders).toEqual([inside]);
    expect(await t.call('settings.update', { backupAllowedFolders: [inside, other] })).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/--backup-root/),
        issues: [{ path: 'backupAllowedFolders.1', message: `${other}: Outside the allowed backup folders` }],
      },
    });
    await refused(other, /--backup-root/, 'Outside the allowed backup folders');
  });
});
