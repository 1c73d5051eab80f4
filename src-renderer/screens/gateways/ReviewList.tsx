import { Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentReview } from '../../../src-shared/contract/gateway-payments';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { applyApiError, IntegerInput, integerValue, MoneyText } from '../../components';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useFormat } from '../../lib/format';

/**
 * Money that waits for a person: staff sends it to a customer's deposit or to an invoice, or a reseller's
 * top-up to that reseller's balance (audited).
 */
export function ReviewList() {
  const { t } = useTranslation('gateways');
  const f = useFormat();
  const can = useCan();
  const q = useApiQuery('paymentReviews.list', { status: 'open' }, { entities: ['payments', 'gatewayPayments'] });
  const [resolving, setResolving] = useState<PaymentReview | null>(null);
  const rows = q.data ?? [];
  return (
    <Stack gap="xs" data-testid="review-list">
      <Text fw={600}>{t('review.title')}</Text>
      {!rows.length && <Text c="dimmed">{t('review.empty')}</Text>}
      {rows.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recon.created')}</Table.Th>
              <Table.Th>{t('tx.reference')}</Table.Th>
              <Table.Th>{t('recon.customer')}</Table.Th>
              <Table.Th>{t('review.why')}</Table.Th>
              <Table.Th ta="right">{t('tx.amount')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{f.dateTime(r.createdAt)}</Table.Td>
                <Table.Td>
                  {r.provider} {r.reference}
                </Table.Td>
                <Table.Td>
                  {r.customerName ?? (r.resellerName ? t('review.reseller', { name: r.resellerName }) : '—')}
                </Table.Td>
                <Table.Td>
                  {t(`review.reason.${r.reason}`)}
                  {r.detail ? ` (${r.detail})` : ''}
                </Table.Td>
                <Table.Td ta="right">
                  <MoneyText amount={r.amount} />
                </Table.Td>
                <Table.Td>
                  {can('payments.void') && (
                    <Button size="xs" variant="light" onClick={() => setResolving(r)}>
                      {t('review.resolve')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {resolving && <ResolveDialog review={resolving} onClose={() => setResolving(null)} />}
    </Stack>
  );
}

interface Values {
  to: 'deposit' | 'invoice' | 'reseller';
  customerId: string;
  invoiceId: string;
  reason: string;
}

function ResolveDialog({ review, onClose }: { review: PaymentReview; onClose: () => void }) {
  const { t } = useTranslation('gateways');
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      to: review.resellerId !== null ? 'reseller' : 'deposit',
      customerId: review.customerId ? String(review.customerId) : '',
      invoiceId: '',
      reason: '',
    },
  });
  const submit = async (v: Values) => {
    setBusy(true);
    const r = await api('paymentReviews.resolve', {
      id: review.id,
      to: v.to,
      customerId: v.to === 'reseller' ? undefined : (integerValue(v.customerId) ?? 0),
      invoiceId: v.to === 'invoice' ? (integerValue(v.invoiceId) ?? undefined) : undefined,
      reason: v.reason,
    });
    setBusy(false);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t('review.done') });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('review.resolve')}>
      <form onSubmit={form.onSubmit((v) => void submit(v))}>
        <Stack>
          <MoneyText amount={review.amount} fw={700} size="lg" />
          <SegmentedControl
            data={[
              ...(review.resellerId !== null ? [{ value: 'reseller', label: t('review.toReseller') }] : []),
              { value: 'deposit', label: t('review.toDeposit') },
              { value: 'invoice', label: t('review.toInvoice') },
            ]}
            {...form.getInputProps('to')}
          />
          {form.values.to === 'reseller' ? (
            <Text size="sm">{t('review.reseller', { name: review.resellerName ?? '' })}</Text>
          ) : (
            <IntegerInput label={t('review.customerId')} {...form.getInputProps('customerId')} />
          )}
          {form.values.to === 'invoice' && (
            <IntegerInput label={t('review.invoiceId')} {...form.getInputProps('invoiceId')} />
          )}
          <TextInput label={t('review.why')} required {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('review.resolve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
