import { addDays } from '../../../src-shared/dates';
import { addNameWordHashes, HashBits, nameMayBeFound, refKeyHash } from './reach';
import { addRunHashes, forEachRun, forEachRunSpan, MIN_REF_LENGTH } from './runs';
import { descriptionWords, nameSimilarity, nameWords, refKey, words, type DescriptionWords } from './tokens';

/**
 * Suggests which open bill each incoming bank line pays. Pure and synchronous: indexes are built once
 * per call, each line is looked up in them (no line × bill loop), so 5,000 lines against 20,000 bills
 * take tens of milliseconds. Nothing is confirmed here: the cashier confirms on the confirm screen, and
 * only a `matched` line may be pre-selected there.
 */

export interface MatchLine {
  fingerprint: string;
  date: string;
  amount: number;
  description: string;
  bankReference?: string;
}

export interface OpenBill {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  invoiceNumber: string;
  /** The amount to pay with its kode unik (the unique amount), integer rupiah. */
  amount: number;
  /** The amount before the kode unik, when the bill has one (customers forget the code). */
  baseAmount?: number;
  issueDate: string;
  dueDate: string;
}

export type MatchReason =
  /** The line's amount is this bill's unique amount. */
  | 'unique_amount'
  /** The bill's invoice number is written in the description. */
  | 'invoice_number'
  /** The customer's code is written in the description. */
  | 'customer_code'
  /** Most of the customer's name is in the description. */
  | 'name'
  /** The amount is the bill without its kode unik. */
  | 'base_amount'
  /** Named by its text, but the amount is neither the unique amount nor the bill amount. */
  | 'amount_differs'
  /** The transfer is dated well before the bill was issued. */
  | 'before_issue'
  /** Another line of this import is matched to the same bill. */
  | 'bill_claimed_twice';

export interface Suggestion {
  billId: number;
  customerId: number;
  confidence: 'high' | 'medium' | 'low';
  score: number;
  reasons: MatchReason[];
}

export interface LineMatch {
  fingerprint: string;
  /**
   * `matched`: one high-confidence bill and no rival for another customer — may be pre-selected;
   * `suggested`: one medium-confidence bill; `ambiguous`: two or more bills are plausible — the cashier
   * chooses; `unmatched`: nothing plausible (low-confidence hints may still be listed).
   */
  status: 'matched' | 'suggested' | 'ambiguous' | 'unmatched';
  /** Best first. */
  suggestions: Suggestion[];
}

export interface MatchOptions {
  /** A line dated more than this many days before a bill's issue date does not pay it by amount (7). */
  beforeIssueDays?: number;
  /** Suggestions kept per line (5). */
  maxSuggestions?: number;
}

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
/** Keying a bill's reference costs about this many runs hashed into the set of a statement's runs. */
export const REF_COST_IN_RUNS = 32;

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

