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
  /** The user opened this page from the office's app (printer settings): it stays until they press "Buka". */
  held: boolean;
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
  /** Seat mode: this PC's printers and the ones chosen for receipts and A4 (stored on this PC). */
  printers(): Promise<SeatPrinterList | null>;
  /** Seat mode: stores the choice (a name not among this PC's printers is refused, nothing stored). */
  choosePrinters(choice: SeatPrinterChoice): Promise<SeatChooseAnswer>;
  /** Seat mode: prints a test page on the printer chosen for `kind`, through the same path as a receipt. */
  testPrint(kind: SeatPrintKind, language: 'id' | 'en'): Promise<SeatPrintAnswer>;
}

/*
 * Printing from a seat on the seat's own printer. The office's staff app (another origin, shown in the
 * seat's window) gets no IPC bridge but this one, `window.pppoePrint`: a PDF the office generated goes to
 * the printer this PC chose, with the desktop app's options (receipts silently on the printer's own roll
 * size, A4 on A4). See src-main/host/electron/seat-print.ts for what it accepts.
 */
export type SeatPrintKind = 'receipt' | 'a4';
export const SEAT_PRINT_KINDS: readonly SeatPrintKind[] = ['receipt', 'a4'];

/** Largest PDF the seat prints: a receipt is a few KB, an invoice with its fonts and logo well under 1 MB. */
export const SEAT_PRINT_MAX_BYTES = 4 * 1024 * 1024;

/** The printers this seat chose (printer names as the system knows them), and whether to print without a dialog. */
export interface SeatPrinterChoice {
  receipt: string | null;
  a4: string | null;
  /** True (default, as the desktop app): straight to the printer; false: the system's print dialog first. */
  silent: boolean;
}

export interface SeatPrinterList {
  printers: { name: string; displayName: string; isDefault: boolean }[];
  choice: SeatPrinterChoice;
}

/**
 * Why a print did not happen: no printer chosen for this kind, the chosen printer is not on this PC
 * (unplugged, removed), the printer or its driver refused or did not answer, another document is still
 * printing, or the input was not a PDF the seat accepts (too large, not a PDF, unknown kind).
 */
export const SEAT_PRINT_FAILURES = ['no_printer', 'printer_missing', 'failed', 'busy', 'refused'] as const;
export type SeatPrintFailure = (typeof SEAT_PRINT_FAILURES)[number];

export type SeatChooseAnswer = { ok: true; list: SeatPrinterList } | { ok: false; missing: string };

export type SeatPrintAnswer =
  | { ok: true; printer: string }
  | {
      ok: false;
      reason: SeatPrintFailure;
      /** What the printer system said (English, as Chromium words it), or null. */
      detail: string | null;
      /** Where the PDF was saved instead (the user chose the place), or null (cancelled, or nothing to save). */
      savedTo: string | null;
    };

/** `window.pppoePrint`: exposed to the paired office's page, in the seat's main frame only. */
export interface SeatPrintBridge {
  /** The printers this seat chose, to say where a receipt goes (and whether one goes at all). */
  choice(): Promise<SeatPrinterChoice>;
  /** Prints a PDF the office made (base64, as the documents.* channels give it); saves it when printing fails. */
  print(kind: SeatPrintKind, file: { filename: string; base64: string }): Promise<SeatPrintAnswer>;
  /** Shows this seat's printer settings (the seat page) until the user opens the office's app again. */
  openSettings(): Promise<void>;
}

declare global {
  interface Window {
    pppoeSeat?: SeatBridge;
    pppoePrint?: SeatPrintBridge;
  }
}
