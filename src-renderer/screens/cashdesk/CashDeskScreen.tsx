import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  Loader,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useWindowEvent } from '@mantine/hooks';
import { IconAlertTriangle, IconCash, IconCircleCheck, IconSearch, IconUser } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { z } from 'zod';
import type { billingContract, PaymentMethod } from '../../../src-shared/contract/billing';
import type { documentsContract } from '../../../src-shared/contract/documents';
import type { ApiError } from '../../../src-shared/result';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  fieldError,
  MoneyInput,
  MoneyText,
  PageHeader,
  rupiahText,
  rupiahValue,
  StatusBadge,
  translateApiMessage,
} from '../../components';
import { useFormat } from '../../lib/format';
import { PdfFileButtons, PrinterSelect } from '../payments/DocumentButtons';
import { isDesktop, storedPrinter } from '../payments/pdf';
import { previewAllocation, sortOldestFirst } from './allocation';
import { OpenShiftDialog } from './OpenShiftDialog';
import { RefundButton } from './RefundButton';

type B = typeof billingContract;
type DeskCustomer = z.output<B['cashdesk.lookup']['output']>['customers'][number];
type Created = z.output<B['payments.create']['output']>;
type ReceiptFile = z.output<(typeof documentsContract)['documents.receipt']['output']>;

const METHODS: PaymentMethod[] = ['cash', 'bank_transfer', 'e_wallet', 'credit_card'];
const dialogOpen = () => !!document.querySelector('[role="dialog"]');

/**
 * Kasir: search → select → amount → Enter. Keyboard first: focus starts in the search box, arrows and
 * Enter pick a customer, the amount is focused and pre-filled with what is due, Enter takes the
 * payment, the receipt is ready to print (Enter), Esc clears the desk for the next customer.
 */
