/**
 * The statement matcher as it was before it indexed only the bills a statement can reach (issue 20): every
 * open bill indexed, references keyed by joining their words. Kept verbatim (names aside) as the reference
 * the equivalence test compares the app's matcher with; not used by the app.
 */
import { addDays } from '../../../src-shared/dates';
import type {
  LineMatch,
  MatchLine,
  MatchOptions,
  MatchReason,
  OpenBill,
  Suggestion,
} from '../../../src-main/core/reconciliation/matcher';
import {
  descriptionWords,
  nameSimilarity,
  words,
  type DescriptionWords,
} from '../../../src-main/core/reconciliation/tokens';

/** refKey before its ASCII fast path. */
const refKey = (text: string) => words(text).join('');

const NAME_NOISE = new Set(['BIN', 'BINTI', 'BAPAK', 'IBU', 'SDR', 'SDRI', 'TUAN', 'NYONYA', 'HAJI', 'HJ']);

/** nameWords before its ASCII fast path. */
export function referenceNameWords(name: string): string[] {
  return [...new Set(words(name).filter((w) => w.length >= 3 && /^[A-Z]+$/.test(w) && !NAME_NOISE.has(w)))];
}
const nameWords = referenceNameWords;

const POINTS: Record<Exclude<MatchReason, 'bill_claimed_twice'>, number> = {
  invoice_number: 70,
  unique_amount: 60,
  customer_code: 45,
  name: 30, // scaled by the share of the name found
  base_amount: 25,
  amount_differs: -15,
  before_issue: -50,
};
/**
 * A name is evidence when at least half of its words, and two of them if it has two or more, are in the
 * description: "Agus Salim" needs both words, a one-word name its word; one shared first name is not enough.
 */
const nameFound = (found: number, of: number) => of > 0 && found * 2 >= of && found >= Math.min(2, of);
/** A high suggestion stays `matched` beside a rival of the same customer only this far ahead. */
const CLEAR_LEAD = 40;
/** References shorter than this (after dropping separators) are not looked for: too easy to hit by chance. */
const MIN_REF_LENGTH = 5;
const REF_PARTS = 4;

