/** Statement files larger than one request: sent in chunks, then previewed and imported by upload id. */
import { afterEach, describe, expect, it } from 'vitest';
import { STATEMENT_CHUNK_BYTES, STATEMENT_MAX_BYTES } from '../../../src-shared/contract/bank-statements';
import { testApp, type TestApp } from '../../helpers/app';
import { ACCOUNT, klikbcaCsv, kodeUnikWorld } from './statement-fixtures';

let t: TestApp;
afterEach(() => t?.close());

const count = (sql: string) => (t.app.ctx.sqlite.prepare(sql).get() as { n: number }).n;

/** A KlikBCA month of about 10 MB: 11,400 transfers with long remarks, two of them paying bills by kode unik. */
function bigStatement(payables: number[]): Buffer {
  const pad = 'PEMBAYARAN LANGGANAN INTERNET RT RW NET '.repeat(22);
  const lines = Array.from({ length: 11_400 }, (_, i) => ({
    // The paying lines after the bills' date (a transfer well before its bill is not auto-matched).
    day: i < payables.length ? `2${i}/11` : String(1 + (i % 28)).padStart(2, '0') + '/11',
    amount: i < payables.length ? payables[i]! : 2_000_000 + i,
    text: `TRSF E-BANKING CR ${i} ${pad}`,
  }));
  return Buffer.from(klikbcaCsv(lines));
}

async function upload(bytes: Buffer) {
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += STATEMENT_CHUNK_BYTES) {
    const r = await t.ok('bankStatements.upload', {
      ...(uploadId ? { uploadId } : {}),
      totalBytes: bytes.length,
      offset,
      base64: bytes.subarray(offset, offset + STATEMENT_CHUNK_BYTES).toString('base64'),
    });
    uploadId = r.uploadId;
  }
  return uploadId!;
}

describe('statement upload', () => {
  it('a 10 MB statement is sent in chunks, previewed and imported once; its upload is gone afterwards', async () => {
    t = await testApp();
    const { bills } = await kodeUnikWorld(t, 2);
    const bytes = bigStatement(bills.map((b) => b.payable));
    expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(STATEMENT_MAX_BYTES);
    const uploadId = await upload(bytes);
    const input = { fileName: 'mutasi-besar.csv', uploadId, accountNumber: ACCOUNT };
    const preview = await t.ok('bankStatements.preview', input);
    expect(preview.refusal).toBeNull();
    expect(preview.lines).toHaveLength(11_400);
    expect(preview.counts).toEqual({ auto: 2, review: 11_398, known: 0 });
    const done = await t.ok('bankStatements.import', input);
    expect(done).toMatchObject({ linesRead: 11_400, linesNew: 11_400, autoCredited: 2, toReview: 11_398 });
    expect(count(`SELECT COUNT(*) AS n FROM payments WHERE method = 'bank_transfer'`)).toBe(2);
    // The upload was used up: importing it again asks for the file, and nothing more is written.
    const again = await t.call('bankStatements.import', input);
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'uploadId' }] } });
    expect(count(`SELECT COUNT(*) AS n FROM bank_lines`)).toBe(11_400);
  });

  it('a file above the limit is refused on its first chunk, naming the limit, and nothing is kept', async () => {
    t = await testApp();
    const r = await t.call('bankStatements.upload', {
      totalBytes: STATEMENT_MAX_BYTES + 1,
      offset: 0,
      base64: Buffer.from('Tanggal').toString('base64'),
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        issues: [{ path: 'totalBytes', message: 'The file is larger than 16 MB: export a shorter period' }],
      },
    });
  });

  it('chunks out of order, more bytes than announced, or an unknown upload are refused', async () => {
    t = await testApp();
    const chunk = Buffer.from('abcd').toString('base64');
    const first = await t.ok('bankStatements.upload', { totalBytes: 8, offset: 0, base64: chunk });
    const skip = await t.call('bankStatements.upload', {
      uploadId: first.uploadId,
      totalBytes: 8,
      offset: 6,
      base64: chunk,
    });
    expect(skip).toMatchObject({ ok: false, error: { issues: [{ path: 'offset' }] } });
    await t.ok('bankStatements.upload', { uploadId: first.uploadId, totalBytes: 8, offset: 4, base64: chunk });
    const over = await t.call('bankStatements.upload', {
      uploadId: first.uploadId,
      totalBytes: 8,
      offset: 8,
      base64: chunk,
    });
    expect(over).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const stranger = await t.call('bankStatements.preview', {
      fileName: 'x.csv',
      uploadId: 'f'.repeat(32),
      accountNumber: ACCOUNT,
    });
    expect(stranger).toMatchObject({ ok: false, error: { issues: [{ path: 'uploadId' }] } });
  });
});
