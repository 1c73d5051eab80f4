import type { PortalChannel, PortalInputOf, PortalOutputOf } from '../../src-shared/contract/portal';
import type { ApiResult } from '../../src-shared/result';

/** Calls a portal channel (`POST /api/<channel>`); the session is the HttpOnly cookie the server set. */
export async function portalApi<C extends PortalChannel>(
  channel: C,
  input: PortalInputOf<C>,
): Promise<ApiResult<PortalOutputOf<C>>> {
  try {
    const res = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    const body = (await res.json()) as ApiResult<PortalOutputOf<C>>;
    if (!body.ok && body.error.code === 'UNAUTHENTICATED' && channel !== 'portal.login') onSignedOut?.();
    return body;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: OFFLINE } };
  }
}

/** The message of a call that never reached the server (no network). */
export const OFFLINE = 'offline';

let onSignedOut: (() => void) | null = null;
export function setSignedOutHandler(fn: (() => void) | null) {
  onSignedOut = fn;
}

/** Opens a PDF the portal returned (base64) in a new tab, as the browser's own viewer shows it. */
export function openPdf(file: { base64: string; filename: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const w = window.open(url, '_blank');
  if (!w) {
    const a = document.createElement('a');
    a.href = url;
    a.download = file.filename;
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const LAST_HOME = 'portal.lastHome';

/** The last bill shown, kept on this phone for the offline view (removed on sign-out). */
export const lastHome = {
  save(value: PortalOutputOf<'portal.home'>) {
    try {
      localStorage.setItem(LAST_HOME, JSON.stringify({ at: new Date().toISOString(), value }));
    } catch {
      /* storage full or disabled: the offline view just has nothing to show */
    }
  },
  load(): { at: string; value: PortalOutputOf<'portal.home'> } | null {
    try {
      const raw = localStorage.getItem(LAST_HOME);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  },
  clear() {
    localStorage.removeItem(LAST_HOME);
  },
};
