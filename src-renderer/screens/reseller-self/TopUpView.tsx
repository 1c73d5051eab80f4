import { Alert, Badge, Button, Card, Group, Radio, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TOPUP_MAX, TOPUP_MIN, type ResellerTopUp } from '../../../src-shared/contract/reseller-self';
import { formatRupiah } from '../../../src-shared/money';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, MoneyInput, MoneyText, rupiahRule, rupiahValue } from '../../components';
import { useFormat } from '../../lib/format';
import { methodName } from '../../portal/methods';
import { MethodRadios } from '../../portal/MethodRadios';
import { isWaiting } from '../../portal/useFollowedAttempt';
import { TopUpAttempt } from './TopUpAttempt';

interface Values {
  amount: string;
  /** `provider:method`, or '' before a choice. */
  method: string;
}

/**
 * "Isi saldo": the reseller chooses an amount and one of the gateways' methods (QRIS, virtual account,
 * e-wallet), gets the QR / VA number / checkout link and follows the top-up until the money is in the
 * balance. Below, their recent top-ups and where each stands.
 */
export function TopUpView({ onBalanceChanged }: { onBalanceChanged: () => void }) {
  const { t } = useTranslation('resellerSelf');
  const f = useFormat();
  const q = useApiQuery('reseller.topups', {}, { entities: ['gatewayPayments', 'resellers', 'all'] });
  const [current, setCurrent] = useState<ResellerTopUp | null>(null);
  // After "top up again" a still-waiting earlier top-up is no longer shown in place of the form.
  const [fresh, setFresh] = useState(false);
  const form = useForm<Values>({
    initialValues: { amount: '', method: '' },
    validate: {
      amount: rupiahRule({ min: TOPUP_MIN, max: TOPUP_MAX }),
      method: (v) => (v ? null : t('topup.chooseMethod')),
    },
    validateInputOnBlur: ['amount'],
  });
  const open = current ?? (fresh ? null : (q.data?.items.find((i) => isWaiting(i.state)) ?? null));

  const submit = form.onSubmit(async (v) => {
    const [provider, ...rest] = v.method.split(':');
    const r = await api('reseller.topupCreate', {
      amount: rupiahValue(v.amount)!,
      provider: provider as ResellerTopUp['provider'],
      method: rest.join(':'),
    });
    if (!r.ok) return void applyApiError(form, r.error);
    setCurrent(r.value);
    form.reset();
  });

  if (!q.data) return null;
  const methods = q.data.methods;
  return (
    <Stack gap="xs" data-testid="topup-view">
      {open ? (
        <TopUpAttempt
          key={open.id}
          initial={open}
          onSettled={() => {
            onBalanceChanged();
            q.refetch();
          }}
          onAnother={() => {
            setCurrent(null);
            setFresh(true);
            q.refetch();
          }}
        />
      ) : !methods.length ? (
        <Alert color="yellow">{t('topup.unavailable')}</Alert>
      ) : (
        <Card withBorder padding="sm">
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <MoneyInput
                label={t('topup.amount')}
                description={t('topup.bounds', { min: formatRupiah(TOPUP_MIN), max: formatRupiah(TOPUP_MAX) })}
                withAsterisk
                data-testid="topup-amount"
                {...form.getInputProps('amount')}
              />
              <Radio.Group label={t('topup.method')} withAsterisk {...form.getInputProps('method')}>
                <MethodRadios methods={methods} />
              </Radio.Group>
              <Button type="submit" fullWidth size="md" loading={form.submitting} data-testid="topup-create">
                {t('topup.submit')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
      {q.data.items.map((i) => (
        <Card key={i.id} withBorder padding="xs" data-testid="topup-item">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Badge size="sm" variant="light" color={i.state === 'credited' ? 'teal' : 'gray'}>
                {t(`topup.state.${i.state}`)}
              </Badge>
              <Text size="xs" c="dimmed" truncate>
                {[f.dateTime(i.createdAt), methodName(i.method), i.reference].join(' · ')}
              </Text>
            </div>
            <MoneyText amount={i.amount} fw={600} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
