import fs from 'node:fs';
import path from 'node:path';
import {
  parseStatementFile,
  type ParseOptions,
  type StatementResult,
} from '../../../src-main/integrations/bank-statements';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/bank-statements');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** Parses a fixture and fails the test with the refusal code when the whole file is refused. */
export async function parseOk(
  file: string | Uint8Array,
  options: Partial<ParseOptions> = {},
): Promise<StatementResult> {
  const bytes = typeof file === 'string' ? fixture(file) : file;
  const r = await parseStatementFile(bytes, { accountKey: 'acct-1', ...options });
  if (!r.ok) throw new Error(`file refused: ${r.code}`);
  return r;
}

/** The parts of a line a test states (fingerprints are checked by their own tests). */
export const brief = (r: StatementResult) =>
  r.lines.map((l) => [l.date, l.amount, l.description, l.bankReference ?? null, l.occurrence] as const);