interface Indexed {
  bill: OpenBill;
  name: string[];
  /** Lines dated before this do not pay the bill by amount (issue date − beforeIssueDays). */
  earliest: string;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function referenceMatch(
  lines: readonly MatchLine[],
  bills: readonly OpenBill[],
  options: MatchOptions = {},
): LineMatch[] {
  const beforeIssueDays = options.beforeIssueDays ?? 7;
  const maxSuggestions = options.maxSuggestions ?? 5;
  const byAmount = new Map<number, Indexed[]>();
  const byRef = new Map<string, { item: Indexed; reason: 'invoice_number' | 'customer_code' }[]>();
  const byBaseAndName = new Map<string, Indexed[]>();
  const earliestByIssue = new Map<string, string>(); // bills share a few issue dates
  let longestRef = 0;
  for (const bill of bills) {
    let earliest = earliestByIssue.get(bill.issueDate);
    if (earliest === undefined)
      earliestByIssue.set(bill.issueDate, (earliest = addDays(bill.issueDate, -beforeIssueDays)));
    const item: Indexed = { bill, name: nameWords(bill.customerName), earliest };
    push(byAmount, bill.amount, item);
    const inv = refKey(bill.invoiceNumber);
    const code = refKey(bill.customerCode);
    longestRef = Math.max(longestRef, inv.length, code.length);
    if (inv.length >= MIN_REF_LENGTH) push(byRef, inv, { item, reason: 'invoice_number' as const });
    if (code.length >= MIN_REF_LENGTH) push(byRef, code, { item, reason: 'customer_code' as const });
    if (bill.baseAmount !== undefined && bill.baseAmount !== bill.amount)
      for (const w of item.name) push(byBaseAndName, `${bill.baseAmount}|${w}`, item);
  }

  const results = lines.map((line) => {
    const ws = words(`${line.description} ${line.bankReference ?? ''}`);
    const desc = descriptionWords(ws);
    const found = new Map<number, { item: Indexed; reasons: Set<MatchReason> }>();
    const note = (item: Indexed, reason?: MatchReason) => {
      let f = found.get(item.bill.id);
      if (!f) found.set(item.bill.id, (f = { item, reasons: new Set() }));
      if (reason) f.reasons.add(reason);
    };
    for (const item of byAmount.get(line.amount) ?? []) note(item, 'unique_amount');
    // References are looked for as runs of 1–4 consecutive words joined, the ways one can be written
    // with or without separators (`INV 202611 00042`, `INV/202611/00042`, `INV20261100042`); runs start
    // and end on word boundaries, so `CUST00071` never yields `CUST0007`.
    for (let i = 0; i < ws.length; i++) {
      let run = '';
      for (let j = i; j < ws.length && j < i + REF_PARTS && run.length < longestRef; j++) {
        run += ws[j];
        if (run.length >= MIN_REF_LENGTH) for (const hit of byRef.get(run) ?? []) note(hit.item, hit.reason);
      }
    }
    // The bill amount without the code is shared by a whole package: a bill qualifies only when its
    // customer's name is in the description (nameFound), counted here from the (amount, word) postings.
    const nameHits = new Map<Indexed, number>();
    for (const w of desc.all)
      for (const item of byBaseAndName.get(`${line.amount}|${w}`) ?? [])
        nameHits.set(item, (nameHits.get(item) ?? 0) + 1);
    for (const [item, hits] of nameHits) if (nameFound(hits, item.name.length)) note(item);

    const suggestions: Suggestion[] = [];
    for (const { item, reasons } of found.values()) {
      const s = score(line, item, reasons, desc);
      if (s) suggestions.push(s);
    }
    suggestions.sort((a, b) => b.score - a.score || a.billId - b.billId);
    return { fingerprint: line.fingerprint, suggestions: suggestions.slice(0, maxSuggestions) };
  });

  return settle(results);
}

function score(
  line: MatchLine,
  { bill, name, earliest }: Indexed,
  reasons: Set<MatchReason>,
  desc: DescriptionWords,
): Suggestion | undefined {
  const similarity = nameSimilarity(name, desc);
  if (nameFound(Math.round(similarity * name.length), name.length)) reasons.add('name');
  if (bill.baseAmount !== undefined && bill.baseAmount !== bill.amount && line.amount === bill.baseAmount)
    reasons.add('base_amount');
  // A bare base amount is shared by every customer on that package: it needs the name beside it.
  if (reasons.has('base_amount') && reasons.size === 1) return undefined;
  if (reasons.has('name') && reasons.size === 1) return undefined;
  if (!reasons.has('unique_amount') && !reasons.has('base_amount')) reasons.add('amount_differs');
  if (line.date < earliest) reasons.add('before_issue');

  let points = 0;
  for (const r of reasons)
    if (r !== 'bill_claimed_twice') points += r === 'name' ? Math.round(POINTS.name * similarity) : POINTS[r];
  const strong = reasons.has('unique_amount') || reasons.has('invoice_number');
  const confidence =
    points >= 60 && strong && !reasons.has('before_issue')
      ? 'high'
      : points >= 40
        ? 'medium'
        : points >= 20
          ? 'low'
          : undefined;
  if (!confidence) return undefined;
  const order: MatchReason[] = [
    'unique_amount',
    'invoice_number',
    'customer_code',
    'name',
    'base_amount',
    'amount_differs',
    'before_issue',
  ];
  return {
    billId: bill.id,
    customerId: bill.customerId,
    confidence,
    score: points,
    reasons: order.filter((r) => reasons.has(r)),
  };
}

/** Status per line, then lines that would both be `matched` to one bill are made `ambiguous`. */
function settle(results: { fingerprint: string; suggestions: Suggestion[] }[]): LineMatch[] {
  const out: LineMatch[] = results.map(({ fingerprint, suggestions }) => {
    const contenders = suggestions.filter((s) => s.confidence !== 'low');
    const [best, second] = contenders;
    let status: LineMatch['status'];
    if (!best) status = 'unmatched';
    else if (!second) status = best.confidence === 'high' ? 'matched' : 'suggested';
    else
      status =
        best.confidence === 'high' && second.customerId === best.customerId && best.score - second.score >= CLEAR_LEAD
          ? 'matched'
          : 'ambiguous';
    return { fingerprint, status, suggestions };
  });
  const claims = new Map<number, LineMatch[]>();
  for (const m of out) if (m.status === 'matched') push(claims, m.suggestions[0]!.billId, m);
  for (const list of claims.values()) {
    if (list.length < 2) continue;
    for (const m of list) {
      m.status = 'ambiguous';
      m.suggestions[0]!.reasons.push('bill_claimed_twice');
    }
  }
  return out;
}
