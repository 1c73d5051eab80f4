/**
 * "Hubungkan ke PC kantor" in the desktop app: what the main process exposes to our own app:// page as
 * `window.pppoeSeat` (never to the office's pages). In local mode only `pair` does something; in seat
 * mode the window shows the office's staff app, and this page only while the office is not reachable.
 */

/** Why pairing failed (src-main/host/seat/pairing-client.ts), translated on screen. */
export const PAIR_FAILURES = [
  'bad_address',
  'unreachable',
  'wrong_code',
  'rate_limited',
  'not_shared',
  'office_proof',
  'certificate_changed',
] as const;
export type PairFailure = (typeof PAIR_FAILURES)[number];

/** The office link as the seat page shows it (office-link.ts), plus a seat file that cannot be read. */
export type SeatLinkView =
  | { kind: 'connecting' }
  | { kind: 'online'; officeName: string }
  | { kind: 'unreachable'; attempt: number; error: string; retryAt: number }
  | { kind: 'certificate_changed'; seen: string | null }
  | { kind: 'damaged' };

export interface SeatStatus {
  url: string;
  officeName: string;
  /** The paired certificate's SHA-256 fingerprint (AA:BB:…), to compare with the office's screen. */
  fingerprint: string;
  link: SeatLinkView;
}

export type PairAnswer = { ok: true; officeName: string } | { ok: false; reason: PairFailure };

export interface SeatBridge {
  /** Local mode: pairs with the office (address as typed or from its QR code) and restarts as its seat. */
  pair(address: string, code: string): Promise<PairAnswer>;
  /** Seat mode: the office and the link; null in local mode. */
  status(): Promise<SeatStatus | null>;
  /** Seat mode: try the office now, whatever the backoff. */
  retry(): Promise<void>;
  /** Seat mode: open the office's app now (when it answers). */
  open(): Promise<void>;
  /** Seat mode: "Lupakan PC kantor" — forget the pairing and restart with this PC's own data. */
  forget(): Promise<void>;
  /** Seat mode: the link's changes, pushed. Returns unsubscribe. */
  onStatus(cb: (status: SeatStatus) => void): () => void;
}

declare global {
  interface Window {
    pppoeSeat?: SeatBridge;
  }
}