export function matchStatementLines(
  lines: readonly MatchLine[],
  bills: readonly OpenBill[],
  options: MatchOptions = {},
): LineMatch[] {
  const beforeIssueDays = options.beforeIssueDays ?? 7;
  const maxSuggestions = options.maxSuggestions ?? 5;
  // Only the bills this statement can reach are indexed (issue 20): a bill whose amount, base amount,
  // invoice number and customer code are nowhere on the statement can never be suggested. The indexes
  // hold bill positions, and a bill's name words and dates are built only when a line finds it: at
  // 50,000 bills an object per bill kept to the end cost more in garbage collection than the lookups.
  // References and names are first tested by hash (reach.ts): a statement names every package price, and
  // building the keys and name words of every bill of those prices grew the match 2.4x per 10x bills.
  const refs = new Int32Array(4 * bills.length); // per bill: invoice number key hash, length; customer code's
  let longestRef = 0;
  for (let k = 0; k < bills.length; k++) {
    refKeyHash(bills[k]!.invoiceNumber, refs, 4 * k);
    refKeyHash(bills[k]!.customerCode, refs, 4 * k + 2);
    longestRef = Math.max(longestRef, refs[4 * k + 1]!, refs[4 * k + 3]!);
  }
  const linesByAmount = new Map<number, number[]>();
  let runCount = 0;
  const lineWords = lines.map((line, l) => {
    const ws = words(`${line.description} ${line.bankReference ?? ''}`);
    push(linesByAmount, line.amount, l);
    forEachRunSpan(ws, longestRef, () => runCount++);
    return ws;
  });
  // References: of a small ledger (beside its statement) all are keyed and indexed; of a larger one only
  // those whose key's hash is a run's, looked up in a set of the runs' hashes whose cost follows the
  // statement (measured: keying and indexing 10,000 references cost about as much as hashing 320,000 runs).
  let runs: HashBits | undefined;
  if (2 * bills.length * REF_COST_IN_RUNS > runCount) {
    runs = new HashBits(runCount);
    for (const ws of lineWords) addRunHashes(ws, longestRef, runs);
  }
  const wanted = (at: number) => refs[at + 1]! >= MIN_REF_LENGTH && (!runs || runs.has(refs[at]!));
  // The words of the lines of an amount, hashed: a bill of that base amount whose name cannot be found in
  // them is left out of the name postings (nameMayBeFound).
  const descHashes = new Map<number, Set<number>>();
  const descHashesOf = (amount: number) => {
    let set = descHashes.get(amount);
    if (!set) {
      descHashes.set(amount, (set = new Set()));
      for (const l of linesByAmount.get(amount)!) addNameWordHashes(lineWords[l]!, set);
    }
    return set;
  };

  const byAmount = new Map<number, number[]>();
  const byRef = new Map<string, number[]>(); // 2 × bill position, + 1 for a customer code
  const byBaseAndName = new Map<number, Map<string, number[]>>(); // base amount → name word → bills
  const nameSize = new Int32Array(bills.length); // name words of a bill in the name postings
  for (let k = 0; k < bills.length; k++) {
    const bill = bills[k]!;
    if (linesByAmount.has(bill.amount)) push(byAmount, bill.amount, k);
    if (wanted(4 * k)) push(byRef, refKey(bill.invoiceNumber), 2 * k);
    if (wanted(4 * k + 2)) push(byRef, refKey(bill.customerCode), 2 * k + 1);
    const base = bill.baseAmount;
    if (base === undefined || base === bill.amount || !linesByAmount.has(base)) continue;
    if (!nameMayBeFound(bill.customerName, descHashesOf(base))) continue;
    const name = nameWords(bill.customerName);
    nameSize[k] = name.length;
    if (!name.length) continue;
    let postings = byBaseAndName.get(base);
    if (!postings) byBaseAndName.set(base, (postings = new Map()));
    for (const w of name) push(postings, w, k);
  }

  const indexed = new Map<number, Indexed>(); // the bills some line found
  const earliestByIssue = new Map<string, string>(); // bills share a few issue dates
  const indexedOf = (k: number): Indexed => {
    let item = indexed.get(k);
    if (item) return item;
    const bill = bills[k]!;
    let earliest = earliestByIssue.get(bill.issueDate);
    if (earliest === undefined)
      earliestByIssue.set(bill.issueDate, (earliest = addDays(bill.issueDate, -beforeIssueDays)));
    indexed.set(k, (item = { bill, name: nameWords(bill.customerName), earliest }));
    return item;
  };

  const results = lines.map((line, l) => {
    const ws = lineWords[l]!;
    const desc = descriptionWords(ws);
    const found = new Map<number, { item: Indexed; reasons: Set<MatchReason> }>();
    const note = (k: number, reason?: MatchReason) => {
      const item = indexedOf(k);
      let f = found.get(item.bill.id);
      if (!f) found.set(item.bill.id, (f = { item, reasons: new Set() }));
      if (reason) f.reasons.add(reason);
    };
    for (const k of byAmount.get(line.amount) ?? []) note(k, 'unique_amount');
    forEachRun(ws, longestRef, (run) => {
      for (const ref of byRef.get(run) ?? []) note(ref >> 1, ref & 1 ? 'customer_code' : 'invoice_number');
    });
    // The bill amount without the code is shared by a whole package: a bill qualifies only when its
    // customer's name is in the description (nameFound), counted here from the (amount, word) postings.
    const nameHits = new Map<number, number>();
    const postings = byBaseAndName.get(line.amount);
    if (postings)
      for (const w of desc.all) for (const k of postings.get(w) ?? []) nameHits.set(k, (nameHits.get(k) ?? 0) + 1);
    for (const [k, hits] of nameHits) if (nameFound(hits, nameSize[k]!)) note(k);

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
