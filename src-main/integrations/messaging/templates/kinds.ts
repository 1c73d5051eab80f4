/**
 * The message kinds of the outbox and the placeholders each one may use. A placeholder has an English
 * name and an Indonesian alias (`{jatuh_tempo}` = `{due_date}`); both work in either language.
 */

export const MESSAGE_KINDS = [
  'bill_issued',
  'reminder_early', // H-3 by default (days in Settings)
  'reminder_final', // H-1 by default
  'due_today',
  'overdue',
  'isolir',
  'restored',
  'payment_receipt',
  'ticket_answered',
  'broadcast',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The values a template is rendered with; formatting (rupiah, dates) happens at render time. */
export interface TemplateValues {
  name?: string;
  customerCode?: string;
  package?: string;
  /** Integer rupiah due on the invoice. */
  amount?: number;
  /** `YYYY-MM-DD` business date. */
  dueDate?: string;
  /** `YYYY-MM`. */
  period?: string;
  invoiceNumber?: string;
  daysUntilDue?: number;
  daysOverdue?: number;
  paymentInstructions?: string;
  paymentLink?: string;
  portalLink?: string;
  ispName?: string;
  ispPhone?: string;
  /** Integer rupiah received. */
  paidAmount?: number;
  /** ISO instant of the payment. */
  paidAt?: string;
  receiptNumber?: string;
  paymentMethod?: string;
  ticketNumber?: string;
  ticketSubject?: string;
  /** The body of a manual broadcast (e.g. a gangguan notice), typed by staff. */
  broadcastText?: string;
  area?: string;
}

export type ValueKey = keyof TemplateValues;

export interface PlaceholderDef {
  /** English placeholder name, e.g. `due_date`. */
  name: string;
  /** Indonesian alias, e.g. `jatuh_tempo`. */
  alias: string;
  value: ValueKey;
  format: 'text' | 'rupiah' | 'date' | 'period' | 'instant' | 'number';
}

export const PLACEHOLDERS: readonly PlaceholderDef[] = [
  { name: 'name', alias: 'nama', value: 'name', format: 'text' },
  { name: 'customer_code', alias: 'kode_pelanggan', value: 'customerCode', format: 'text' },
  { name: 'package', alias: 'paket', value: 'package', format: 'text' },
  { name: 'amount', alias: 'jumlah', value: 'amount', format: 'rupiah' },
  { name: 'due_date', alias: 'jatuh_tempo', value: 'dueDate', format: 'date' },
  { name: 'period', alias: 'periode', value: 'period', format: 'period' },
  { name: 'invoice_number', alias: 'no_tagihan', value: 'invoiceNumber', format: 'text' },
  { name: 'days_until_due', alias: 'sisa_hari', value: 'daysUntilDue', format: 'number' },
  { name: 'days_overdue', alias: 'hari_terlambat', value: 'daysOverdue', format: 'number' },
  { name: 'payment_instructions', alias: 'cara_bayar', value: 'paymentInstructions', format: 'text' },
  { name: 'payment_link', alias: 'link_bayar', value: 'paymentLink', format: 'text' },
  { name: 'portal_link', alias: 'link_portal', value: 'portalLink', format: 'text' },
  { name: 'isp_name', alias: 'nama_isp', value: 'ispName', format: 'text' },
  { name: 'isp_phone', alias: 'telepon_isp', value: 'ispPhone', format: 'text' },
  { name: 'paid_amount', alias: 'jumlah_bayar', value: 'paidAmount', format: 'rupiah' },
  { name: 'paid_at', alias: 'tanggal_bayar', value: 'paidAt', format: 'instant' },
  { name: 'receipt_number', alias: 'no_kuitansi', value: 'receiptNumber', format: 'text' },
  { name: 'payment_method', alias: 'metode_bayar', value: 'paymentMethod', format: 'text' },
  { name: 'ticket_number', alias: 'no_tiket', value: 'ticketNumber', format: 'text' },
  { name: 'ticket_subject', alias: 'judul_tiket', value: 'ticketSubject', format: 'text' },
  { name: 'broadcast_text', alias: 'isi_pengumuman', value: 'broadcastText', format: 'text' },
  { name: 'area', alias: 'wilayah', value: 'area', format: 'text' },
];

const COMMON: ValueKey[] = ['name', 'customerCode', 'package', 'ispName', 'ispPhone', 'portalLink'];
const BILL: ValueKey[] = [
  ...COMMON,
  'amount',
  'dueDate',
  'period',
  'invoiceNumber',
  'daysUntilDue',
  'paymentInstructions',
  'paymentLink',
];

/** Which values each kind has to offer (a `{no_tiket}` in a bill notice is an error). */
export const KIND_VALUES: Record<MessageKind, readonly ValueKey[]> = {
  bill_issued: BILL,
  reminder_early: BILL,
  reminder_final: BILL,
  due_today: BILL,
  overdue: [...BILL, 'daysOverdue'],
  isolir: [...BILL, 'daysOverdue'],
  restored: COMMON,
  payment_receipt: [
    ...COMMON,
    'invoiceNumber',
    'period',
    'amount',
    'paidAmount',
    'paidAt',
    'receiptNumber',
    'paymentMethod',
  ],
  ticket_answered: [...COMMON, 'ticketNumber', 'ticketSubject'],
  broadcast: [...COMMON, 'broadcastText', 'area'],
};

const BY_NAME = new Map<string, PlaceholderDef>();
for (const p of PLACEHOLDERS) {
  BY_NAME.set(p.name, p);
  BY_NAME.set(p.alias, p);
}

/** Looks a placeholder up by its English name or Indonesian alias (case-insensitive). */
export function findPlaceholder(name: string): PlaceholderDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function allPlaceholderNames(): string[] {
  return [...BY_NAME.keys()];
}

/** The placeholders offered for a kind, for the template editor's list. */
export function placeholdersFor(kind: MessageKind): PlaceholderDef[] {
  const allowed = new Set(KIND_VALUES[kind]);
  return PLACEHOLDERS.filter((p) => allowed.has(p.value));
}

/** One kind's default texts in one language (templates/defaults-id.ts, defaults-en.ts). */
export interface KindTexts {
  /** WhatsApp text; also the e-mail body. */
  whatsapp: string;
  /** One GSM-7 SMS (≤ 160 characters with ordinary values). */
  sms: string;
  subject: string;
  pushTitle: string;
  pushBody: string;
}
