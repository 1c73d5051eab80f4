import type { Channel, InputOf, OutputOf } from '../../src-shared/contract';
import type { EventName } from '../../src-shared/events';
import type { PreloadBridge } from '../../src-shared/preload-api';
import type { ApiError, ApiResult } from '../../src-shared/result';

const bridge = (): PreloadBridge | undefined => (typeof window !== 'undefined' ? window.pppoe : undefined);

/** Channels that answer UNAUTHENTICATED as their normal "wrong password" reply: never lock on those. */
const AUTH_CHANNELS = new Set<string>(['auth.login', 'setup.createAdmin', 'auth.logout', 'auth.me', 'system.info']);

/** Gets the refusal, so the lock screen can say why (e.g. an Admin ended the session). */
type UnauthHandler = (error: ApiError) => Promise<boolean>;
let onUnauthenticated: UnauthHandler | null = null;
let onStreamRefused: (() => void) | null = null;

/**
 * The app registers how to get a fresh session (the lock screen). A call that fails with
 * UNAUTHENTICATED waits for it and is then retried once, so a form submitted after the session
 * ended simply completes after the user signs in again.
 */
export function setUnauthenticatedHandler(fn: UnauthHandler | null) {
  onUnauthenticated = fn;
}

/**
 * Failures where the request may have reached the office and been carried out, but no answer came back
 * (the link dropped, a timeout, a proxy's error page): the outcome is unknown, unlike an error the server
 * answered. A money form then offers "Kirim ulang" with the same client request id.
 */
const unknownOutcomes = new WeakSet<ApiError>();

function networkError(message: string): ApiError {
  const error: ApiError = { code: 'INTERNAL', message };
  unknownOutcomes.add(error);
  return error;
}

/** True when the call failed without an answer from the server: it may or may not have been carried out. */
export const isUnknownOutcome = (error: ApiError) => unknownOutcomes.has(error);

/**
 * How long a money write (one carrying a clientRequestId) waits for its answer over the network before it
 * counts as unknown: a half-open link would otherwise leave the cashier waiting forever. Resending is safe.
 */
export const MONEY_WRITE_TIMEOUT_MS = 30_000;

const hasRequestId = (input: unknown) =>
  !!input && typeof input === 'object' && typeof (input as { clientRequestId?: unknown }).clientRequestId === 'string';

async function transport(channel: string, input: unknown): Promise<ApiResult<unknown>> {
  const b = bridge();
  try {
    if (b) return await b.invoke(channel, input);
    const res = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
      ...(hasRequestId(input) ? { signal: AbortSignal.timeout(MONEY_WRITE_TIMEOUT_MS) } : {}),
    });
    const body = (await res.json().catch(() => null)) as ApiResult<unknown> | null;
    if (body && typeof body === 'object' && 'ok' in body) return body;
    return { ok: false, error: networkError(`The server answered ${res.status} without a result`) };
  } catch (err) {
    return {
      ok: false,
      error: networkError(`Cannot reach PPPoE Desk (${err instanceof Error ? err.message : String(err)})`),
    };
  }
}

/**
 * Calls one API channel. Never throws: failures come back as `{ ok: false, error }`. The one automatic
 * retry (after signing in again) sends the very same input, so a money write keeps its clientRequestId;
 * a call without an answer is never retried here: the form asks the user (useMoneyRequest).
 */
export async function api<C extends Channel>(channel: C, input: InputOf<C>): Promise<ApiResult<OutputOf<C>>> {
  let result = await transport(channel, input);
  if (!result.ok && result.error.code === 'UNAUTHENTICATED' && !AUTH_CHANNELS.has(channel) && onUnauthenticated) {
    if (await onUnauthenticated(result.error)) result = await transport(channel, input);
  }
  return result as ApiResult<OutputOf<C>>;
}

type Listener = (payload: Record<string, unknown>) => void;
const listeners = new Map<string, Set<Listener>>();
let source: EventSource | null = null;
const unbridge = new Map<string, () => void>();

function attach(name: string) {
  const b = bridge();
  if (b) {
    unbridge.set(
      name,
      b.on(name, (p) => listeners.get(name)?.forEach((l) => l((p ?? {}) as Record<string, unknown>))),
    );
    return;
  }
  source?.addEventListener(name, (e) => {
    let payload: Record<string, unknown> = {};
    try {
      payload = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>;
    } catch {
      /* a malformed push is ignored, never fatal */
    }
    listeners.get(name)?.forEach((l) => l(payload));
  });
}

/**
 * (Re)connects the server-sent event stream; call after sign-in (the stream needs the session
 * cookie). Electron pushes through the preload and needs no connection.
 */
export function connectEvents() {
  if (bridge() || typeof EventSource === 'undefined') return;
  source?.close();
  const es = new EventSource('/api/events', { withCredentials: true });
  source = es;
  // The server ends the stream when its session ends; the browser's reconnect is then refused (401) and
  // the stream stays closed: the app asks at once whether the session still lives.
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED && source === es) onStreamRefused?.();
  };
  for (const name of listeners.keys()) attach(name);
}

/** Called when the event stream was refused for good (its session ended elsewhere). */
export function setStreamRefusedHandler(fn: (() => void) | null) {
  onStreamRefused = fn;
}

export function disconnectEvents() {
  source?.close();
  source = null;
}

/** Subscribes to a pushed event (`data.changed`, `sync.progress`...). Returns the unsubscribe function. */
export function onEvent(name: EventName, cb: Listener): () => void {
  let set = listeners.get(name);
  if (!set) {
    set = new Set();
    listeners.set(name, set);
    attach(name);
  }
  set.add(cb);
  return () => {
    set.delete(cb);
  };
}
