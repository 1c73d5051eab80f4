import { Badge, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import { TICKET_CATEGORIES, TICKET_STATUSES } from '../../../src-shared/contract/ticket-schemas';
import { useApiQuery } from '../../api/useApi';
import { DataTable, PageHeader, SearchInput, type Column } from '../../components';
import { useFormat } from '../../lib/format';
import { STATUS_COLOR } from './statusColor';
import { TicketDrawer } from './TicketDrawer';

type Ticket = OutputOf<'tickets.list'>['items'][number];
type Filters = Pick<NonNullable<InputOf<'tickets.list'>>, 'status' | 'category' | 'assigned'>;

/** Tiket: customers' support tickets from the portal, newest activity first; Enter opens one. */
export default function TicketsScreen() {
  const { t } = useTranslation('tickets');
  const f = useFormat();
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [openId, setOpenId] = useState<number | null>(null);
  const q = useApiQuery('tickets.list', { ...filters, search, page, pageSize }, { entities: ['tickets'] });
  const set = (patch: Filters) => {
    setFilters((old) => ({ ...old, ...patch }));
    setPage(1);
  };
  const columns: Column<Ticket>[] = [
    { key: 'id', header: '#', render: (r) => r.id, width: 70 },
    {
      key: 'customer',
      header: t('customer'),
      render: (r) => `${r.customerCode} · ${r.customerName}`,
    },
    { key: 'category', header: t('category'), render: (r) => t(`categories.${r.category}`) },
    { key: 'subject', header: t('subject'), render: (r) => r.subject },
    {
      key: 'status',
      header: t('status'),
      render: (r) => <Badge color={STATUS_COLOR[r.status]}>{t(`statuses.${r.status}`)}</Badge>,
    },
    { key: 'assigned', header: t('assigned'), render: (r) => r.assignedName ?? '—' },
    { key: 'updated', header: t('updated'), render: (r) => f.dateTime(r.updatedAt) },
  ];
  const none = '';
  return (
    <>
      <PageHeader title={t('title')} />
      <Group mb="md" gap="sm" wrap="wrap">
        <SearchInput
          value={search}
          onSearch={(v) => {
            setSearch(v);
            setPage(1);
          }}
          placeholder={t('search')}
        />
        <Select
          aria-label={t('status')}
          data={[
            { value: none, label: t('allStatuses') },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
          ]}
          value={filters.status ?? none}
          onChange={(v) => set({ status: (v || undefined) as Filters['status'] })}
          allowDeselect={false}
          data-testid="ticket-filter-status"
        />
        <Select
          aria-label={t('category')}
          data={[
            { value: none, label: t('allCategories') },
            ...TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })),
          ]}
          value={filters.category ?? none}
          onChange={(v) => set({ category: (v || undefined) as Filters['category'] })}
          allowDeselect={false}
        />
        <Select
          aria-label={t('assigned')}
          data={[
            { value: none, label: t('anyone') },
            { value: 'me', label: t('mine') },
            { value: 'none', label: t('unassigned') },
          ]}
          value={filters.assigned ?? none}
          onChange={(v) => set({ assigned: (v || undefined) as Filters['assigned'] })}
          allowDeselect={false}
        />
      </Group>
      <DataTable
        label={t('title')}
        columns={columns}
        rows={q.data?.items}
        rowKey={(r) => r.id}
        total={q.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        loading={q.loading}
        onOpen={(r) => setOpenId(r.id)}
        empty={t('empty')}
      />
      <TicketDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
