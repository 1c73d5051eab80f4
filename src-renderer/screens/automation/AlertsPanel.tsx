import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { EmptyState, MoneyText } from '../../components';
import { useFormat } from '../../lib/format';

/** Overdue invoices (with who is due for isolir) and PPPoE accounts expiring soon: billing.alerts. */
export function AlertsPanel() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const q = useApiQuery(
    'billing.alerts',
    { limit: 200 },
    { entities: ['invoices', 'payments', 'automation', 'pppoe'] },
  );
  const a = q.data;
  if (!a) return <Text c="dimmed">{t('common:loading')}</Text>;
  return (
    <Stack gap="md" data-testid="billing-alerts">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed">
            {t('alerts.overdue')}
          </Text>
          <Text fw={700} size="xl">
            {a.overdueCount}
          </Text>
          <MoneyText amount={a.overdueAmount} c={a.overdueAmount > 0 ? 'red' : 'dimmed'} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed">
            {t('alerts.isolationDue')}
          </Text>
          <Text fw={700} size="xl">
            {a.overdue.filter((o) => o.isolationDue).length}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed">
            {t('alerts.expiring')}
          </Text>
          <Text fw={700} size="xl">
            {a.expiringCount}
          </Text>
        </Paper>
      </SimpleGrid>

      <Text fw={600}>{t('alerts.overdueList')}</Text>
      {a.overdue.length === 0 ? (
        <EmptyState title={t('alerts.noOverdue')} />
      ) : (
        <Paper withBorder radius="md">
          <Table striped verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer')}</Table.Th>
                <Table.Th>{t('invoice.number')}</Table.Th>
                <Table.Th>{t('invoice.dueDate')}</Table.Th>
                <Table.Th ta="right">{t('alerts.daysOverdue')}</Table.Th>
                <Table.Th ta="right">{t('invoice.outstanding')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.overdue.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    {o.customerName}{' '}
                    <Text span size="xs" c="dimmed">
                      {o.customerCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>{o.invoiceNumber}</Table.Td>
                  <Table.Td>{f.date(o.dueDate)}</Table.Td>
                  <Table.Td ta="right">{o.daysOverdue}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={o.outstanding} c="red" />
                  </Table.Td>
                  <Table.Td>
                    {o.isolationDue && (
                      <Badge color="orange" variant="light">
                        {t('alerts.isolir')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Text fw={600}>{t('alerts.expiringList')}</Text>
      {a.expiring.length === 0 ? (
        <EmptyState title={t('alerts.noExpiring')} />
      ) : (
        <Paper withBorder radius="md">
          <Table striped verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer')}</Table.Th>
                <Table.Th>PPPoE</Table.Th>
                <Table.Th>{t('alerts.expiresAt')}</Table.Th>
                <Table.Th ta="right">{t('alerts.daysLeft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.expiring.map((e) => (
                <Table.Tr key={e.accountId}>
                  <Table.Td>
                    {e.customerName}{' '}
                    <Text span size="xs" c="dimmed">
                      {e.customerCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.username}</Table.Td>
                  <Table.Td>{f.date(e.expiresAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Group justify="flex-end">
                      <Badge color={e.daysLeft <= 1 ? 'red' : 'yellow'} variant="light">
                        {e.daysLeft}
                      </Badge>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
