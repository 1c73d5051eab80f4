import { SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Reseller } from '../../../src-shared/contract/resellers';
import { formatRupiah } from '../../../src-shared/money';
import { useMoneyRequest } from '../../api/useMoneyRequest';
import {
  applyApiError,
  FormDialog,
  MoneyInput,
  rupiahRule,
  rupiahValue,
  UnknownOutcome,
  useResetOnOpen,
} from '../../components';

interface Values {
  amount: string;
  method: 'cash' | 'bank_transfer';
  referenceNumber: string;
  note: string;
}

/** Money the reseller brings to the office (cash) or transferred (with its reference) onto their balance. */
export function TopUpDialog({ reseller, onClose }: { reseller: Reseller | null; onClose: () => void }) {
  const { t } = useTranslation('resellers');
  const form = useForm<Values>({
    initialValues: { amount: '', method: 'cash', referenceNumber: '', note: '' },
    validate: { amount: rupiahRule({ min: 1 }) },
    validateInputOnBlur: ['amount'],
  });
  useResetOnOpen(form, reseller !== null, reseller?.id, () => ({
    amount: '',
    method: 'cash',
    referenceNumber: '',
    note: '',
  }));
  // One client request id per submission: a resend after a lost answer never credits the top-up twice.
  const topping = useMoneyRequest('resellers.topup', {
    refused: (error) => applyApiError(form, error),
    done(r) {
      notifications.show({
        color: 'teal',
        message: [
          t('topup.done', { amount: formatRupiah(r.movement.amount), balance: formatRupiah(r.balance) }),
          r.replayed ? t('common:unknownOutcome.replayed') : '',
        ].join(' '),
      });
      onClose();
    },
  });
  const submit = form.onSubmit(async (v) => {
    if (!reseller) return;
    await topping.send({
      resellerId: reseller.id,
      amount: rupiahValue(v.amount)!,
      method: v.method,
      referenceNumber: v.referenceNumber,
      note: v.note,
    });
  });
  const close = () => {
    topping.dismiss();
    onClose();
  };
  return (
    <FormDialog
      opened={reseller !== null}
      onClose={close}
      title={<Text fw={600}>{t('topup.title', { name: reseller?.name ?? '' })}</Text>}
      onSubmit={submit}
      submitting={topping.sending}
      submitLabel={t('topup.submit')}
      submitTestId="topup-submit"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('topup.help')}
        </Text>
        <MoneyInput label={t('field.amount')} data-autofocus withAsterisk {...form.getInputProps('amount')} />
        <SegmentedControl
          aria-label={t('field.method')}
          data={[
            { value: 'cash', label: t('method.cash') },
            { value: 'bank_transfer', label: t('method.bank_transfer') },
          ]}
          {...form.getInputProps('method')}
        />
        {form.values.method === 'bank_transfer' && (
          <TextInput label={t('field.reference')} withAsterisk {...form.getInputProps('referenceNumber')} />
        )}
        <Textarea label={t('field.note')} autosize minRows={1} {...form.getInputProps('note')} />
        {topping.unknown && <UnknownOutcome onResend={() => void topping.resend()} resending={topping.sending} />}
      </Stack>
    </FormDialog>
  );
}
