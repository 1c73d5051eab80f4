import { Button, Group, Menu, SegmentedControl, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseImport, IconEdit, IconEye, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import { type CUSTOMER_SORT_FIELDS, CUSTOMER_STATUSES, type Customer } from '../../../src-shared/contract/customers';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  MoneyText,
  StatusBadge,
  notifyApiError,
  useListParams,
  type Column,
  RowMenu,
  ListEmpty,
  ListScreen,
  useMissingRecord,
  useRouteId,
} from '../../components';
import { useFormat } from '../../lib/format';
import { CustomerDetail } from './CustomerDetail';
import { CustomerForm } from './CustomerForm';
import { BrandFilter } from '../brands/BrandSelect';
import { brandColumns } from '../brands/brandColumn';
import { useBrands } from '../brands/useBrands';

type SortField = (typeof CUSTOMER_SORT_FIELDS)[number];
type Status = (typeof CUSTOMER_STATUSES)[number];

/**
 * Pelanggan. Routes under /customers: `/` list, `/new`, `/:id` (detail drawer), `/:id/edit`.
 * The list stays mounted under the dialogs so its search, page and scroll survive.
 */
export default function CustomersScreen() {
  const { t } = useTranslation('customers');
  const can = useCan();
  const f = useFormat();
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const [isEdit] = useRoute('/:id/edit');
  const detailId = useRouteId('/:id');
  const editId = useRouteId('/:id/edit');

  const brands = useBrands();
  const list = useListParams<SortField, { status?: Status; brandId?: number }>({
    sort: { field: 'customerCode', dir: 'desc' },
  });
  const q = useApiQuery('customers.list', list.params, { entities: ['customers', 'all'] });
  const editing = useApiQuery('customers.get', { id: editId ?? 0 }, { enabled: editId !== null });
  const [toDelete, setToDelete] = useState<Pick<Customer, 'id' | 'name' | 'customerCode'> | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);

  useMissingRecord(editId, editing.error);

  const remove = async () => {
    if (!toDelete) return;
    const r = await api('customers.delete', { id: toDelete.id });
    setToDelete(null);
    if (!r.ok) return notifyApiError(r.error, r.error.code === 'CONFLICT' ? t('deleteRefused') : undefined);
    notifications.show({ color: 'teal', message: t('deleted', { name: toDelete.name }) });
    navigate('/');
  };

  const loadDemo = async () => {
    setLoadingDemo(true);
    const r = await api('demo.load', {});
    setLoadingDemo(false);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('common:demoLoaded', r.value) });
  };

  const columns: Column<Customer, SortField>[] = [
    {
      key: 'code',
      header: t('field.customerCode'),
      sortField: 'customerCode',
      width: 120,
      render: (c) => (
        <Text ff="monospace" size="sm">
          {c.customerCode}
        </Text>
      ),
    },
    {
      key: 'name',
      header: t('field.name'),
      sortField: 'name',
      render: (c) => (
        <div style={{ minWidth: 180 }}>
          <Text size="sm" fw={500}>
            {c.name}
          </Text>
          {c.address && (
            <Text size="xs" c="dimmed" lineClamp={1} maw={320}>
              {c.address}
            </Text>
          )}
        </div>
      ),
    },
    ...brandColumns<Customer, SortField>(brands, t),
    {
      key: 'contact',
      header: t('contact'),
      render: (c) => (
        <div>
          <Text size="sm">{c.phone ?? '—'}</Text>
          {c.email && (
            <Text size="xs" c="dimmed" lineClamp={1} maw={240}>
              {c.email}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'status',
      header: t('field.status'),
      sortField: 'status',
      width: 130,
      render: (c) => <StatusBadge status={c.status} />,
    },
    {
      key: 'joinDate',
      header: t('joinedShort'),
      sortField: 'joinDate',
      width: 130,
      render: (c) => <Text size="sm">{f.date(c.joinDate)}</Text>,
    },
    {
      key: 'deposit',
      header: t('field.deposit'),
      sortField: 'deposit',
      align: 'right',
      width: 130,
      render: (c) => <MoneyText amount={c.deposit} size="sm" />,
    },
    {
      key: 'actions',
      header: '',
      width: 48,
      render: (c) => (
        <RowMenu label={t('common:actions')}>
          <Menu.Item leftSection={<IconEye size={16} />} onClick={() => navigate(`/${c.id}`)}>
            {t('common:details')}
          </Menu.Item>
          {can('customers.write') && (
            <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => navigate(`/${c.id}/edit`)}>
              {t('common:edit')}
            </Menu.Item>
          )}
          {can('customers.delete') && (
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setToDelete(c)}>
              {t('common:delete')}
            </Menu.Item>
          )}
        </RowMenu>
      ),
    },
  ];

  const filtered = !!list.search || !!list.filters.status || list.filters.brandId !== undefined;
  const total = q.data?.total ?? 0;

  return (
    <ListScreen
      title={t('title')}
      subtitle={
        q.data
          ? t(q.data.totalIsLowerBound ? 'countAtLeast' : 'count', { count: total, formatted: f.number(total) })
          : '\u00a0'
      }
      addLabel={can('customers.write') ? t('add') : null}
      list={list}
      searchPlaceholder={t('searchPlaceholder')}
      searchWidth={380}
      filters={
        <>
          <SegmentedControl
            aria-label={t('field.status')}
            data-testid="status-filter"
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilter('status', v === 'all' ? undefined : (v as Status))}
            data={[
              { value: 'all', label: t('common:all') },
              ...CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) })),
            ]}
          />
          {brands.all.length > 1 && (
            <BrandFilter brands={brands} value={list.filters.brandId} onChange={(v) => list.setFilter('brandId', v)} />
          )}
        </>
      }
      columns={columns}
      page={q.data}
      loading={q.loading}
      onOpen={(c) => navigate(`/${c.id}`)}
      empty={
        <ListEmpty
          filtered={filtered}
          noMatch={{ title: t('noMatchTitle'), description: t('noMatchText') }}
          onClearFilters={list.clearFilters}
          clearLabel={t('clearFilters')}
          icon={<IconUsers size={30} stroke={1.5} />}
          title={t('emptyTitle')}
          description={t('emptyText')}
          actions={
            <Group gap="sm">
              {can('customers.write') && (
                <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/new')}>
                  {t('add')}
                </Button>
              )}
              {can('system.admin') && (
                <Button
                  variant="default"
                  leftSection={<IconDatabaseImport size={16} />}
                  loading={loadingDemo}
                  onClick={() => void loadDemo()}
                >
                  {t('common:loadDemo')}
                </Button>
              )}
            </Group>
          }
        />
      }
    >
      <CustomerDetail
        id={isEdit ? null : detailId}
        onClose={() => navigate('/')}
        onEdit={(c) => navigate(`/${c.id}/edit`)}
        onDelete={(c) => setToDelete(c)}
      />
      <CustomerForm
        opened={isNew || (editId !== null && editing.data?.id === editId)}
        customer={isNew ? null : (editing.data ?? null)}
        onClose={() => navigate(editId ? `/${editId}` : '/')}
        onSaved={(c) => navigate(`/${c.id}`)}
      />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('deleteTitle')}
        message={toDelete ? t('deleteText', { name: toDelete.name, code: toDelete.customerCode }) : ''}
        confirmLabel={t('common:delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={remove}
      />
    </ListScreen>
  );
}
