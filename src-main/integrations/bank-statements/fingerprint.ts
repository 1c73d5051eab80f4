import { createHash } from 'node:crypto';
import type { RawLine } from './engine';
import type { StatementLine } from './types';

/**
 * Description as it enters the key: Unicode-normalised, upper case, only letters, digits and `/` kept,
 * single spaces. The same transfer read from the CSV and from the .xlsx export of the same statement, or
 * with the quoting and padding an export tool adds, then gives the same text.
 */
export function keyText(description: string): string {
  return description
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9/]+/g, ' ')
    .trim();
}

/**
 * Gives each line its fingerprint: SHA-256 of (version, account, date, amount, description) plus its
 * occurrence index, the rank of the line among the lines of this file with the same content, in file
 * order. Two genuinely identical transfers on one day (same sender, same amount, same text) therefore
 * get #0 and #1; importing the same statement again, or a statement overlapping it, gives them the same
 * two keys, because a statement covers whole days. The row number, the balance and the reference are
 * left out on purpose: they differ between exports of one line or are missing in some of them.
 *
 * `accountKey` names the ISP's bank account the statement belongs to (its id in our database), so two
 * accounts never share keys. Keep one layout per account: a mapping that reads other description
 * columns gives other keys (see `looseKey`).
 */
export function withFingerprints(accountKey: string, lines: readonly RawLine[]): StatementLine[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const content = ['bs1', accountKey, l.date, String(l.amount), keyText(l.description)].join('\u001f');
    const occurrence = seen.get(content) ?? 0;
    seen.set(content, occurrence + 1);
    const fingerprint = createHash('sha256').update(`${content}\u001f${occurrence}`).digest('hex');
    return { ...l, fingerprint, occurrence };
  });
}

/**
 * Account, date and amount only. Lines already stored under another fingerprint with the same loose key
 * are "possibly the same transfer" (e.g. a statement read once with the built-in layout and once with a
 * mapping): the confirm screen should show them for review instead of crediting them silently.
 */
export function looseKey(accountKey: string, line: Pick<StatementLine, 'date' | 'amount'>): string {
  return `${accountKey}|${line.date}|${line.amount}`;
}
