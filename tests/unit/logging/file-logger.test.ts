import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../../src-main/logging/file-logger';
import { redact, redactText } from '../../../src-main/logging/logger';
import { tempDir } from '../../helpers/app';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  const d = tempDir('pppoe-logs-');
  dirs.push(d);
  return path.join(d, 'logs');
};

describe('redaction', () => {
  it('drops secret-looking keys at any depth and scrubs secrets inside text', () => {
    const out = redact({
      user: 'budi',
      password: 'Rahasia-1',
      router: { host: '10.0.0.1', apiPassword: 'r0uter!', nested: [{ token: 'abc' }] },
      error: new Error('login failed for password=hunter22'),
      header: 'Authorization: Bearer eyJhbGciOi.payload.sig',
      url: 'http://admin:s3cret@192.168.88.1/rest',
    });
    const text = JSON.stringify(out);
    for (const secret of ['Rahasia-1', 'r0uter!', 'abc"', 'hunter22', 'eyJhbGciOi', 's3cret'])
      expect(text).not.toContain(secret);
    expect(text).toContain('budi');
    expect(text).toContain('10.0.0.1');
    expect(redactText('token: "x y z" next')).toBe('token: [redacted] next');
  });

  it('survives cycles and deep objects', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(() => JSON.stringify(redact(a))).not.toThrow();
  });
});

describe('rotating file logger', () => {
  it('writes JSON lines without secrets into <dataDir>/logs', async () => {
    const dir = newDir();
    const log = createFileLogger({ dir, now: () => new Date('2026-11-24T03:00:00Z') });
    log.info('login ok', { username: 'budi', password: 'Rahasia-Kantor-1', token: 'tok-123' });
    log.error('router said password=abc123 for user x');
    await log.close();
    const lines = fs
      .readFileSync(path.join(dir, LOG_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      time: '2026-11-24T03:00:00.000Z',
      level: 'info',
      msg: 'login ok',
      username: 'budi',
      password: '[redacted]',
    });
    expect(lines[1].level).toBe('error');
    const raw = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    for (const s of ['Rahasia-Kantor-1', 'tok-123', 'abc123']) expect(raw).not.toContain(s);
  });

  it('rotates by size and keeps a bounded history', async () => {
    const dir = newDir();
    const log = createFileLogger({ dir, size: '1K', keep: 2 });
    let rotations = 0;
    log.stream.on('rotated', () => rotations++);
    const line = 'x'.repeat(300);
    for (let i = 0; i < 40; i++) log.info(line, { i });
    await log.close();
    const files = fs.readdirSync(dir).sort();
    expect(rotations).toBeGreaterThan(2);
    expect(files).toEqual(['pppoe-desk.1.log', 'pppoe-desk.2.log', 'pppoe-desk.log']);
    expect(fs.readFileSync(path.join(dir, 'pppoe-desk.1.log'), 'utf8')).toContain('"i":');
  });

  it('never throws when the folder becomes unwritable', async () => {
    const dir = newDir();
    const log = createFileLogger({ dir });
    await log.close();
    expect(() => log.info('after close')).not.toThrow();
  });
});
