import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
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
        <Tile label={t('alerts.overdue')} value={a.overdueCount}>
          <MoneyText amount={a.overdueAmount} c={a.overdueAmount > 0 ? 'red' : 'dimmed'} />
        </Tile>
        <Tile label={t('alerts.isolationDue')} value={a.overdue.filter((o) => o.isolationDue).length} />
        <Tile label={t('alerts.expiring')} value={a.expiringCount} />
      </SimpleGrid>

      <AlertTable
        title={t('alerts.overdueList')}
        empty={t('alerts.noOverdue')}
        headers={[
          t('customer'),
          t('invoice.number'),
          t('invoice.dueDate'),
          { right: t('alerts.daysOverdue') },
          { right: t('invoice.outstanding') },
          '',
        ]}
        rows={a.overdue}
        rowKey={(o) => o.id}
        cells={(o) => [
          <CustomerCell name={o.customerName} code={o.customerCode} />,
          o.invoiceNumber,
          f.date(o.dueDate),
          o.daysOverdue,
          <MoneyText amount={o.outstanding} c="red" />,
          o.isolationDue && (
            <Badge color="orange" variant="light">
              {t('alerts.isolir')}
            </Badge>
          ),
        ]}
      />

      <AlertTable
        title={t('alerts.expiringList')}
        empty={t('alerts.noExpiring')}
        headers={[t('customer'), 'PPPoE', t('alerts.expiresAt'), { right: t('alerts.daysLeft') }]}
        rows={a.expiring}
        rowKey={(e) => e.accountId}
        cells={(e) => [
          <CustomerCell name={e.customerName} code={e.customerCode} />,
          e.username,
          f.date(e.expiresAt),
          <Group justify="flex-end">
            <Badge color={e.daysLeft <= 1 ? 'red' : 'yellow'} variant="light">
              {e.daysLeft}
            </Badge>
          </Group>,
        ]}
      />
    </Stack>
  );
}

/** One count of the summary: label, the figure, and what goes under it. */
function Tile({ label, value, children }: { label: string; value: number; children?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {children}
    </Paper>
  );
}

function CustomerCell({ name, code }: { name: string; code: string }) {
  return (
    <>
      {name}{' '}
      <Text span size="xs" c="dimmed">
        {code}
      </Text>
    </>
  );
}

/**
 * A titled list of alerts, or the empty state when there is none. A header given as `{ right }`
 * right-aligns its column.
 */
function AlertTable<R>({
  title,
  empty,
  headers,
  rows,
  rowKey,
  cells,
}: {
  title: string;
  empty: string;
  headers: (string | { right: string })[];
  rows: R[];
  rowKey: (row: R) => number;
  cells: (row: R) => ReactNode[];
}) {
  const right = headers.map((h) => typeof h !== 'string');
  return (
    <>
      <Text fw={600}>{title}</Text>
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Paper withBorder radius="md">
          {/* Up to six columns: on a phone the table scrolls inside its own box, not the page. */}
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  {headers.map((h, i) => (
                    <Table.Th key={i} ta={right[i] ? 'right' : undefined}>
                      {typeof h === 'string' ? h : h.right}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={rowKey(r)}>
                    {cells(r).map((c, i) => (
                      <Table.Td key={i} ta={right[i] ? 'right' : undefined}>
                        {c}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  );
}