export default function CashDeskScreen() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const searchRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const focusAmount = useRef(false); // set by select(); the effect below focuses once the amount is mounted

  // ---- shift
  const shiftQ = useApiQuery('shifts.current', {}, { entities: ['shifts', 'payments', 'refunds'] });
  const shift = shiftQ.data ?? null;
  const [shiftDialog, setShiftDialog] = useState(false);
  const askedShift = useRef(false);
  useEffect(() => {
    if (!askedShift.current && shiftQ.data === null && !shiftQ.loading) {
      askedShift.current = true;
      setShiftDialog(true);
    }
  }, [shiftQ.data, shiftQ.loading]);

  // ---- search
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const [results, setResults] = useState<DeskCustomer[]>([]);
  const [searching, setSearching] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const seq = useRef(0);
  const enterPending = useRef<string | null>(null);
  useEffect(() => {
    const mine = ++seq.current;
    if (!debounced) {
      setResults([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    void api('cashdesk.lookup', { query: debounced, limit: 8 }).then((r) => {
      if (mine !== seq.current) return;
      setSearching(false);
      const found = r.ok ? r.value.customers : [];
      setResults(found);
      setHighlight(0);
      // Enter pressed before the matches arrived: a fast typist means "take the first one".
      if (enterPending.current === debounced && found[0]) {
        enterPending.current = null;
        select(found[0]);
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  // ---- selected customer and payment form
  const [customer, setCustomer] = useState<DeskCustomer | null>(null);
  const [firstInvoice, setFirstInvoice] = useState<number | null>(null);
  const [useDeposit, setUseDeposit] = useState(false);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmountText] = useState('');
  const [tendered, setTenderedText] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [confirmLarge, setConfirmLarge] = useState<string | null>(null);
  const [done, setDone] = useState<{
    payment: Created;
    receipt: ReceiptFile | null;
    receiptError: string | null;
  } | null>(null);

  const invoices = useMemo(() => sortOldestFirst(customer?.openInvoices ?? []), [customer]);
  const depositApplied =
    customer && useDeposit && method !== 'deposit' ? Math.min(customer.deposit, customer.totalOutstanding) : 0;

  const suggestedAmount = useCallback((c: DeskCustomer, first: number | null, useDep: boolean, m: PaymentMethod) => {
    const due = first !== null ? (c.openInvoices.find((i) => i.id === first)?.outstanding ?? 0) : c.totalOutstanding;
    if (m === 'deposit') return Math.min(c.deposit, due);
    return Math.max(due - (useDep ? Math.min(c.deposit, c.totalOutstanding) : 0), 0);
  }, []);

  const refill = (c: DeskCustomer, first: number | null, useDep: boolean, m: PaymentMethod) => {
    const s = suggestedAmount(c, first, useDep, m);
    setAmountText(s > 0 ? rupiahText(s) : '');
    clearError('amount');
  };

  const select = (c: DeskCustomer) => {
    setCustomer(c);
    setFirstInvoice(null);
    setUseDeposit(false);
    setMethod('cash');
    setReference('');
    setTenderedText('');
    setErrors({});
    setDone(null);
    refill(c, null, false, 'cash');
    setResults([]);
    setQuery(`${c.customerCode} · ${c.name}`);
    focusAmount.current = true;
  };

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
    enterPending.current = null;
    setCustomer(null);
    setQuery('');
    setResults([]);
    setDone(null);
    setErrors({});
    setAmountText('');
    setTenderedText('');
    setReference('');
    requestAnimationFrame(() => searchRef.current?.focus());
  };

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  useWindowEvent('keydown', (e) => {
    if (e.key === 'Escape' && !dialogOpen() && (customer || query || done)) {
      e.preventDefault();
      reset();
    }
  });

  const reloadCustomer = async (id: number) => {
    const r = await api('cashdesk.lookup', { customerId: id, limit: 1 });
    if (r.ok && r.value.customers[0]) setCustomer(r.value.customers[0]);
  };

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

  const submit = async (confirmed = false) => {
    if (!customer || submitting) return;
    const errs: Record<string, string> = {};
    const amountError = amount.trim() ? fieldError('rupiah', amount) : null;
    if (amountError) errs.amount = amountError;
    else if (amountNum <= 0) errs.amount = t('desk.amountRequired');
    const tenderedError = fieldError('rupiah', tendered, { required: false });
    if (method !== 'cash' && method !== 'deposit' && !reference.trim())
      errs.referenceNumber = t('desk.referenceRequired');
    if (method === 'cash' && tenderedError) errs.tendered = tenderedError;
    else if (method === 'cash' && tenderedNum > 0 && tenderedNum < amountNum) errs.tendered = t('desk.tenderedTooLow');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setSubmitting(true);
    const r = await api('payments.create', {
      customerId: customer.id,
      amount: amountNum,
      method,
      ...(firstInvoice !== null ? { invoiceId: firstInvoice } : {}),
      ...(method !== 'cash' && method !== 'deposit' ? { referenceNumber: reference.trim() } : {}),
      ...(method === 'cash' && tenderedNum > 0 ? { tendered: tenderedNum } : {}),
      ...(useDeposit && method !== 'deposit' ? { useDeposit: true } : {}),
      ...(confirmed ? { confirmLarge: true } : {}),
    });
    setSubmitting(false);
    if (!r.ok) return void showError(r.error);
    const payment = r.value;
    // Fresh arrears and deposit first, so the result never shows the figures from before the payment.
    await reloadCustomer(customer.id);
    setDone({ payment, receipt: null, receiptError: null });
    // The receipt: printed straight to the chosen printer in the desktop app, otherwise a PDF to print.
    const printer = isDesktop() ? (storedPrinter('receipt') ?? undefined) : undefined;
    const doc = await api('documents.receipt', { paymentId: payment.id, ...(printer ? { printer } : {}) });
    setDone({ payment, receipt: doc.ok ? doc.value : null, receiptError: doc.ok ? null : doc.error.message });
  };

  /** A field's message goes as soon as the field changes (it was about the old text). */
  const clearError = (field: string) =>
    setErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
  const setAmount = (text: string) => {
    setAmountText(text);
    clearError('amount');
    clearError('tendered');
  };
  const setTendered = (text: string) => {
    setTenderedText(text);
    clearError('tendered');
  };

  const showError = (error: ApiError) => {
    if (error.issues?.some((i) => i.path === 'confirmLarge')) {
      setConfirmLarge(t('desk.largeMessage', { amount: f.rupiah(amountNum) }));
      return;
    }
    const errs: Record<string, string> = {};
    for (const i of error.issues ?? []) errs[i.path] = translateApiMessage(i.message);
    if (!Object.keys(errs).length) errs.form = translateApiMessage(error.message);
    setErrors(errs);
  };

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setHighlight((h) => Math.min(h + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = query.trim();
      const c = results[highlight];
      if (c && typed === debounced && !searching) select(c);
      else if (customer) amountRef.current?.focus();
      else if (typed) enterPending.current = typed;
    }
  };

  const onFieldKey = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('desk.title')}
        subtitle={
          <Group gap={6} component="span">
            <Kbd size="xs">↑</Kbd>
            <Kbd size="xs">↓</Kbd>
            <Kbd size="xs">Enter</Kbd>
            <Text span size="sm" c="dimmed">
              {t('desk.keysHelp')}
            </Text>
            <Kbd size="xs">Esc</Kbd>
            <Text span size="sm" c="dimmed">
              {t('desk.escHelp')}
            </Text>
          </Group>
        }
        actions={<PrinterSelect kind="receipt" />}
      />

      <Paper withBorder radius="md" p="sm" data-testid="shift-bar">
        {shift ? (
          <Group justify="space-between">
            <Group gap="lg">
              <Badge color="teal" variant="light">
                {t('shift.openBadge', { id: shift.id })}
              </Badge>
              <Text size="sm">
                {t('shift.since', { at: f.dateTime(shift.openedAt) })} · {t('shift.openingCash')}:{' '}
                <MoneyText amount={shift.openingCash} /> · {t('shift.expectedCash')}:{' '}
                <MoneyText amount={shift.expectedCash} fw={600} /> ·{' '}
                {t('shift.payments', { count: shift.paymentsCount })}
              </Text>
            </Group>
            <Button component={Link} href="~/shifts" size="xs" variant="default">
              {t('shift.closeGo')}
            </Button>
          </Group>
        ) : (
          <Group justify="space-between">
            <Group gap="xs">
              <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" />
              <Text size="sm">{shiftQ.loading ? t('common:loading') : t('shift.none')}</Text>
            </Group>
            {can('shifts.use') && (
              <Button size="xs" onClick={() => setShiftDialog(true)} data-testid="open-shift">
                {t('shift.open')}
              </Button>
            )}
          </Group>
        )}
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Box pos="relative">
              <TextInput
                ref={searchRef}
                size="lg"
                leftSection={searching ? <Loader size={16} /> : <IconSearch size={18} />}
                placeholder={t('desk.searchPlaceholder')}
                aria-label={t('desk.search')}
                data-testid="desk-search"
                value={query}
                onChange={(e) => {
                  setQuery(e.currentTarget.value);
                  if (customer) setCustomer(null);
                  setDone(null);
                }}
                onKeyDown={onSearchKey}
                autoComplete="off"
              />
              {results.length > 0 && (
                <Paper
                  withBorder
                  shadow="md"
                  radius="md"
                  mt={4}
                  role="listbox"
                  aria-label={t('desk.results')}
                  data-testid="desk-results"
                >
                  {results.map((c, i) => (
                    <UnstyledButton
                      key={c.id}
                      role="option"
                      aria-selected={i === highlight}
                      onMouseEnter={() => setHighlight(i)}
                      onClick={() => select(c)}
                      w="100%"
                      p="sm"
                      bg={i === highlight ? 'var(--mantine-color-blue-light)' : undefined}
                      data-testid="desk-result"
                    >
                      <Group justify="space-between" wrap="nowrap">
                        <Box>
                          <Text fw={600}>
                            {c.name}{' '}
                            <Text span c="dimmed" size="sm">
                              {c.customerCode}
                            </Text>
                          </Text>
                          <Text size="xs" c="dimmed">
                            {[c.phone, c.pppoeUsernames.join(', ')].filter(Boolean).join(' · ')}
                          </Text>
                        </Box>
                        <Stack gap={2} align="flex-end">
                          {c.totalOutstanding > 0 ? (
                            <MoneyText amount={c.totalOutstanding} c="red" fw={600} size="sm" />
                          ) : (
                            <Text size="xs" c="teal">
                              {t('desk.noArrears')}
                            </Text>
                          )}
                          {c.isolated && <StatusBadge status="isolated" size="xs" />}
                        </Stack>
                      </Group>
                    </UnstyledButton>
                  ))}
                </Paper>
              )}
              {debounced && !searching && results.length === 0 && !customer && (
                <Text size="sm" c="dimmed" mt="xs">
                  {t('desk.noMatch')}
                </Text>
              )}
            </Box>

            {customer && (
              <Paper withBorder radius="md" p="md" data-testid="desk-customer">
                <Group gap="sm" align="flex-start" wrap="nowrap">
                  <IconUser size={28} />
                  <Stack gap={2} style={{ flex: 1 }}>
                    <Group gap="xs">
                      <Title order={4}>{customer.name}</Title>
                      <Text c="dimmed">{customer.customerCode}</Text>
                      {customer.isolated && <StatusBadge status="isolated" />}
                      {customer.status !== 'active' && <StatusBadge status={customer.status} />}
                    </Group>
                    {customer.phone && <Text size="sm">{customer.phone}</Text>}
                    {customer.address && (
                      <Text size="sm" c="dimmed">
                        {customer.address}
                      </Text>
                    )}
                    {customer.pppoeUsernames.length > 0 && (
                      <Text size="sm">PPPoE: {customer.pppoeUsernames.join(', ')}</Text>
                    )}
                  </Stack>
                </Group>
                <Group grow mt="md">
                  <Paper bg="var(--mantine-color-red-light)" p="xs" radius="sm">
                    <Text size="xs" c="dimmed">
                      {t('desk.totalDue')}
                    </Text>
                    <MoneyText amount={customer.totalOutstanding} fw={700} size="lg" data-testid="desk-total-due" />
                  </Paper>
                  <Paper bg="var(--mantine-color-teal-light)" p="xs" radius="sm">
                    <Text size="xs" c="dimmed">
                      {t('desk.deposit')}
                    </Text>
                    <MoneyText amount={customer.deposit} fw={700} size="lg" data-testid="desk-deposit" />
                  </Paper>
                </Group>
                <Group justify="flex-end" mt="xs">
                  <RefundButton customer={customer} onDone={() => void reloadCustomer(customer.id)} />
                </Group>
              </Paper>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 7 }}>
          {!customer && !done && (
            <Paper withBorder radius="md" p="xl">
              <Stack align="center" gap="xs">
                <IconCash size={40} stroke={1.4} />
                <Text c="dimmed">{t('desk.start')}</Text>
              </Stack>
            </Paper>
          )}

          {customer && !done && (
            <Stack gap="md">
              <Paper withBorder radius="md" p="md">
                <Group justify="space-between" mb="xs">
                  <Text fw={600}>{t('desk.openInvoices')}</Text>
                  <Text size="xs" c="dimmed">
                    {t('desk.allocationHelp')}
                  </Text>
                </Group>
                {invoices.length === 0 ? (
                  <Text size="sm" c="dimmed" data-testid="desk-no-invoices">
                    {t('desk.noOpenInvoices')}
                  </Text>
                ) : (
                  <Radio.Group
                    value={firstInvoice === null ? 'auto' : String(firstInvoice)}
                    onChange={(v) => {
                      const first = v === 'auto' ? null : Number(v);
                      setFirstInvoice(first);
                      refill(customer, first, useDeposit, method);
                    }}
                  >
                    <Table verticalSpacing={6} data-testid="desk-invoices">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={36} />
                          <Table.Th>{t('invoice.number')}</Table.Th>
                          <Table.Th>{t('invoice.period')}</Table.Th>
                          <Table.Th>{t('invoice.dueDate')}</Table.Th>
                          <Table.Th ta="right">{t('invoice.outstanding')}</Table.Th>
                          <Table.Th ta="right">{t('desk.willPay')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        <Table.Tr>
                          <Table.Td>
                            <Radio value="auto" aria-label={t('desk.auto')} tabIndex={-1} />
                          </Table.Td>
                          <Table.Td colSpan={5}>
                            <Text size="sm" c="dimmed">
                              {t('desk.auto')}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                        {invoices.map((inv) => (
                          <Table.Tr key={inv.id} data-testid="desk-invoice-row">
                            <Table.Td>
                              <Radio value={String(inv.id)} aria-label={inv.invoiceNumber} tabIndex={-1} />
                            </Table.Td>
                            <Table.Td>
                              <Group gap={6}>
                                <Text size="sm">{inv.invoiceNumber}</Text>
                                <StatusBadge status={inv.status} size="xs" />
                              </Group>
                            </Table.Td>
                            <Table.Td>{inv.period}</Table.Td>
                            <Table.Td>{f.date(inv.dueDate)}</Table.Td>
                            <Table.Td ta="right">
                              <MoneyText amount={inv.outstanding} />
                            </Table.Td>
                            <Table.Td ta="right">
                              <MoneyText
                                amount={preview.get(inv.id) ?? 0}
                                c={(preview.get(inv.id) ?? 0) > 0 ? 'teal' : 'dimmed'}
                              />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Radio.Group>
                )}
              </Paper>

              <Paper withBorder radius="md" p="md">
                <Stack gap="sm">
                  <SegmentedControl
                    value={method}
                    onChange={(v) => {
                      const m = v as PaymentMethod;
                      setMethod(m);
                      if (m === 'deposit') setUseDeposit(false);
                      refill(customer, firstInvoice, m === 'deposit' ? false : useDeposit, m);
                    }}
                    data={[
                      ...METHODS,
                      ...(customer.deposit > 0 && customer.totalOutstanding > 0 ? (['deposit'] as const) : []),
                    ].map((m) => ({
                      value: m,
                      label: t(`method.${m}`),
                    }))}
                    aria-label={t('payment.method')}
                    data-testid="desk-method"
                  />
                  {customer.deposit > 0 && customer.totalOutstanding > 0 && method !== 'deposit' && (
                    <Checkbox
                      label={t('desk.useDeposit', {
                        amount: f.rupiah(Math.min(customer.deposit, customer.totalOutstanding)),
                      })}
                      checked={useDeposit}
                      onChange={(e) => {
                        const v = e.currentTarget.checked;
                        setUseDeposit(v);
                        refill(customer, firstInvoice, v, method);
                      }}
                    />
                  )}
                  <Group grow align="flex-start">
                    <MoneyInput
                      ref={amountRef}
                      size="lg"
                      label={method === 'deposit' ? t('desk.amountFromDeposit') : t('desk.amount')}
                      value={amount}
                      onChange={setAmount}
                      onKeyDown={onFieldKey}
                      error={errors.amount}
                      data-testid="desk-amount"
                    />
                    {method === 'cash' && (
                      <MoneyInput
                        size="lg"
                        label={t('desk.tendered')}
                        value={tendered}
                        onChange={setTendered}
                        onKeyDown={onFieldKey}
                        error={errors.tendered}
                        data-testid="desk-tendered"
                      />
                    )}
                    {method !== 'cash' && method !== 'deposit' && (
                      <TextInput
                        size="lg"
                        label={t('payment.reference')}
                        value={reference}
                        onChange={(e) => {
                          setReference(e.currentTarget.value);
                          clearError('referenceNumber');
                        }}
                        onKeyDown={onFieldKey}
                        error={errors.referenceNumber}
                        withAsterisk
                        data-testid="desk-reference"
                      />
                    )}
                  </Group>
                  <Group justify="space-between">
                    <Stack gap={0}>
                      {method === 'cash' && tenderedNum > 0 && (
                        <Text size="xl" fw={700} c={change < 0 ? 'red' : undefined} data-testid="desk-change">
                          {t('desk.change')}: <MoneyText amount={change} inherit />
                        </Text>
                      )}
                      {depositApplied > 0 && (
                        <Text size="sm">{t('desk.depositApplied', { amount: f.rupiah(depositApplied) })}</Text>
                      )}
                      {toDeposit > 0 && (
                        <Text size="sm" c="teal">
                          {t('desk.toDeposit', { amount: f.rupiah(toDeposit) })}
                        </Text>
                      )}
                    </Stack>
                    <Button
                      size="lg"
                      onClick={() => void submit()}
                      loading={submitting}
                      data-testid="desk-confirm"
                      disabled={!can('payments.create')}
                    >
                      {t('desk.confirm')}{' '}
                      <Kbd ml="xs" size="xs">
                        Enter
                      </Kbd>
                    </Button>
                  </Group>
                  {(errors.form || errors.customerId || errors.invoiceId || errors.useDeposit || errors.method) && (
                    <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="desk-error">
                      {errors.form ?? errors.customerId ?? errors.invoiceId ?? errors.useDeposit ?? errors.method}
                      {!shift && method === 'cash' && (
                        <Button size="xs" variant="light" ml="sm" onClick={() => setShiftDialog(true)}>
                          {t('shift.open')}
                        </Button>
                      )}
                    </Alert>
                  )}
                </Stack>
              </Paper>
            </Stack>
          )}

          {done && (
            <Paper withBorder radius="md" p="lg" data-testid="desk-done">
              <Stack gap="sm">
                <Group gap="xs">
                  <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" />
                  <Title order={3}>{t('desk.paid', { number: done.payment.paymentNumber })}</Title>
                </Group>
                <Group gap="xl">
                  <Box>
                    <Text size="xs" c="dimmed">
                      {t('desk.received')}
                    </Text>
                    <MoneyText amount={done.payment.amount} size="xl" fw={700} />
                  </Box>
                  {done.payment.tendered !== null && (
                    <Box>
                      <Text size="xs" c="dimmed">
                        {t('desk.change')}
                      </Text>
                      <MoneyText
                        amount={done.payment.change}
                        size="xl"
                        fw={700}
                        c="blue"
                        data-testid="desk-done-change"
                      />
                    </Box>
                  )}
                  <Box>
                    <Text size="xs" c="dimmed">
                      {t('desk.remaining')}
                    </Text>
                    <MoneyText
                      amount={customer?.totalOutstanding ?? 0}
                      size="xl"
                      fw={700}
                      data-testid="desk-remaining"
                    />
                  </Box>
                  <Box>
                    <Text size="xs" c="dimmed">
                      {t('desk.deposit')}
                    </Text>
                    <MoneyText amount={done.payment.customerDeposit} size="xl" fw={700} />
                  </Box>
                </Group>
                {done.payment.restoredAccounts > 0 && (
                  <Alert color="teal">{t('desk.restored', { count: done.payment.restoredAccounts })}</Alert>
                )}
                {done.receipt ? (
                  <Group justify="space-between">
                    {done.receipt.printed ? (
                      <Text size="sm" c="teal">
                        {t('doc.sentToPrinter', { printer: storedPrinter('receipt') })}
                      </Text>
                    ) : done.receipt.printError ? (
                      <Text size="sm" c="red" data-testid="desk-print-error">
                        {translateApiMessage(done.receipt.printError)}
                      </Text>
                    ) : (
                      <Text size="sm">{t('desk.receiptReady')}</Text>
                    )}
                    <PdfFileButtons file={done.receipt} autoFocus />
                  </Group>
                ) : done.receiptError ? (
                  <Alert color="orange">{translateApiMessage(done.receiptError)}</Alert>
                ) : (
                  <Group gap="xs">
                    <Loader size="xs" />
                    <Text size="sm">{t('desk.receiptMaking')}</Text>
                  </Group>
                )}
                <Group>
                  <Button variant="default" onClick={reset} data-testid="desk-next">
                    {t('desk.next')}{' '}
                    <Kbd ml="xs" size="xs">
                      Esc
                    </Kbd>
                  </Button>
                  {customer && customer.totalOutstanding > 0 && (
                    <Button variant="subtle" onClick={() => select(customer)} data-testid="desk-pay-more">
                      {t('desk.payMore')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Paper>
          )}
        </Grid.Col>
      </Grid>

      <OpenShiftDialog
        opened={shiftDialog}
        onClose={() => {
          setShiftDialog(false);
          requestAnimationFrame(() => searchRef.current?.focus());
        }}
        onOpened={() => {
          setShiftDialog(false);
          shiftQ.refetch();
          setErrors({});
          requestAnimationFrame(() => (customer ? amountRef.current : searchRef.current)?.focus());
        }}
      />
      <ConfirmDialog
        opened={confirmLarge !== null}
        danger={false}
        title={t('desk.largeTitle')}
        message={confirmLarge ?? ''}
        confirmLabel={t('desk.largeConfirm')}
        onCancel={() => {
          setConfirmLarge(null);
          requestAnimationFrame(() => amountRef.current?.focus());
        }}
        onConfirm={async () => {
          setConfirmLarge(null);
          await submit(true);
        }}
      />
    </Stack>
  );
}
