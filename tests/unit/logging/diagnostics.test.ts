import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger, logsDir } from '../../../src-main/logging/file-logger';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

async function exportZip() {
  const r = await t.ok('diagnostics.export', {});
  expect(r.base64).toBeTypeOf('string');
  expect(r.filename).toMatch(/^pppoe-desk-diagnostics-2026-11-24-03-00-00\.zip$/);
  const buf = Buffer.from(r.base64!, 'base64');
  expect(r.size).toBe(buf.length);
  return JSZip.loadAsync(buf);
}

describe('diagnostics.export', () => {
  it('browser host: returns the zip as base64 with versions, settings, database info and logs', async () => {
    await t.ok('settings.update', { ispName: 'Net Desa', ispLogo: LOGO, updateUrl: 'http://192.168.1.10/upd/' });
    const log = createFileLogger({ dir: logsDir(t.dataDir) });
    log.info('router connected', { host: '10.0.0.1' });
    await log.close();

    const zip = await exportZip();
    expect(Object.keys(zip.files).sort()).toEqual(
      ['README.txt', 'database.json', 'logs/', 'logs/pppoe-desk.log', 'settings.json', 'versions.json'].sort(),
    );
    const versions = JSON.parse(await zip.file('versions.json')!.async('string'));
    expect(versions).toMatchObject({ app: '0.0.0-test', node: process.versions.node, electron: null });
    expect(versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(versions.schemaVersion).toBeGreaterThan(0);
    expect(versions.schemaVersion).toBe(versions.schemaLatest);
    const settings = JSON.parse(await zip.file('settings.json')!.async('string'));
    expect(settings.ispName).toBe('Net Desa');
    expect(settings).not.toHaveProperty('ispLogo');
    expect(settings.updateUrl).toBe('http://192.168.1.10/upd/');
    const db = JSON.parse(await zip.file('database.json')!.async('string'));
    expect(db.rowCounts.users).toBe(1);
    expect(db.journalMode).toBe('wal');
    expect(await zip.file('logs/pppoe-desk.log')!.async('string')).toContain('router connected');
  });

  it('contains no password, token or password hash', async () => {
    // A login, a wrong password and a log file with secrets written by an older version (not redacted).
    const login = await t.ok('auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' });
    await t.call('auth.login', { username: 'admin', password: 'Salah-Sandi-99' });
    fs.mkdirSync(logsDir(t.dataDir), { recursive: true });
    fs.writeFileSync(
      path.join(logsDir(t.dataDir), 'pppoe-desk.3.log'),
      `old line password=Rahasia-Kantor-1\nAuthorization: Bearer ${login.token}\nhttp://admin:routerpw@10.0.0.1/\n`,
    );
    const hash = (t.app.ctx.sqlite.prepare('SELECT password_hash AS h FROM users').get() as { h: string }).h;

    const zip = await exportZip();
    let all = '';
    for (const f of Object.values(zip.files)) if (!f.dir) all += await f.async('string');
    for (const secret of ['Rahasia-Kantor-1', 'Salah-Sandi-99', login.token, t.token, hash, 'routerpw']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('old line password=[redacted]');
  });

  it('is admin-only', async () => {
    const r = await t.call('diagnostics.export', {}, 'not-a-token');
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
  });
});
