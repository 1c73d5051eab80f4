import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, DB_FILE, type App } from '../../../src-main/app';
import { fileKeyStore } from '../../../src-main/core/crypto/key-file';
import { readKeyring, writeKeyring } from '../../../src-main/core/crypto/keyring';
import { silentLogger } from '../../../src-main/logging/logger';
import {
  currentPageCipher,
  DatabaseKeyError,
  DEFAULT_PAGE_CIPHER,
  openDatabaseFile,
  selectPageCipher,
  type PageCipher,
} from '../../../src-main/db/encryption/cipher';
import { MIGRATIONS, tempDir } from '../../helpers/app';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(() => {
  selectPageCipher(DEFAULT_PAGE_CIPHER);
  for (const a of apps.splice(0)) if (a.ctx.sqlite.open) a.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function folder() {
  const root = tempDir('pppoe-cipher-');
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  return { dataDir, store: fileKeyStore({ dir: path.join(root, 'keys'), dataDir }) };
}

/** A file of 2,000 rows written with `cipher`, and its key. */
function written(cipher: PageCipher) {
  selectPageCipher(cipher);
  const dir = tempDir('pppoe-cipher-file-');
  dirs.push(dir);
  const file = path.join(dir, 'x.sqlite');
  const key = crypto.randomBytes(32);
  const db = openDatabaseFile(file, { key });
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
  const ins = db.prepare('INSERT INTO t(v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) ins.run(`Pelanggan ${i}`);
  })();
  db.close();
  return { file, key };
}

describe('the page cipher', () => {
  it('is AEGIS-256 and recorded in the key record', () => {
    const { dataDir, store } = folder();
    apps.push(createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store }));
    expect(currentPageCipher()).toBe('aegis');
    expect(readKeyring(dataDir)!.cipher).toBe('aegis-rawkey');
    expect(apps[0]!.ctx.sqlite.pragma('cipher', { simple: true })).toBe('aegis');
  });

  it.each<PageCipher>(['aegis', 'chacha20', 'sqlcipher'])(
    '%s refuses a page changed on disk instead of returning wrong data',
    (cipher) => {
      const { file, key } = written(cipher);
      const bytes = fs.readFileSync(file);
      bytes[4096 * 2 + 1000]! ^= 0x01; // one bit in the middle of page 3
      fs.writeFileSync(file, bytes);
      const db = openDatabaseFile(file, { key });
      try {
        expect(() => db.prepare('SELECT count(*), max(v) FROM t').get()).toThrow(/malformed/);
      } finally {
        db.close();
      }
    },
  );

  it('a file written with another cipher does not open with the app cipher', () => {
    const { file, key } = written('sqlcipher');
    selectPageCipher(DEFAULT_PAGE_CIPHER);
    expect(() => openDatabaseFile(file, { key })).toThrow(DatabaseKeyError);
  });

  it('a key record of another cipher stops the start by name and changes nothing', () => {
    const { dataDir, store } = folder();
    const first = createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store });
    first.close();
    writeKeyring(dataDir, { ...readKeyring(dataDir)!, cipher: 'sqlcipher-rawkey' });
    const dbFile = path.join(dataDir, DB_FILE);
    const before = fs.readFileSync(dbFile);
    expect(() => createApp({ dataDir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store })).toThrow(
      /was encrypted with sqlcipher-rawkey, which this version does not open \(it uses aegis\)/,
    );
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
  });
});
