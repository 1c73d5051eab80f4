import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceStatus } from '../../../src-shared/contract/invoices';
import { useApiQuery } from '../../api/useApi';
import { useCan, useSession } from '../../app/session';
import { MoneyText, PageHeader, StatusBadge, useListParams, type Column } from '../../components';
import { useFormat } from '../../lib/format';
import { CustomerFilter } from '../payments/CustomerFilter';
import { DocumentActions } from '../payments/DocumentButtons';
import { customerColumn } from '../payments/listParts';
import { MoneyList } from '../payments/MoneyList';
import { periodLabel, periodOptions } from '../payments/periods';
import { GenerateInvoicesDialog } from './GenerateInvoicesDialog';
import { InvoiceDrawer } from './InvoiceDrawer';
import { PayLinkActions } from './PayLinkActions';

type View = 'all' | 'open' | InvoiceStatus;
const VIEWS: View[] = ['all', 'open', 'overdue', 'unpaid', 'partial', 'paid', 'void'];

export default function InvoicesScreen() {
  const { t, i18n } = useTranslation('billing');
  const f = useFormat();
  const can = useCan();
  const tz = useSession((s) => s.info?.timeZone ?? 'Asia/Jakarta');
  const [view, setView] = useState<View>('all');
  const [generating, setGenerating] = useState(false);
  const list = useListParams<never, { period?: string; customerId?: number }>();
  const { sort: _sort, ...params } = list.params;
  const q = useApiQuery(
    'invoices.list',
    {
      ...params,
      ...(view === 'open' ? { openOnly: true } : view !== 'all' ? { status: view } : {}),
      sortDir: view === 'overdue' || view === 'open' ? 'asc' : 'desc',
    },
    { entities: ['invoices', 'payments'] },
  );

  const columns: Column<Invoice>[] = [
    {
      key: 'number',
      header: t('invoice.number'),
      render: (r) => (
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {r.invoiceNumber}
        </Text>
      ),
    },
    customerColumn(t('customer')),
    { key: 'period', header: t('invoice.period'), render: (r) => r.period },
    {
      key: 'due',
      header: t('invoice.dueDate'),
      render: (r) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {f.date(r.dueDate)}
        </Text>
      ),
    },
    { key: 'amount', header: t('invoice.amount'), align: 'right', render: (r) => <MoneyText amount={r.amount} /> },
    {
      key: 'outstanding',
      header: t('invoice.outstanding'),
      align: 'right',
      render: (r) => <MoneyText amount={r.outstanding} c={r.outstanding > 0 ? 'red' : 'dimmed'} />,
    },
    {
      key: 'status',
      header: t('status'),
      width: 150,
      render: (r) => <StatusBadge status={r.status} style={{ maxWidth: 'none' }} />,
    },
    {
      key: 'pdf',
      header: '',
      render: (r) => (
        <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <DocumentActions req={{ kind: 'invoice', invoiceId: r.id }} compact />
          {r.outstanding > 0 && r.status !== 'void' && <PayLinkActions invoiceId={r.id} compact />}
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('invoices')}
        subtitle={
          q.data
            ? t('invoice.summary', {
                count: q.data.total,
                amount: f.rupiah(q.data.totalAmount),
                outstanding: f.rupiah(q.data.totalOutstanding),
              })
            : undefined
        }
        actions={
          can('billing.run') && (
            <Button
              leftSection={<IconFileInvoice size={16} />}
              onClick={() => setGenerating(true)}
              data-testid="generate-invoices"
            >
              {t('run.open')}
            </Button>
          )
        }
      />
      <MoneyList
        list={list}
        searchPlaceholder={t('invoice.searchPlaceholder')}
        filters={
          <>
            <SegmentedControl
              value={view}
              onChange={(v) => {
                setView(v as View);
                list.setPage(1);
              }}
              data={VIEWS.map((v) => ({ value: v, label: t(`invoice.view.${v}`) }))}
              data-testid="invoice-view"
            />
            <Select
              placeholder={t('invoice.allPeriods')}
              clearable
              searchable
              w={200}
              data={periodOptions(tz).map((p) => ({ value: p, label: periodLabel(p, i18n.language) }))}
              value={list.filters.period ?? null}
              onChange={(v) => list.setFilter('period', v ?? undefined)}
              aria-label={t('invoice.period')}
            />
            <CustomerFilter value={list.filters.customerId} onChange={(id) => list.setFilter('customerId', id)} />
          </>
        }
        label={t('invoices')}
        columns={columns}
        page={q.data}
        loading={q.loading}
        empty={{ title: t('invoice.empty'), description: can('billing.run') ? t('invoice.emptyHelp') : undefined }}
        drawer={(id, onClose) => <InvoiceDrawer id={id} onClose={onClose} />}
      />
      {can('billing.run') && <GenerateInvoicesDialog opened={generating} onClose={() => setGenerating(false)} />}
    </Stack>
  );
}
