import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconReceiptRefund } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { REFUND_METHODS } from '../../../src-shared/contract/refunds';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useMoneyRequest } from '../../api/useMoneyRequest';
import { useCan } from '../../app/session';
import {
  applyApiError,
  MoneyInput,
  MoneyText,
  ReplayedNote,
  rupiahRule,
  rupiahValue,
  translateApiMessage,
  contentTestId,
  UnknownOutcome,
} from '../../components';
import { formatRupiah } from '../../lib/format';
import { PdfFileButtons } from '../payments/DocumentButtons';
import { isDesktop, storedPrinter } from '../payments/pdf';
import { notifySeatPrint, printOnSeat, seatPrinter } from '../payments/seatPrint';

type Method = (typeof REFUND_METHODS)[number];
type Refunded = OutputOf<'refunds.create'>;
type ReceiptFile = OutputOf<'documents.refundReceipt'>;

interface Values {
  /** As typed; read by the strict rupiah parser. */
  amount: string;
  method: Method;
  referenceNumber: string;
  reason: string;
}

/**
 * "Kembalikan deposit" at the cash desk: pays a customer's deposit back, in cash from the cashier's
 * open drawer or by transfer with its reference, with a reason; then the PENGEMBALIAN DEPOSIT receipt.
 * The server refuses more than the deposit (or than the drawer holds) with a message on the amount.
 */
export function RefundButton({
  customer,
  onDone,
}: {
  customer: { id: number; name: string; customerCode: string; deposit: number };
  onDone: () => void;
}) {
  const { t } = useTranslation('billing');
  const can = useCan();
  const [opened, setOpened] = useState(false);
  const [done, setDone] = useState<{ refund: Refunded; receipt: ReceiptFile | null; error: string | null } | null>(
    null,
  );
  const shift = useApiQuery('shifts.current', {}, { enabled: opened, entities: ['shifts', 'payments', 'refunds'] });
  const form = useForm<Values>({
    initialValues: { amount: formatRupiah(customer.deposit), method: 'cash', referenceNumber: '', reason: '' },
    validate: {
      amount: rupiahRule({ min: 1 }),
      reason: (v) => (v.trim() ? null : t('refund.reasonRequired')),
      referenceNumber: (v, all) => (all.method !== 'cash' && !v.trim() ? t('desk.referenceRequired') : null),
    },
  });
  // One client request id per submission: a resend after a lost answer never pays the deposit out twice.
  const refunding = useMoneyRequest('refunds.create', {
    refused: (error) => applyApiError(form, error),
    async done(refund) {
      setDone({ refund, receipt: null, error: null });
      const printer = isDesktop() ? (storedPrinter('receipt') ?? undefined) : undefined;
      const doc = await api('documents.refundReceipt', { refundId: refund.id, ...(printer ? { printer } : {}) });
      setDone({ refund, receipt: doc.ok ? doc.value : null, error: doc.ok ? null : doc.error.message });
      // A desktop seat prints it on its own receipt printer, when it chose one (as the desktop app does).
      if (
        doc.ok &&
        (
          await seatPrinter()
            ?.choice()
            .catch(() => null)
        )?.receipt
      ) {
        const a = await printOnSeat('receipt', doc.value);
        if (a) notifySeatPrint(t, a, doc.value);
      }
    },
  });
  if (!can('deposits.refund') || (customer.deposit <= 0 && !opened)) return null;

  const open = () => {
    refunding.dismiss();
    form.setValues({ amount: formatRupiah(customer.deposit), method: 'cash', referenceNumber: '', reason: '' });
    form.clearErrors();
    setDone(null);
    setOpened(true);
  };
  const close = () => {
    refunding.dismiss();
    setOpened(false);
    if (done) onDone();
  };
  const submit = form.onSubmit((v) =>
    refunding.send({
      customerId: customer.id,
      amount: rupiahValue(v.amount)!,
      method: v.method,
      ...(v.method !== 'cash' ? { referenceNumber: v.referenceNumber.trim() } : {}),
      reason: v.reason.trim(),
    }),
  );
  const cashShort = form.values.method === 'cash' && shift.data === null;

  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="grape"
        leftSection={<IconReceiptRefund size={14} />}
        onClick={open}
        data-testid="desk-refund"
      >
        {t('refund.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        centered
        title={<Text fw={600}>{t('refund.title', { name: customer.name })}</Text>}
        attributes={contentTestId('refund-dialog')}
      >
        {done ? (
          <Stack gap="sm" data-testid="refund-done">
            <Group gap="xs">
              <IconCircleCheck size={24} color="var(--mantine-color-teal-6)" />
              <Text fw={600}>{t('refund.done', { number: done.refund.refundNumber })}</Text>
            </Group>
            {done.refund.replayed && <ReplayedNote />}
            <Group gap="xl">
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('refund.paidOut')}
                </Text>
                <MoneyText amount={done.refund.amount} fw={700} size="xl" />
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('refund.depositLeft')}
                </Text>
                <MoneyText amount={done.refund.customerDeposit} fw={700} size="xl" data-testid="refund-deposit-left" />
              </Stack>
            </Group>
            {done.receipt ? (
              <PdfFileButtons file={done.receipt} autoFocus />
            ) : done.error ? (
              <Alert color="orange">{translateApiMessage(done.error)}</Alert>
            ) : (
              <Text size="sm">{t('desk.receiptMaking')}</Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} data-testid="refund-close">
                {t('refund.close')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text size="sm">
                {t('refund.help')} <MoneyText amount={customer.deposit} fw={700} inherit />
              </Text>
              <SegmentedControl
                value={form.values.method}
                onChange={(v) => form.setFieldValue('method', v as Method)}
                data={REFUND_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
                aria-label={t('payment.method')}
                data-testid="refund-method"
              />
              <MoneyInput
                label={t('refund.amount')}
                withAsterisk
                data-autofocus
                data-testid="refund-amount"
                {...form.getInputProps('amount')}
              />
              {form.values.method === 'cash' ? (
                cashShort ? (
                  <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
                    {t('refund.noShift')}
                  </Alert>
                ) : (
                  shift.data && (
                    <Text size="sm" c="dimmed">
                      {t('refund.drawer')} <MoneyText amount={shift.data.expectedCash} inherit />
                    </Text>
                  )
                )
              ) : (
                <TextInput
                  label={t('payment.reference')}
                  withAsterisk
                  data-testid="refund-reference"
                  {...form.getInputProps('referenceNumber')}
                />
              )}
              <Textarea
                label={t('refund.reason')}
                placeholder={t('refund.reasonPlaceholder')}
                withAsterisk
                autosize
                minRows={2}
                data-testid="refund-reason"
                {...form.getInputProps('reason')}
              />
              {refunding.unknown && (
                <UnknownOutcome onResend={() => void refunding.resend()} resending={refunding.sending} />
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('common:cancel')}
                </Button>
                <Button
                  type="submit"
                  color="grape"
                  loading={refunding.sending}
                  disabled={cashShort}
                  data-testid="refund-submit"
                >
                  {t('refund.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
