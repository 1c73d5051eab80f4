import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  api,
  isUnknownOutcome,
  MONEY_WRITE_TIMEOUT_MS,
  setUnauthenticatedHandler,
} from '../../../src-renderer/api/client';
import { newRequestId, SubmissionIds } from '../../../src-renderer/api/requestId';
import { CLIENT_REQUEST_ID_PATTERN } from '../../../src-shared/contract/client-request';

/*
 * Issue 17, the seat's side: one client request id per submission of a money form, kept when the same
 * request is sent again after a lost answer, and carried by the client's own automatic retry.
 */
type Reply = { status: number; body: unknown } | Error;

function fakeFetch(replies: Reply[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const r = replies.shift();
      if (!r) throw new Error('unexpected call');
      if (r instanceof Error) throw r;
      return new Response(JSON.stringify(r.body), { status: r.status });
    }),
  );
  return calls;
}

const sentId = (init: RequestInit) => (JSON.parse(init.body as string) as { clientRequestId?: string }).clientRequestId;
const payment = { customerId: 3, amount: 100_000, method: 'cash' } as const;

beforeEach(() => setUnauthenticatedHandler(null));
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthenticatedHandler(null);
});

describe('client request ids', () => {
  it('are version 4 UUIDs the office accepts, a new one each time', () => {
    const ids = Array.from({ length: 200 }, newRequestId);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id).toMatch(CLIENT_REQUEST_ID_PATTERN);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('one per submission: kept for the same content until it goes through, new for other content or after', () => {
    const ids = new SubmissionIds();
    const a = ids.idFor(payment);
    expect(ids.idFor({ ...payment })).toBe(a); // pressed again / "Kirim ulang"
    const b = ids.idFor({ ...payment, amount: 150_000 });
    expect(b).not.toBe(a); // the form changed: another payment
    expect(ids.idFor({ ...payment, confirmLarge: true })).not.toBe(a);
    // Back to the first figures before anything went through: that earlier request, not a new one.
    expect(ids.idFor(payment)).toBe(a);
    ids.finished();
    expect(ids.idFor(payment)).not.toBe(a); // taken: the next payment of the same amount is a new one
  });
});

describe('the HTTP client and money writes', () => {
  it('a call without an answer is an unknown outcome; the resend carries the same id and gets the first result', async () => {
    const calls = fakeFetch([
      new TypeError('Failed to fetch'),
      { status: 200, body: { ok: true, value: { id: 9, replayed: true } } },
    ]);
    const ids = new SubmissionIds();
    const first = await api('payments.create', { ...payment, clientRequestId: ids.idFor(payment) });
    expect(!first.ok && isUnknownOutcome(first.error)).toBe(true);
    const resent = await api('payments.create', { ...payment, clientRequestId: ids.idFor(payment) });
    expect(resent).toMatchObject({ ok: true, value: { id: 9, replayed: true } });
    expect(sentId(calls[0]!.init)).toMatch(CLIENT_REQUEST_ID_PATTERN);
    expect(sentId(calls[1]!.init)).toBe(sentId(calls[0]!.init));
  });

  it('an answer that is not the API’s (a proxy’s 502 page) is unknown too; a refusal by the office is not', async () => {
    fakeFetch([
      { status: 502, body: 'Bad gateway' },
      {
        status: 200,
        body: { ok: false, error: { code: 'CONFLICT', message: 'Open a cash shift before taking cash payments' } },
      },
    ]);
    const proxy = await api('payments.create', { ...payment, clientRequestId: newRequestId() });
    expect(!proxy.ok && isUnknownOutcome(proxy.error)).toBe(true);
    const refused = await api('payments.create', { ...payment, clientRequestId: newRequestId() });
    expect(!refused.ok && isUnknownOutcome(refused.error)).toBe(false);
  });

  it('the automatic retry after signing in again sends the same id', async () => {
    const calls = fakeFetch([
      {
        status: 401,
        body: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session has ended: please sign in' } },
      },
      { status: 200, body: { ok: true, value: { id: 1 } } },
    ]);
    setUnauthenticatedHandler(async () => true);
    const id = newRequestId();
    await api('refunds.create', { customerId: 1, amount: 5_000, method: 'cash', reason: 'r', clientRequestId: id });
    expect(calls.map((c) => sentId(c.init))).toEqual([id, id]);
  });

  it(`a money write gives up waiting after ${MONEY_WRITE_TIMEOUT_MS / 1000} s (then unknown); other calls keep no timer`, async () => {
    const calls = fakeFetch([
      { status: 200, body: { ok: true, value: {} } },
      { status: 200, body: { ok: true, value: {} } },
    ]);
    await api('resellers.topup', { resellerId: 1, amount: 1, method: 'cash', clientRequestId: newRequestId() });
    await api('customers.list', {});
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
    expect(calls[1]!.init.signal).toBeUndefined();
  });
});
