import { ActionIcon, AppShell, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useSession } from '../../app/session';
import { MoneyText } from '../../components';
import { BillsView } from './BillsView';
import { CustomersView } from './CustomersView';
import { HistoryView } from './HistoryView';
import { TopUpView } from './TopUpView';

type View = 'bills' | 'customers' | 'history' | 'topup';

/**
 * What a reseller sees after signing in (role `reseller`), made for a phone: their balance, their
 * customers' open bills (pay from the balance), their customers, the balance history with the
 * monthly statement, and "Isi saldo" (a top-up paid online through the ISP's payment gateway). The server answers only the `reseller.*` channels for this role.
 */
export default function ResellerApp() {
  const { t } = useTranslation('resellerSelf');
  const signOut = useSession((s) => s.signOut);
  const me = useApiQuery('reseller.me', {}, { entities: ['payments', 'resellers', 'all'] });
  const [view, setView] = useState<View>('bills');
  return (
    <AppShell header={{ height: 56 }} padding="sm">
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} truncate>
              {me.data?.name ?? ''}
            </Text>
            <Text size="xs" c="dimmed">
              {me.data?.code ?? ''}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <ActionIcon variant="subtle" aria-label={t('signOut')} onClick={() => void signOut()}>
              <IconLogout size={18} />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Stack gap="sm" maw={560} mx="auto">
          <Card withBorder padding="sm">
            <Text size="sm" c="dimmed">
              {t('balance')}
            </Text>
            <MoneyText amount={me.data?.balance ?? 0} fz={28} fw={700} data-testid="self-balance" />
            {me.data && (
              <Text size="xs" c="dimmed">
                {t('summary', { customers: me.data.customers, bills: me.data.openBills })}
              </Text>
            )}
            {me.data?.status === 'suspended' && (
              <Text size="sm" c="red">
                {t('suspended')}
              </Text>
            )}
          </Card>
          <SegmentedControl
            fullWidth
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: 'bills', label: t('view.bills') },
              { value: 'customers', label: t('view.customers') },
              { value: 'history', label: t('view.history') },
              { value: 'topup', label: t('view.topup') },
            ]}
          />
          {view === 'bills' && <BillsView balance={me.data?.balance ?? 0} />}
          {view === 'customers' && (
            <CustomersView canManage={me.data?.status === 'active' && me.data.canCreateCustomers} />
          )}
          {view === 'history' && <HistoryView />}
          {view === 'topup' && <TopUpView onBalanceChanged={me.refetch} />}
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
