import { Alert, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { MoneyText } from '../../components';
import { useFormat } from '../../lib/format';
import { periodLabel } from '../payments/periods';

interface Props {
  opened: boolean;
  packageId: number | null;
  customerId: number | null;
  /** The edited account; null when creating one. */
  accountId: number | null;
  /** The account's package before this edit, so a change can be pointed out. */
  originalPackageId: number | null;
  /** The edited account's status: a disabled one is billed again when it is enabled. */
  accountStatus?: string | null;
}

/**
 * What the account will be billed, under the account dialog's fields: for a new account the
 * subscription it comes with (terms from Settings) and its first invoice; for an edited one, its
 * subscription and, after a package change, the next invoice at the new price. Also warns before a
 * suspended or inactive customer (saving then asks for an override reason).
 */
export function AccountBillingPanel({
  opened,
  packageId,
  customerId,
  accountId,
  originalPackageId,
  accountStatus,
}: Props) {
  const { t, i18n } = useTranslation('billing');
  const f = useFormat();
  const q = useApiQuery(
    'pppoe.billingPreview',
    {
      internetPackageId: packageId ?? 0,
      ...(accountId !== null ? { accountId } : {}),
      ...(customerId !== null ? { customerId } : {}),
    },
    { enabled: opened && packageId !== null, entities: ['subscriptions', 'settings', 'packages'] },
  );
  if (packageId === null) return null;
  const d = q.data;
  const b = d?.billing ?? null;
  const changed = accountId !== null && originalPackageId !== null && originalPackageId !== packageId;
  const customerBlocked = d?.customerStatus && d.customerStatus !== 'active';
  return (
    <Stack gap="xs" data-testid="account-billing">
      {customerBlocked && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="account-customer-warning">
          {t('accountBilling.customerNotActive', { status: t(`common:status.${d.customerStatus}`) })}
        </Alert>
      )}
      <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-light)">
        <Group gap="xs" mb={4}>
          <IconFileInvoice size={18} />
          <Text fw={600} size="sm">
            {accountId === null ? t('accountBilling.newTitle') : t('accountBilling.editTitle')}
          </Text>
          {q.loading && <Loader size="xs" />}
        </Group>
        {!d ? null : !b ? (
          <Text size="sm" c={accountStatus === 'active' ? 'orange' : 'dimmed'} data-testid="account-unbilled">
            {accountStatus === 'active' ? t('accountBilling.unbilled') : t('accountBilling.unbilledInactive')}
          </Text>
        ) : (
          <Stack gap={2}>
            <Text size="sm" data-testid="account-billing-terms">
              {t('accountBilling.terms', {
                package: b.packageName,
                fee: f.rupiah(b.fee),
                cycle: t(`cycle.${b.cycle}`),
                start: f.date(b.startDate),
                day: b.billingDay,
              })}
            </Text>
            {changed && (
              <Text size="sm" c="blue">
                {t('accountBilling.changeNote')}
              </Text>
            )}
            {b.firstInvoice ? (
              <Text size="sm" data-testid="account-first-invoice">
                {t(accountId === null ? 'accountBilling.firstInvoice' : 'accountBilling.nextInvoice', {
                  period: periodLabel(b.firstInvoice.period, i18n.language),
                  date: f.date(b.firstInvoice.invoiceDate),
                  due: f.date(b.firstInvoice.dueDate),
                })}{' '}
                <MoneyText amount={b.firstInvoice.amount} fw={700} inherit />
                {b.firstInvoice.prorated
                  ? ` (${t('accountBilling.proratedDays', { count: b.firstInvoice.days ?? 0 })})`
                  : ''}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('accountBilling.nothingOwed')}
              </Text>
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
