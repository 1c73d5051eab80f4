import '@mantine/charts/styles.css';
import { AreaChart, DonutChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCash,
  IconClockExclamation,
  IconFileInvoice,
  IconReceipt,
  IconRouter,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { EmptyState, MoneyText, PageHeader, StatusBadge, translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { GatewayHealthCard } from '../gateways/GatewayHealthCard';
import { BrandFilter, withBrand } from '../reports/BrandFilter';
import { StatCard } from './StatCard';
import { MessagesStat } from '../messages/MessagesStat';
import { UnbilledAlert } from './UnbilledAlert';
import { TicketsCard } from './TicketsCard';

const METHOD_COLORS: Record<string, string> = {
  cash: 'teal.6',
  bank_transfer: 'indigo.6',
  e_wallet: 'grape.6',
  credit_card: 'orange.6',
};

/**
 * Dasbor: the owner's figures at a glance. Updates itself: every data change, router status change
 * and sync progress pushed by the main process refetches it (no page reload).
 */
export default function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const can = useCan();
  const [, navigate] = useLocation();
  // Issue 18: one brand's figures, or every brand the user may see (the filter shows with several).
  const [brandId, setBrandId] = useState<number | undefined>();
  const q = useApiQuery('billing.dashboard', withBrand({}, brandId), {
    refetchOn: ['router.status', 'sync.progress', 'automation.ran'],
  });

  const d = q.data;
  if (!d) {
    return (
      <Stack>
        <PageHeader title={t('title')} />
        {q.error ? (
          <Alert color="red" title={t('common:errorTitle.default')}>
            {translateApiMessage(q.error.message)}
          </Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} h={96} radius="md" />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    );
  }

  const methodLine = (rows: { method: string; amount: number }[]) =>
    rows.length ? rows.map((m) => `${t(`method.${m.method}`)} ${f.rupiah(m.amount)}`).join(' · ') : t('nothingYet');
  // Failures first, then work waiting for a router; "running smoothly" only when nothing waits.
  const waiting = d.routers.reduce((n, r) => n + r.pendingSync, 0);
  const routerDetail = () =>
    d.alerts.syncFailures
      ? t('syncFailures', { count: d.alerts.syncFailures })
      : waiting
        ? t('syncWaiting', { count: waiting })
        : t('routersOnline');
  const donut = d.collectedMonthByMethod.map((m) => ({
    name: t(`method.${m.method}`),
    value: m.amount,
    color: METHOD_COLORS[m.method] ?? 'gray.6',
  }));

  return (
    <Stack gap="md" data-testid="dashboard">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle', { date: f.date(d.today) })}
        actions={
          <Group align="flex-end">
            <BrandFilter value={brandId} onChange={setBrandId} testId="dashboard-brand" />
            {can('payments.create') && (
              <Button leftSection={<IconCash size={16} />} onClick={() => navigate('~/cashdesk')}>
                {t('openCashDesk')}
              </Button>
            )}
          </Group>
        }
      />

      <UnbilledAlert />

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <StatCard
          testId="stat-today"
          icon={IconCash}
          color="teal"
          label={t('collectedToday')}
          value={<MoneyText amount={d.collectedToday} />}
          detail={methodLine(d.collectedTodayByMethod)}
        />
        <StatCard
          testId="stat-month"
          icon={IconReceipt}
          color="indigo"
          label={t('collectedMonth')}
          value={<MoneyText amount={d.collectedMonth} />}
          detail={t('invoicedMonth', { amount: f.rupiah(d.invoicedMonth) })}
        />
        <StatCard
          testId="stat-outstanding"
          icon={IconFileInvoice}
          color="yellow"
          label={t('outstanding')}
          value={<MoneyText amount={d.outstanding.amount} />}
          detail={t('invoices', { count: d.outstanding.invoices })}
          onClick={can('invoices.read') ? () => navigate('~/invoices') : undefined}
        />
        <StatCard
          testId="stat-overdue"
          icon={IconClockExclamation}
          color="red"
          label={t('overdue')}
          value={<MoneyText amount={d.overdue.amount} />}
          detail={t('overdueDetail', { invoices: d.overdue.invoices, customers: d.overdue.customers })}
          onClick={can('reports.read') ? () => navigate('~/reports/aging') : undefined}
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Card withBorder radius="md" padding="md" style={{ gridColumn: 'span 2' }}>
          <Text fw={600} mb="sm">
            {t('trend')}
          </Text>
          <AreaChart
            h={220}
            data={d.trend.map((p) => ({ date: f.date(p.date).replace(/ \d{4}$/, ''), collected: p.collected }))}
            dataKey="date"
            series={[{ name: 'collected', label: t('collected'), color: 'teal.6' }]}
            curveType="monotone"
            withDots={false}
            valueFormatter={(v) => f.rupiah(v)}
            yAxisProps={{
              width: 90,
              tickFormatter: (v: number) => (v >= 1e6 ? `${(v / 1e6).toLocaleString()} jt` : f.number(v)),
            }}
          />
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text fw={600} mb="sm">
            {t('methodsMonth')}
          </Text>
          {donut.length ? (
            <Group justify="center">
              <DonutChart
                data={donut}
                size={170}
                thickness={26}
                withTooltip
                valueFormatter={(v) => f.rupiah(v)}
                withLabelsLine={false}
              />
            </Group>
          ) : (
            <Text c="dimmed" size="sm">
              {t('nothingYet')}
            </Text>
          )}
          <Stack gap={4} mt="sm">
            {d.collectedMonthByMethod.map((m) => (
              <Group key={m.method} justify="space-between">
                <Badge variant="dot" color={(METHOD_COLORS[m.method] ?? 'gray.6').split('.')[0]}>
                  {t(`method.${m.method}`)}
                </Badge>
                <MoneyText amount={m.amount} size="sm" />
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <StatCard
          icon={IconUsers}
          color="indigo"
          label={t('customersActive')}
          value={f.number(d.customers.active)}
          detail={t('customersTotal', { count: d.customers.total })}
          onClick={() => navigate('~/customers')}
        />
        <StatCard
          icon={IconUsers}
          color="orange"
          label={t('customersSuspended')}
          value={f.number(d.customers.suspended)}
          detail={t('customersInactive', { count: d.customers.inactive })}
        />
        <StatCard
          icon={IconAlertTriangle}
          color="red"
          label={t('isolated')}
          value={f.number(d.customers.isolated)}
          detail={t('isolatedDetail')}
        />
        <StatCard
          icon={IconRouter}
          color={d.alerts.routersOffline ? 'red' : 'teal'}
          label={t('routers')}
          value={`${d.routers.filter((r) => r.state === 'online').length} / ${d.routers.length}`}
          detail={routerDetail()}
          onClick={can('routers.read') ? () => navigate('~/routers') : undefined}
        />
        <TicketsCard />
      </SimpleGrid>

      {can('messages.read') && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <MessagesStat />
        </SimpleGrid>
      )}

      {d.routers.length > 0 && (
        <Card withBorder radius="md" padding="md">
          <Title order={4} fz="md" mb="sm">
            {t('routersTitle')}
          </Title>
          <Table striped verticalSpacing={6} data-testid="dashboard-routers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('router')}</Table.Th>
                <Table.Th>{t('state')}</Table.Th>
                <Table.Th ta="right">{t('accounts')}</Table.Th>
                <Table.Th ta="right">{t('online')}</Table.Th>
                <Table.Th ta="right">{t('offline')}</Table.Th>
                <Table.Th ta="right">{t('pendingSync')}</Table.Th>
                <Table.Th>{t('lastSeen')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.routers.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fw={500}>{r.name}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.state} />
                  </Table.Td>
                  <Table.Td ta="right">{f.number(r.accounts)}</Table.Td>
                  <Table.Td ta="right">{f.number(r.online)}</Table.Td>
                  <Table.Td ta="right">{f.number(Math.max(0, r.accounts - r.online))}</Table.Td>
                  <Table.Td ta="right">
                    {r.pendingSync}
                    {r.failedSync > 0 && (
                      <Text span c="red" ml={6} size="sm">
                        ({t('failedCount', { count: r.failedSync })})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{f.dateTime(r.lastSeenAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}

      <GatewayHealthCard />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder radius="md" padding="md" data-testid="alerts-overdue">
          <Group justify="space-between" mb="sm">
            <Title order={4} fz="md">
              {t('alertOverdue')}
            </Title>
            {can('invoices.read') && (
              <Anchor size="sm" onClick={() => navigate('~/invoices')}>
                {t('seeAll')}
              </Anchor>
            )}
          </Group>
          {d.alerts.overdueInvoices.length === 0 ? (
            <EmptyState title={t('noOverdue')} />
          ) : (
            <Table verticalSpacing={6}>
              <Table.Tbody>
                {d.alerts.overdueInvoices.map((i) => (
                  <Table.Tr
                    key={i.invoiceId}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate(`~/customers/${i.customerId}`)}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {i.customerName}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {i.invoiceNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={i.daysOverdue > 30 ? 'red' : 'orange'} variant="light">
                        {t('daysOverdue', { count: i.daysOverdue })}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">
                      <MoneyText amount={i.outstanding} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder radius="md" padding="md" data-testid="alerts-expiring">
          <Title order={4} fz="md" mb="sm">
            {t('alertExpiring')}
          </Title>
          {d.alerts.expiringAccounts.length === 0 ? (
            <EmptyState title={t('noExpiring')} />
          ) : (
            <Table verticalSpacing={6}>
              <Table.Tbody>
                {d.alerts.expiringAccounts.map((a) => (
                  <Table.Tr
                    key={a.accountId}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate(`~/customers/${a.customerId}`)}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {a.customerName}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {a.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.date(a.expiresAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Badge color={a.daysLeft <= 1 ? 'red' : 'yellow'} variant="light">
                        {t('daysLeft', { count: a.daysLeft })}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
