/**
 * The few HTTP calls the gateway adapters make, over Node's fetch with a hard deadline. Returns the
 * status and the parsed body, or a classified failure; never throws, never logs a header.
 */
import { failure, failureFromError, scrub } from './failures';
import type { ChannelFailure } from './types';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** A form (sent as application/x-www-form-urlencoded) or a JSON value. */
  form?: Record<string, string>;
  json?: unknown;
  timeoutMs: number;
  /** Strings that must never appear in a failure detail (tokens). */
  secrets: ReadonlyArray<string | undefined>;
}

const MAX_BODY = 1_000_000;

export async function httpCall(
  call: HttpCall,
): Promise<{ ok: true; answer: HttpAnswer } | { ok: false; failure: ChannelFailure }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...call.headers };
  let body: string | undefined;
  if (call.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(call.json);
  }
  try {
    const res = await fetch(call.url, {
      method: call.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const text = (await res.text()).slice(0, MAX_BODY);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { ok: true, answer: { status: res.status, headers: res.headers, text, json } };
  } catch (err) {
    return { ok: false, failure: failureFromError(err, call.secrets) };
  }
}

/** The URL without its query string, for details and logs. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** A 2xx whose body we cannot read: the provider may well have queued the message. */
export function unreadableSuccess(answer: HttpAnswer, secrets: ReadonlyArray<string | undefined>): ChannelFailure {
  return failure({
    reason: 'bad_response',
    httpStatus: answer.status,
    maybeAccepted: true,
    detail: scrub(`unreadable answer: ${answer.text.slice(0, 200)}`, secrets),
  });
}

/** Joins a configured base URL and a path without doubling or losing the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Reads a key case-insensitively (some gateways answer `Status` one day and `status` the next). */
export function field(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const rec = obj as Record<string, unknown>;
  if (key in rec) return rec[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lower) return rec[k];
  return undefined;
}

/** `true`, `"true"`, `1`, `"success"` → true. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1;
  if (typeof v === 'string') return ['true', '1', 'success', 'ok'].includes(v.trim().toLowerCase());
  return false;
}

export function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}
