import { Button, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GATEWAY_TX_STATES, GATEWAYS, type GatewayTx } from '../../../src-shared/contract/gateway-payments';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText, notifyApiError, PageHeader } from '../../components';
import { downloadBase64 } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { StateBadge } from './GatewayTxCard';
import { ReviewList } from './ReviewList';

type Filters = {
  provider?: (typeof GATEWAYS)[number];
  state?: GatewayTx['state'];
  from?: string;
  to?: string;
  search?: string;
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every gateway transaction beside the ledger, with filters, totals per day and gateway, and an export. */
export default function ReconciliationScreen() {
  const { t } = useTranslation('gateways');
  const f = useFormat();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const [exporting, setExporting] = useState(false);
  const q = useApiQuery('gatewayPayments.list', filters, { entities: ['payments', 'gatewayPayments'] });
  const set = (patch: Filters) => setFilters((old) => ({ ...old, ...patch }));
  const exportXlsx = async () => {
    setExporting(true);
    const r = await api('gatewayPayments.export', filters);
    setExporting(false);
    if (r.ok) downloadBase64({ ...r.value, mime: XLSX });
    else notifyApiError(r.error);
  };
  const items = q.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('recon.title')}
        subtitle={t('recon.subtitle')}
        actions={
          can('reports.export') && (
            <Button
              variant="light"
              leftSection={<IconFileSpreadsheet size={16} />}
              loading={exporting}
              onClick={() => void exportXlsx()}
            >
              {t('recon.export')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
        <Select
          aria-label={t('pay.gateway')}
          placeholder={t('recon.allProviders')}
          clearable
          data={GATEWAYS.map((p) => ({ value: p, label: t(`provider.${p}`) }))}
          value={filters.provider ?? null}
          onChange={(v) => set({ provider: (v ?? undefined) as Filters['provider'] })}
        />
        <Select
          aria-label={t('recon.allStates')}
          placeholder={t('recon.allStates')}
          clearable
          data={GATEWAY_TX_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          value={filters.state ?? null}
          onChange={(v) => set({ state: (v ?? undefined) as Filters['state'] })}
          data-testid="recon-state"
        />
        <TextInput
          type="date"
          label={t('recon.from')}
          value={filters.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('recon.to')}
          value={filters.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        />
        <TextInput
          placeholder={t('recon.search')}
          aria-label={t('recon.search')}
          value={filters.search ?? ''}
          onChange={(e) => set({ search: e.currentTarget.value || undefined })}
        />
      </SimpleGrid>
      <Paper withBorder p="sm">
        {!items.length && <Text c="dimmed">{t('recon.empty')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="recon-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('recon.created')}</Table.Th>
                  <Table.Th>{t('pay.gateway')}</Table.Th>
                  <Table.Th>{t('tx.reference')}</Table.Th>
                  <Table.Th>{t('recon.customer')}</Table.Th>
                  <Table.Th>{t('pay.method')}</Table.Th>
                  <Table.Th>{t('recon.allStates')}</Table.Th>
                  <Table.Th ta="right">{t('recon.asked')}</Table.Th>
                  <Table.Th ta="right">{t('recon.paid')}</Table.Th>
                  <Table.Th>{t('tx.invoices')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{f.dateTime(r.createdAt)}</Table.Td>
                    <Table.Td>{t(`provider.${r.provider}`)}</Table.Td>
                    <Table.Td>{r.merchantRef}</Table.Td>
                    <Table.Td>
                      {r.customerCode} {r.customerName}
                    </Table.Td>
                    <Table.Td>{r.method}</Table.Td>
                    <Table.Td>
                      <StateBadge state={r.state} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <MoneyText amount={r.amount} />
                    </Table.Td>
                    <Table.Td ta="right">{r.paidAmount === null ? '—' : <MoneyText amount={r.paidAmount} />}</Table.Td>
                    <Table.Td>
                      {r.resellerId !== null
                        ? t('recon.resellerTopUp')
                        : r.invoices.map((i) => i.invoiceNumber).join(', ')}
                      {r.paymentNumber ? ` → ${r.paymentNumber}` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('recon.totals')}
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('recon.day')}</Table.Th>
                <Table.Th>{t('pay.gateway')}</Table.Th>
                <Table.Th ta="right">{t('recon.count')}</Table.Th>
                <Table.Th ta="right">{t('recon.asked')}</Table.Th>
                <Table.Th ta="right">{t('recon.paid')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(q.data?.totals ?? []).map((r) => (
                <Table.Tr key={`${r.day}-${r.provider}`}>
                  <Table.Td>{f.date(r.day)}</Table.Td>
                  <Table.Td>{t(`provider.${r.provider}`)}</Table.Td>
                  <Table.Td ta="right">{r.count}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={r.amount} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={r.paid} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="sm">
        <ReviewList />
      </Paper>
    </Stack>
  );
}
