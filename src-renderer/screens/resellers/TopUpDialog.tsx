import { SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Reseller } from '../../../src-shared/contract/resellers';
import { formatRupiah } from '../../../src-shared/money';
import { api } from '../../api/client';
import { applyApiError, FormDialog, MoneyInput, rupiahRule, rupiahValue, useResetOnOpen } from '../../components';

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
  const submit = form.onSubmit(async (v) => {
    if (!reseller) return;
    const r = await api('resellers.topup', {
      resellerId: reseller.id,
      amount: rupiahValue(v.amount)!,
      method: v.method,
      referenceNumber: v.referenceNumber,
      note: v.note,
    });
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({
      color: 'teal',
      message: t('topup.done', {
        amount: formatRupiah(r.value.movement.amount),
        balance: formatRupiah(r.value.balance),
      }),
    });
    onClose();
  });
  return (
    <FormDialog
      opened={reseller !== null}
      onClose={onClose}
      title={<Text fw={600}>{t('topup.title', { name: reseller?.name ?? '' })}</Text>}
      onSubmit={submit}
      submitting={form.submitting}
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
      </Stack>
    </FormDialog>
  );
}
