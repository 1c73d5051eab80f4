import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, setUnauthenticatedHandler } from '../../../src-renderer/api/client';
import { applyApiError } from '../../../src-renderer/components/apiError';
import i18n from '../../../src-renderer/i18n';

type Reply = { status: number; body: unknown } | Error;

/** Fake `fetch` answering from a queue and recording the calls. */
function fakeFetch(replies: Reply[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const r = replies.shift();
    if (!r) throw new Error('unexpected call');
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

const unauth = {
  status: 401,
  body: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session has ended: please sign in' } },
};

describe('renderer api client (HTTP transport)', () => {
  beforeEach(() => setUnauthenticatedHandler(null));
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthenticatedHandler(null);
  });

  it('POSTs JSON to /api/<channel> with the same-origin cookie and returns the envelope', async () => {
    const calls = fakeFetch([{ status: 200, body: { ok: true, value: { id: 7 } } }]);
    const r = await api('customers.delete', { id: 7 });
    expect(r).toEqual({ ok: true, value: { id: 7 } });
    expect(calls[0]!.url).toBe('/api/customers.delete');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"id":7}' });
    expect((calls[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns a network failure or a non-envelope answer into an error value, never a throw', async () => {
    fakeFetch([new TypeError('Failed to fetch'), { status: 502, body: 'Bad gateway' }]);
    const a = await api('customers.list', {});
    expect(a.ok).toBe(false);
    expect(!a.ok && a.error.code).toBe('INTERNAL');
    expect(!a.ok && a.error.message).toContain('Failed to fetch');
    const b = await api('customers.list', {});
    expect(!b.ok && b.error.message).toContain('502');
  });

  it('on UNAUTHENTICATED waits for a new sign-in, then retries the same call once', async () => {
    const calls = fakeFetch([unauth, { status: 200, body: { ok: true, value: { id: 1 } } }]);
    const handler = vi.fn(async () => true);
    setUnauthenticatedHandler(handler);
    const r = await api('customers.create', { name: 'Budi' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(r).toEqual({ ok: true, value: { id: 1 } });
    expect(calls.map((c) => c.init.body)).toEqual(['{"name":"Budi"}', '{"name":"Budi"}']);
  });

  it('gives the error back when the user signs out instead, and never locks on sign-in channels', async () => {
    fakeFetch([unauth, unauth]);
    const handler = vi.fn(async () => false);
    setUnauthenticatedHandler(handler);
    const r = await api('customers.list', {});
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
    const login = await api('auth.login', { username: 'x', password: 'y' });
    expect(!login.ok && login.error.code).toBe('UNAUTHENTICATED');
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('applyApiError', () => {
  it('puts issue messages on matching fields (a tag falls back to its list) in the UI language', async () => {
    await i18n.changeLanguage('id');
    const errors: Record<string, string> = {};
    const form = {
      values: { name: '', features: ['a', 'b'], lines: [{ amount: 1 }] },
      setFieldError: (p: string, m: string) => (errors[p] = m),
    };
    const matched = applyApiError(form, {
      code: 'BAD_INPUT',
      message: 'name: Name is required',
      issues: [
        { path: 'name', message: 'Name is required' },
        { path: 'features.1', message: 'A feature cannot be empty' },
        { path: 'lines.0.amount', message: 'Must be a number' },
      ],
    });
    expect(matched).toBe(true);
    expect(errors).toEqual({
      name: 'Nama wajib diisi',
      features: 'Fitur tidak boleh kosong',
      'lines.0.amount': 'Harus berupa angka',
    });
  });

  it('shows the server sentence as sent in English (no fallback to the Indonesian text)', async () => {
    await i18n.changeLanguage('en');
    const errors: Record<string, string> = {};
    const form = { values: { name: '' }, setFieldError: (p: string, m: string) => (errors[p] = m) };
    applyApiError(form, { code: 'BAD_INPUT', message: 'x', issues: [{ path: 'name', message: 'Name is required' }] });
    expect(errors).toEqual({ name: 'Name is required' });
    await i18n.changeLanguage('id');
  });

  it('reports false when no field matches (the message goes to a notification)', () => {
    const errors: Record<string, string> = {};
    const form = { values: { name: '' }, setFieldError: (p: string, m: string) => (errors[p] = m) };
    expect(applyApiError(form, { code: 'CONFLICT', message: 'Budi has 1 invoices' })).toBe(false);
    expect(errors).toEqual({});
  });
});
