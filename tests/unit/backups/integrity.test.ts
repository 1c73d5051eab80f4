import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { integrityCheck } from '../../../src-main/db/integrity-check';
import { tempDir, testApp } from '../../helpers/app';

function makeDb(file: string, rows: number) {
  const db = new Database(file);
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v)');
  const ins = db.prepare('INSERT INTO t(v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`value ${i} ${'x'.repeat(200)}`);
  })();
  db.close();
}

describe('integrity check off the main thread', () => {
  it('runs in a worker thread and reports ok for a sound file', async () => {
    const file = path.join(tempDir(), 'ok.sqlite');
    makeDb(file, 20_000);
    // The event loop keeps turning while the check runs.
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const r = await integrityCheck(file);
    clearInterval(timer);
    expect(r).toEqual({ rows: ['ok'], counts: null, via: 'worker' }); // not a PPPoE Desk file: no counts
    expect(turns).toBeGreaterThan(0);
  });

  it('reports the damage of a corrupted file', async () => {
    const file = path.join(tempDir(), 'bad.sqlite');
    makeDb(file, 5_000);
    const buf = fs.readFileSync(file);
    const pageSize = buf.readUInt16BE(16);
    for (let p = 2; p * pageSize < buf.length; p += 3) buf.fill(0x5a, p * pageSize + 10, p * pageSize + 300);
    fs.writeFileSync(file, buf);
    const r = await integrityCheck(file);
    expect(r.via).toBe('worker');
    if ('rows' in r) expect(r.rows).not.toEqual(['ok']);
    else expect(r.error).toMatch(/malformed|corrupt|not a database/i);
  });

  it('counts customers, invoices and payments in the worker for a PPPoE Desk file', async () => {
    const t = await testApp();
    try {
      await t.ok('customers.create', { name: 'Budi' });
      const b = await t.ok('backups.create', {});
      const r = await integrityCheck(b.file, undefined, t.app.ctx.encryption?.key);
      expect(r).toMatchObject({ rows: ['ok'], via: 'worker', counts: { customers: 1, invoices: 0, payments: 0 } });
    } finally {
      t.close();
    }
  });
});
