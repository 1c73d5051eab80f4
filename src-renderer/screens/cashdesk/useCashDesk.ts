import { useWindowEvent } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useMoneyRequest } from '../../api/useMoneyRequest';
import { useFormat } from '../../lib/format';
import { isDesktop, storedPrinter } from '../payments/pdf';
import { autoPrintReceiptOnSeat } from '../payments/seatPrint';
import type { CreatedPayment, DeskCustomer, ReceiptFile } from './deskTypes';
import { useDeskSearch } from './useDeskSearch';
import { usePaymentForm } from './usePaymentForm';

export interface DeskDone {
  payment: CreatedPayment;
  receipt: ReceiptFile | null;
  receiptError: string | null;
}

const dialogOpen = () => !!document.querySelector('[role="dialog"]');
const focusLater = (el: () => HTMLElement | null | undefined) => requestAnimationFrame(() => el()?.focus());

/**
 * Everything the Kasir screen knows and does: the cashier's shift, the customer search, the selected
 * customer, the payment form, taking the payment and its receipt, and the keyboard flow between them
 * (focus in the search box, Enter picks, the amount is focused, Enter pays, Esc clears the desk).
 */
export function useCashDesk() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const searchRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const focusAmount = useRef(false); // set by select(); the effect below focuses once the amount is mounted

  // ---- shift: the dialog opens by itself the first time the cashier has none
  const shiftQ = useApiQuery('shifts.current', {}, { entities: ['shifts', 'payments', 'refunds'] });
  const shift = shiftQ.data ?? null;
  const [shiftDialogChoice, setShiftDialog] = useState<boolean | null>(null);
  const shiftDialog = shiftDialogChoice ?? (shiftQ.data === null && !shiftQ.loading);

  // ---- selected customer, payment form, result
  const [customer, setCustomer] = useState<DeskCustomer | null>(null);
  const form = usePaymentForm(customer);
  const [confirmLarge, setConfirmLarge] = useState<string | null>(null);
  const [done, setDone] = useState<DeskDone | null>(null);
  const reloadCustomer = async (id: number) => {
    const r = await api('cashdesk.lookup', { customerId: id, limit: 1 });
    if (r.ok && r.value.customers[0]) setCustomer(r.value.customers[0]);
  };

  // One client request id per submission: a resend after a lost answer never takes the payment twice.
  const paying = useMoneyRequest('payments.create', {
    refused(error) {
      if (error.issues?.some((i) => i.path === 'confirmLarge'))
        setConfirmLarge(t('desk.largeMessage', { amount: f.rupiah(form.amountNum) }));
      else form.showServerError(error);
    },
    async done(payment) {
      // Fresh arrears and deposit first, so the result never shows the figures from before the payment.
      await reloadCustomer(payment.customerId);
      setDone({ payment, receipt: null, receiptError: null });
      // The receipt: printed straight to the chosen printer in the desktop app (or a desktop seat's own
      // printer), otherwise a PDF to print.
      const printer = isDesktop() ? (storedPrinter('receipt') ?? undefined) : undefined;
      const doc = await api('documents.receipt', { paymentId: payment.id, ...(printer ? { printer } : {}) });
      const receipt = doc.ok ? await autoPrintReceiptOnSeat(t, doc.value) : null;
      setDone({ payment, receipt, receiptError: doc.ok ? null : doc.error.message });
    },
  });
  const submitting = paying.sending;
  const search = useDeskSearch(select);

  function select(c: DeskCustomer) {
    setCustomer(c);
    setDone(null);
    paying.dismiss();
    form.startFor(c);
    search.clearResults();
    search.setQuery(`${c.customerCode} · ${c.name}`);
    focusAmount.current = true;
  }

  // Focus the amount after the render that mounts it. A selection made from a search answer (fast typist)
  // renders later than a requestAnimationFrame would fire, so the focus waits for the commit instead.
  useEffect(() => {
    if (focusAmount.current && amountRef.current) {
      focusAmount.current = false;
      amountRef.current.focus();
      amountRef.current.select();
    }
  });

  const reset = () => {
    paying.dismiss();
    search.pickWhenFound(null);
    setCustomer(null);
    search.setQuery('');
    search.clearResults();
    setDone(null);
    form.clear();
    focusLater(() => searchRef.current);
  };

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  useWindowEvent('keydown', (e) => {
    if (e.key === 'Escape' && !dialogOpen() && (customer || search.query || done)) {
      e.preventDefault();
      reset();
    }
  });

  const submit = async (confirmed = false) => {
    if (!customer || submitting) return;
    if (!form.validate()) return;
    await paying.send(form.input(customer.id, confirmed));
  };

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const { results, highlight } = search;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      search.setHighlight((h) => Math.min(h + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      search.setHighlight((h) => Math.max(h - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = search.query.trim();
      const c = results[highlight];
      if (c && typed === search.debounced && !search.searching) select(c);
      else if (customer) amountRef.current?.focus();
      else if (typed) search.pickWhenFound(typed);
    }
  };

  /** Typing in the search box starts over: the selected customer and the last result go. */
  const onSearchChange = (text: string) => {
    search.setQuery(text);
    if (customer) setCustomer(null);
    setDone(null);
  };

  const onFieldKey = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  return {
    refs: { search: searchRef, amount: amountRef },
    shift,
    shiftLoading: shiftQ.loading,
    shiftDialog,
    openShiftDialog: () => setShiftDialog(true),
    closeShiftDialog() {
      setShiftDialog(false);
      focusLater(() => searchRef.current);
    },
    shiftOpened() {
      setShiftDialog(false);
      shiftQ.refetch();
      form.clearErrors();
      focusLater(() => (customer ? amountRef.current : searchRef.current));
    },
    search,
    onSearchKey,
    onSearchChange,
    customer,
    select,
    reset,
    reloadCustomer,
    form,
    onFieldKey,
    submit,
    submitting,
    /** The last payment got no answer: "Kirim ulang" sends it again with the same request id. */
    unknownOutcome: paying.unknown,
    resend: () => void paying.resend(),
    done,
    confirmLarge,
    cancelLarge() {
      setConfirmLarge(null);
      focusLater(() => amountRef.current);
    },
    async confirmLargeAndPay() {
      setConfirmLarge(null);
      await submit(true);
    },
  };
}

export type CashDesk = ReturnType<typeof useCashDesk>;
