import { Alert, Button, Checkbox, Group, Kbd, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { MoneyInput, MoneyText, UnknownOutcome } from '../../components';
import { useFormat } from '../../lib/format';
import type { DeskCustomer, PaymentMethod } from './deskTypes';
import type { PaymentForm } from './usePaymentForm';

const METHODS: PaymentMethod[] = ['cash', 'bank_transfer', 'e_wallet', 'credit_card'];

/** Method, amount, cash tendered or reference, the change, and the button (or Enter) that takes the payment. */
export function PaymentPanel({
  customer,
  form,
  amountRef,
  onFieldKey,
  onSubmit,
  submitting,
  hasShift,
  onOpenShift,
  unknownOutcome,
  onResend,
}: {
  customer: DeskCustomer;
  form: PaymentForm;
  amountRef: Ref<HTMLInputElement>;
  onFieldKey: (e: KeyboardEvent<HTMLElement>) => void;
  onSubmit: () => void;
  submitting: boolean;
  hasShift: boolean;
  onOpenShift: () => void;
  /** The last payment got no answer: its state is unknown until it is sent again. */
  unknownOutcome: boolean;
  onResend: () => void;
}) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const { method, errors, change, depositApplied, toDeposit, tenderedNum } = form;
  const canUseDeposit = customer.deposit > 0 && customer.totalOutstanding > 0;
  // Messages that belong to no field of this panel.
  const hasFormError = !!(errors.form || errors.customerId || errors.invoiceId || errors.useDeposit || errors.method);
  const formError = errors.form ?? errors.customerId ?? errors.invoiceId ?? errors.useDeposit ?? errors.method;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <SegmentedControl
          value={method}
          onChange={(v) => form.setMethod(customer, v as PaymentMethod)}
          data={[...METHODS, ...(canUseDeposit ? (['deposit'] as const) : [])].map((m) => ({
            value: m,
            label: t(`method.${m}`),
          }))}
          aria-label={t('payment.method')}
          data-testid="desk-method"
        />
        {canUseDeposit && method !== 'deposit' && (
          <Checkbox
            label={t('desk.useDeposit', {
              amount: f.rupiah(Math.min(customer.deposit, customer.totalOutstanding)),
            })}
            checked={form.useDeposit}
            onChange={(e) => form.setUseDeposit(customer, e.currentTarget.checked)}
          />
        )}
        <Group grow align="flex-start">
          <MoneyInput
            ref={amountRef}
            size="lg"
            label={method === 'deposit' ? t('desk.amountFromDeposit') : t('desk.amount')}
            value={form.amount}
            onChange={form.setAmount}
            onKeyDown={onFieldKey}
            error={errors.amount}
            data-testid="desk-amount"
          />
          {method === 'cash' && (
            <MoneyInput
              size="lg"
              label={t('desk.tendered')}
              value={form.tendered}
              onChange={form.setTendered}
              onKeyDown={onFieldKey}
              error={errors.tendered}
              data-testid="desk-tendered"
            />
          )}
          {method !== 'cash' && method !== 'deposit' && (
            <TextInput
              size="lg"
              label={t('payment.reference')}
              value={form.reference}
              onChange={(e) => form.setReference(e.currentTarget.value)}
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
            onClick={onSubmit}
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
        {unknownOutcome && <UnknownOutcome title={t('desk.unknownTitle')} onResend={onResend} resending={submitting} />}
        {hasFormError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="desk-error">
            {formError}
            {!hasShift && method === 'cash' && (
              <Button size="xs" variant="light" ml="sm" onClick={onOpenShift}>
                {t('shift.open')}
              </Button>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
