import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconKey, IconWallet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleCan } from '../../../src-shared/permissions';
import { useApiQuery } from '../../api/useApi';
import { useSession } from '../../app/session';
import { MoneyText } from '../../components';
import { CustomersTab } from './CustomersTab';
import { LedgerTab } from './LedgerTab';
import { LoginDialog } from './LoginDialog';
import { ResellerForm } from './ResellerForm';
import { RulesTab } from './RulesTab';
import { StatementTab } from './StatementTab';
import { TopUpDialog } from './TopUpDialog';

/** One reseller: balance, top-up, sign-in, and tabs for the ledger, customers, rules and statement. */
export function ResellerDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation('resellers');
  const role = useSession((s) => s.me?.role);
  const q = useApiQuery('resellers.get', { id }, { entities: ['resellers', 'payments', 'all'] });
  const [dialog, setDialog] = useState<'edit' | 'topup' | 'login' | null>(null);
  const r = q.data;
  const canWrite = roleCan(role, 'resellers.write');
  if (q.error && !r)
    return (
      <Alert color="red" title={t('notFound')}>
        <Button variant="default" onClick={onBack}>
          {t('back')}
        </Button>
      </Alert>
    );
  if (!r) return null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            {t('back')}
          </Button>
          <div>
            <Title order={3}>{r.name}</Title>
            <Text size="sm" c="dimmed">
              {r.code}
              {r.phone ? ` · ${r.phone}` : ''}
              {r.address ? ` · ${r.address}` : ''}
            </Text>
          </div>
          <Badge variant="dot" color={r.status === 'active' ? 'teal' : 'gray'}>
            {t(`status.${r.status}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          {roleCan(role, 'resellers.topup') && (
            <Button
              leftSection={<IconWallet size={16} />}
              onClick={() => setDialog('topup')}
              data-testid="reseller-topup"
            >
              {t('topup.action')}
            </Button>
          )}
          {canWrite && (
            <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setDialog('login')}>
              {t(r.username ? 'login.reset' : 'login.create')}
            </Button>
          )}
          {canWrite && (
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setDialog('edit')}>
              {t('common:edit')}
            </Button>
          )}
        </Group>
      </Group>
      {/* One card a row on a phone: three side by side cut the balance off ("Rp 1.750.0"). */}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('field.balance')}
          </Text>
          <MoneyText amount={r.balance} size="xl" fw={700} data-testid="reseller-balance" />
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('field.customers')}
          </Text>
          <Text size="xl" fw={700}>
            {r.customers}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('field.login')}
          </Text>
          <Text size="xl" fw={700} c={r.username ? undefined : 'dimmed'}>
            {r.username ?? t('noLogin')}
          </Text>
        </Card>
      </SimpleGrid>
      <Tabs defaultValue="ledger" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="ledger">{t('tab.ledger')}</Tabs.Tab>
          <Tabs.Tab value="customers">{t('tab.customers')}</Tabs.Tab>
          <Tabs.Tab value="rules">{t('tab.rules')}</Tabs.Tab>
          <Tabs.Tab value="statement">{t('tab.statement')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="ledger" pt="md">
          <LedgerTab resellerId={r.id} canVoid={roleCan(role, 'resellers.void')} />
        </Tabs.Panel>
        <Tabs.Panel value="customers" pt="md">
          <CustomersTab resellerId={r.id} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab reseller={r} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="statement" pt="md">
          <StatementTab resellerId={r.id} />
        </Tabs.Panel>
      </Tabs>
      <ResellerForm
        opened={dialog === 'edit'}
        reseller={r}
        onClose={() => setDialog(null)}
        onSaved={() => setDialog(null)}
      />
      <TopUpDialog reseller={dialog === 'topup' ? r : null} onClose={() => setDialog(null)} />
      <LoginDialog reseller={dialog === 'login' ? r : null} onClose={() => setDialog(null)} />
    </Stack>
  );
}
