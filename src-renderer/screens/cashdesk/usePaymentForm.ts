import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/result';
import { fieldError, rupiahText, rupiahValue, translateApiMessage } from '../../components';
import { previewAllocation, sortOldestFirst } from './allocation';
import type { DeskCustomer, DeskErrors, PaymentMethod } from './deskTypes';

/** What a payment leaves to pay, before the deposit the cashier may use for it. */
function suggestedAmount(c: DeskCustomer, first: number | null, useDeposit: boolean, m: PaymentMethod) {
  const due = first !== null ? (c.openInvoices.find((i) => i.id === first)?.outstanding ?? 0) : c.totalOutstanding;
  if (m === 'deposit') return Math.min(c.deposit, due);
  return Math.max(due - (useDeposit ? Math.min(c.deposit, c.totalOutstanding) : 0), 0);
}

const needsReference = (m: PaymentMethod) => m !== 'cash' && m !== 'deposit';

/**
 * The payment form of the cash desk for the selected customer: method, amount (pre-filled with what is
 * due), cash tendered, reference, the invoice to pay first and whether the deposit is used; the figures
 * it implies (change, allocation preview, what goes to the deposit) and its field messages.
 */
export function usePaymentForm(customer: DeskCustomer | null) {
  const { t } = useTranslation('billing');
  const [firstInvoice, setFirstInvoiceRaw] = useState<number | null>(null);
  const [useDeposit, setUseDepositRaw] = useState(false);
  const [method, setMethodRaw] = useState<PaymentMethod>('cash');
  const [amount, setAmountText] = useState('');
  const [tendered, setTenderedText] = useState('');
  const [reference, setReferenceText] = useState('');
  const [errors, setErrors] = useState<DeskErrors>({});

  /** A field's message goes as soon as the field changes (it was about the old text). */
  const clearError = (field: string) =>
    setErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _gone, ...rest } = e;
      return rest;
    });

  const refill = (c: DeskCustomer, first: number | null, useDep: boolean, m: PaymentMethod) => {
    const s = suggestedAmount(c, first, useDep, m);
    setAmountText(s > 0 ? rupiahText(s) : '');
    clearError('amount');
  };

  const invoices = useMemo(() => sortOldestFirst(customer?.openInvoices ?? []), [customer]);
  const depositApplied =
    customer && useDeposit && method !== 'deposit' ? Math.min(customer.deposit, customer.totalOutstanding) : 0;
  // Only what the strict parser accepts counts: a typo shows its message and previews nothing.
  const amountNum = rupiahValue(amount) ?? 0;
  const tenderedNum = rupiahValue(tendered) ?? 0;
  const change = method === 'cash' && tenderedNum > 0 ? tenderedNum - amountNum : 0;
  const preview = useMemo(
    () => previewAllocation(invoices, amountNum + depositApplied, firstInvoice),
    [invoices, amountNum, depositApplied, firstInvoice],
  );
  const toDeposit =
    customer && method !== 'deposit' ? Math.max(amountNum + depositApplied - customer.totalOutstanding, 0) : 0;

  return {
    firstInvoice,
    useDeposit,
    method,
    amount,
    tendered,
    reference,
    errors,
    invoices,
    depositApplied,
    amountNum,
    tenderedNum,
    change,
    preview,
    toDeposit,
    /** A fresh form for a newly selected customer, pre-filled with all that is due. */
    startFor(c: DeskCustomer) {
      setFirstInvoiceRaw(null);
      setUseDepositRaw(false);
      setMethodRaw('cash');
      setReferenceText('');
      setTenderedText('');
      setErrors({});
      refill(c, null, false, 'cash');
    },
    /** Empties the form (the desk is cleared for the next customer). */
    clear() {
      setErrors({});
      setAmountText('');
      setTenderedText('');
      setReferenceText('');
    },
    setFirstInvoice(c: DeskCustomer, first: number | null) {
      setFirstInvoiceRaw(first);
      refill(c, first, useDeposit, method);
    },
    setMethod(c: DeskCustomer, m: PaymentMethod) {
      setMethodRaw(m);
      if (m === 'deposit') setUseDepositRaw(false);
      refill(c, firstInvoice, m === 'deposit' ? false : useDeposit, m);
    },
    setUseDeposit(c: DeskCustomer, v: boolean) {
      setUseDepositRaw(v);
      refill(c, firstInvoice, v, method);
    },
    setAmount(text: string) {
      setAmountText(text);
      clearError('amount');
      clearError('tendered');
    },
    setTendered(text: string) {
      setTenderedText(text);
      clearError('tendered');
    },
    setReference(text: string) {
      setReferenceText(text);
      clearError('referenceNumber');
    },
    clearErrors: () => setErrors({}),
    /** Checks the form; shows and returns false when something is wrong. */
    validate(): boolean {
      const errs: DeskErrors = {};
      const amountError = amount.trim() ? fieldError('rupiah', amount) : null;
      if (amountError) errs.amount = amountError;
      else if (amountNum <= 0) errs.amount = t('desk.amountRequired');
      const tenderedError = fieldError('rupiah', tendered, { required: false });
      if (needsReference(method) && !reference.trim()) errs.referenceNumber = t('desk.referenceRequired');
      if (method === 'cash' && tenderedError) errs.tendered = tenderedError;
      else if (method === 'cash' && tenderedNum > 0 && tenderedNum < amountNum)
        errs.tendered = t('desk.tenderedTooLow');
      setErrors(errs);
      return !Object.keys(errs).length;
    },
    /** The `payments.create` input the form means. */
    input(customerId: number, confirmed: boolean): InputOf<'payments.create'> {
      return {
        customerId,
        amount: amountNum,
        method,
        ...(firstInvoice !== null ? { invoiceId: firstInvoice } : {}),
        ...(needsReference(method) ? { referenceNumber: reference.trim() } : {}),
        ...(method === 'cash' && tenderedNum > 0 ? { tendered: tenderedNum } : {}),
        ...(useDeposit && method !== 'deposit' ? { useDeposit: true } : {}),
        ...(confirmed ? { confirmLarge: true } : {}),
      };
    },
    /** The server's messages under their fields; the rest in the form's alert. */
    showServerError(error: ApiError) {
      const errs: DeskErrors = {};
      for (const i of error.issues ?? []) errs[i.path] = translateApiMessage(i.message);
      if (!Object.keys(errs).length) errs.form = translateApiMessage(error.message);
      setErrors(errs);
    },
  };
}

export type PaymentForm = ReturnType<typeof usePaymentForm>;
