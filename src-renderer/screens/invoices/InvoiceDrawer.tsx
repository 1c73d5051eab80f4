import { Button, Divider, Drawer, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText, StatusBadge } from '../../components';
import { useFormat } from '../../lib/format';
import { DocumentActions } from '../payments/DocumentButtons';
import { periodLabel } from '../payments/periods';
import { VoidDialog } from '../payments/VoidDialog';

export function InvoiceDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const q = useApiQuery('invoices.get', { id: id ?? 0 }, { enabled: id !== null, entities: ['invoices', 'payments'] });
  const inv = id !== null ? q.data : undefined;
  const [voiding, setVoiding] = useState(false);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{inv?.invoiceNumber ?? t('common:loading')}</Text>}
      data-testid="invoice-drawer"
    >
      {inv && (
        <Stack gap="md">
          <Group justify="space-between">
            <StatusBadge status={inv.status} size="lg" />
            <DocumentActions req={{ kind: 'invoice', invoiceId: inv.id }} size="sm" />
          </Group>
          <SimpleGrid cols={2} spacing="xs">
            <Fact label={t('customer')} value={`${inv.customerName} (${inv.customerCode})`} />
            <Fact label={t('package')} value={inv.packageName ?? '—'} />
            <Fact label={t('invoice.period')} value={periodLabel(inv.period, i18n.language)} />
            <Fact label={t('invoice.invoiceDate')} value={f.date(inv.invoiceDate)} />
            <Fact label={t('invoice.dueDate')} value={f.date(inv.dueDate)} />
            <Fact label={t('invoice.description')} value={inv.description ?? '—'} />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <Fact label={t('invoice.amount')} value={<MoneyText amount={inv.amount} fw={700} />} />
            <Fact label={t('invoice.paid')} value={<MoneyText amount={inv.paidAmount} fw={700} />} />
            <Fact
              label={t('invoice.outstanding')}
              value={<MoneyText amount={inv.outstanding} fw={700} c={inv.outstanding > 0 ? 'red' : undefined} />}
            />
          </SimpleGrid>
          {inv.status === 'void' && (
            <Text size="sm" c="red">
              {t('voidedBy', {
                name: inv.voidedByName ?? '—',
                at: f.dateTime(inv.voidedAt),
                reason: inv.voidReason ?? '',
              })}
            </Text>
          )}
          <Divider label={t('payments')} labelPosition="left" />
          {inv.allocations.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('invoice.noPayments')}
            </Text>
          ) : (
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {inv.allocations.map((a, i) => (
                  <Table.Tr key={i} style={a.isLive ? undefined : { textDecoration: 'line-through', opacity: 0.6 }}>
                    <Table.Td>{a.paymentNumber}</Table.Td>
                    <Table.Td>{f.dateTime(a.paidAt)}</Table.Td>
                    <Table.Td>{a.source === 'deposit' ? t('method.deposit') : t(`method.${a.method}`)}</Table.Td>
                    <Table.Td ta="right">
                      <MoneyText amount={a.amount} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {can('invoices.void') && inv.status !== 'void' && (
            <Group>
              <Button
                color="red"
                variant="light"
                leftSection={<IconBan size={16} />}
                onClick={() => setVoiding(true)}
                data-testid="invoice-void"
              >
                {t('invoice.void')}
              </Button>
            </Group>
          )}
          <VoidDialog
            opened={voiding}
            title={t('invoice.voidTitle', { number: inv.invoiceNumber })}
            message={t('invoice.voidHelp')}
            onClose={() => setVoiding(false)}
            onVoid={(reason) => api('invoices.void', { id: inv.id, reason })}
          />
        </Stack>
      )}
    </Drawer>
  );
}

export function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </Stack>
  );
}
