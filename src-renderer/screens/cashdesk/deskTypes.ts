import type { InputOf, OutputOf } from '../../../src-shared/contract';
import type { SeatPrinted } from '../payments/seatPrint';

/** A customer as the cash desk finds it: arrears, open invoices, deposit, PPPoE usernames. */
export type DeskCustomer = OutputOf<'cashdesk.lookup'>['customers'][number];
export type PaymentMethod = InputOf<'payments.create'>['method'];
export type CreatedPayment = OutputOf<'payments.create'>;
/** On a desktop seat, also what its automatic print on the seat's printer said. */
export type ReceiptFile = OutputOf<'documents.receipt'> & SeatPrinted;

/** Field messages of the payment form, by the API's field names (`form` for the rest). */
export type DeskErrors = Record<string, string>;
