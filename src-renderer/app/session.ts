import { create } from 'zustand';
import type { OutputOf } from '../../src-shared/contract';
import type { Me } from '../../src-shared/contract/auth';
import { roleCan, type Permission } from '../../src-shared/permissions';
import {
  api,
  connectEvents,
  disconnectEvents,
  setStreamRefusedHandler,
  setUnauthenticatedHandler,
} from '../api/client';

export type SystemInfo = OutputOf<'system.info'>;

type Phase = 'loading' | 'unreachable' | 'setup' | 'login' | 'ready';

interface SessionState {
  phase: Phase;
  info: SystemInfo | null;
  me: Me | null;
  /** The session ended while the app was open: the lock screen covers it, the screens stay mounted. */
  locked: boolean;
  /** Why the session ended, when the server said (an Admin ended it); null for an idle timeout. */
  lockReason: string | null;
  loadError: string | null;
  boot(): Promise<void>;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
  refreshInfo(): Promise<void>;
}

/** Calls waiting behind the lock screen; resolved true after a new sign-in, false on sign-out. */
let waiting: Array<(ok: boolean) => void> = [];

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  info: null,
  me: null,
  locked: false,
  lockReason: null,
  loadError: null,
  async boot() {
    const info = await api('system.info', {});
    if (!info.ok) {
      set({ phase: 'unreachable', loadError: info.error.message });
      return;
    }
    set({ info: info.value });
    if (info.value.needsSetup) {
      set({ phase: 'setup' });
      return;
    }
    const me = await api('auth.me', {});
    if (me.ok) get().signedIn(me.value);
    else set({ phase: 'login', me: null });
  },
  signedIn(me) {
    lastActivity = Date.now();
    const wasLocked = get().locked;
    set({ me, phase: 'ready', locked: false, lockReason: null });
    connectEvents();
    if (wasLocked) {
      const w = waiting;
      waiting = [];
      w.forEach((r) => r(true));
    }
  },
  async signOut() {
    await api('auth.logout', {});
    disconnectEvents();
    const w = waiting;
    waiting = [];
    w.forEach((r) => r(false));
    set({ me: null, phase: 'login', locked: false, lockReason: null });
  },
  async refreshInfo() {
    const info = await api('system.info', {});
    if (info.ok) set({ info: info.value });
  },
}));

/** Messages that say the session was ended on purpose (sessions list), shown on the lock screen. */
const ENDED = /^This session was ended/;

function lock(message: string | null) {
  const s = useSession.getState();
  if (s.phase !== 'ready' || s.locked) return;
  disconnectEvents();
  useSession.setState({ locked: true, lockReason: message && ENDED.test(message) ? message : null });
}

setUnauthenticatedHandler((error) => {
  if (useSession.getState().phase !== 'ready') return Promise.resolve(false);
  lock(error.message);
  return new Promise<boolean>((resolve) => waiting.push(resolve));
});

// The event stream was refused: if the session is gone, lock now rather than at the next click.
setStreamRefusedHandler(() => {
  void api('auth.me', {}).then((r) => {
    if (!r.ok && r.error.code === 'UNAUTHENTICATED') lock(r.error.message);
  });
});

/**
 * Idle lock: after the session timeout (Settings) without a key press, click or touch, the lock screen
 * covers the app — the screens stay mounted, so a half-filled form survives — instead of waiting for
 * the next API call to be refused. Background refetches do not count as activity.
 */
let lastActivity = Date.now();
const IDLE_CHECK_MS = 15_000;
if (typeof window !== 'undefined') {
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const) {
    window.addEventListener(type, () => (lastActivity = Date.now()), { capture: true, passive: true });
  }
  window.setInterval(() => {
    const s = useSession.getState();
    const minutes = s.info?.sessionTimeoutMinutes;
    if (s.phase !== 'ready' || s.locked || !minutes) return;
    if (Date.now() - lastActivity >= minutes * 60_000) {
      disconnectEvents();
      useSession.setState({ locked: true });
    }
  }, IDLE_CHECK_MS);
}

/** Whether the signed-in user's role may use a permission (the server checks again). */
export function useCan(): (p: Permission) => boolean {
  const me = useSession((s) => s.me);
  // The server's list for this session wins; roleCan covers permissions added after sign-in, except for a
  // brand-limited user, whose list is already cut to what the brand gate lets through.
  return (p) =>
    p === 'public' ? true : !!me && (me.permissions.includes(p) || (!me.brandLimited && roleCan(me.role, p)));
}
