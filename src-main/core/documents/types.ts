/**
 * View models the PDF renderers draw. They hold display-ready facts (integer rupiah, ISO instants,
 * calendar dates) and no database handles, so the renderers are pure and easy to test.
 */
export type DocLanguage = 'id' | 'en';

export interface IspHeader {
  name: string;
  address: string;
  phone: string;
  /** data:image/png|jpeg;base64,... or '' */
  logo: string;
  /** A brand's extras (issue 18), printed when set. */
  taxId?: string;
  receiptHeader?: string;
  bankAccounts?: { bank: string; number: string; holder: string }[];
  qris?: string;
}

export interface DocCommon {
  isp: IspHeader;
  timeZone: string;
  language: DocLanguage;
  /** When the document was produced (ISO instant), printed in the footer. */
  printedAt: string;
}

export interface ReceiptLine {
  invoiceNumber: string;
  period: string;
  description: string | null;
  amount: number;
}

/** What every thermal receipt (a payment's or a refund's) shows above its own figures. */
export interface ReceiptHead extends DocCommon {
  cashier: string | null;
  customerCode: string;
  customerName: string;
  method: string;
  referenceNumber: string | null;
  voided: boolean;
  voidReason: string | null;
  copy: boolean;
}

export interface ReceiptDoc extends ReceiptHead {
  paymentNumber: string;
  paidAt: string;
  paymentDate: string;
  /** Money received (0 when paid from deposit). */
  amount: number;
  /** Cash handed over; null for non-cash. */
  tendered: number | null;
  change: number;
  /** Allocations to invoices (from money received and from deposit). */
  lines: ReceiptLine[];
  depositUsed: number;
  depositAdded: number;
  /** Unpaid total after this payment. */
  arrears: number;
  /** Deposit balance after this payment. */
  deposit: number;
}

/** A deposit paid back: the customer signs the cash copy. */
export interface RefundReceiptDoc extends ReceiptHead {
  refundNumber: string;
  refundedAt: string;
  amount: number;
  reason: string;
  /** The deposit just before and just after this refund. */
  depositBefore: number;
  depositAfter: number;
}

export interface InvoiceDoc extends DocCommon {
  invoiceNumber: string;
  period: string;
  invoiceDate: string;
  dueDate: string;
  status: string;
  amount: number;
  paidAmount: number;
  description: string | null;
  lines: { description: string; amount: number }[];
  /** Service period covered, calendar dates. */
  servicePeriod: { from: string; to: string } | null;
  customerCode: string;
  customerName: string;
  customerAddress: string | null;
  customerPhone: string | null;
  packageName: string | null;
  voidReason: string | null;
  payments: { paymentNumber: string; paymentDate: string; method: string; amount: number }[];
  /** Kode unik transfer instructions, when Settings turn it on and the bill is open. */
  transfer?: { sentence: string; banks: string[] } | null;
}

export interface ShiftReportDoc extends DocCommon {
  shiftId: number;
  cashier: string;
  openedAt: string;
  closedAt: string | null;
  status: string;
  openingCash: number;
  cashReceived: number;
  cashRefunded: number;
  /** Resellers' cash top-ups of the shift (not reversed). */
  cashTopUps: number;
  expectedCash: number | null;
  countedCash: number | null;
  variance: number | null;
  notes: string | null;
  byMethod: { method: string; count: number; amount: number }[];
  payments: {
    paymentNumber: string;
    paidAt: string;
    customerCode: string;
    customerName: string;
    method: string;
    amount: number;
    voided: boolean;
  }[];
  refunds: {
    refundNumber: string;
    refundedAt: string;
    customerCode: string;
    customerName: string;
    method: string;
    amount: number;
    voided: boolean;
  }[];
  topUps: {
    resellerCode: string;
    resellerName: string;
    at: string;
    method: string;
    amount: number;
    reversed: boolean;
  }[];
}
