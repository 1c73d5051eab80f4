import { Box, Button, Menu, SegmentedControl, Select, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBox, IconEdit, IconPlayerPause, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import {
  BILLING_CYCLES,
  type PACKAGE_SORT_FIELDS,
  type BillingCycle,
  type InternetPackage,
} from '../../../src-shared/contract/packages';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  MoneyText,
  notifyApiError,
  useListParams,
  type Column,
  RowMenu,
  ListEmpty,
  useMissingRecord,
  useRouteId,
  ListScreen,
} from '../../components';
import { useFormat } from '../../lib/format';
import { PackageForm } from './PackageForm';
import { BrandFilter } from '../brands/BrandSelect';
import { brandColumns } from '../brands/brandColumn';
import { useBrands } from '../brands/useBrands';

type SortField = (typeof PACKAGE_SORT_FIELDS)[number];
type Filters = { isActive?: boolean; billingCycle?: BillingCycle; brandId?: number };

/** Paket Internet. Routes under /packages: `/` list, `/new`, `/:id` (edit, or view for read-only roles). */
export default function PackagesScreen() {
  const { t } = useTranslation('packages');
  const can = useCan();
  const f = useFormat();
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const openId = useRouteId('/:id');
  const canWrite = can('packages.write');

  const brands = useBrands();
  const list = useListParams<SortField, Filters>({ sort: { field: 'price', dir: 'asc' } });
  const q = useApiQuery('packages.list', list.params, { entities: ['packages', 'all'] });
  const opened = useApiQuery('packages.get', { id: openId ?? 0 }, { enabled: openId !== null });
  const [toDelete, setToDelete] = useState<InternetPackage | null>(null);

  useMissingRecord(openId, opened.error);

  const setActive = async (p: InternetPackage, isActive: boolean) => {
    const r = await api('packages.update', { id: p.id, isActive });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t(isActive ? 'activated' : 'deactivated', { name: p.name }) });
  };

  const remove = async () => {
    if (!toDelete) return;
    const r = await api('packages.delete', { id: toDelete.id });
    setToDelete(null);
    if (!r.ok) return notifyApiError(r.error, r.error.code === 'CONFLICT' ? t('deleteRefused') : undefined);
    notifications.show({ color: 'teal', message: t('deleted', { name: toDelete.name }) });
    navigate('/');
  };

  const columns: Column<InternetPackage, SortField>[] = [
    {
      key: 'name',
      header: t('field.name'),
      sortField: 'name',
      render: (p) => (
        <div>
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
          {p.features.length > 0 && (
            <Text size="xs" c="dimmed" lineClamp={1} maw={340}>
              {p.features.join(' · ')}
            </Text>
          )}
        </div>
      ),
    },
    ...brandColumns<InternetPackage, SortField>(brands, t),
    {
      key: 'bandwidth',
      header: t('bandwidth'),
      sortField: 'bandwidthDown',
      render: (p) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          ↓ {f.bandwidth(p.bandwidthDown)}{' '}
          <Text span c="dimmed" size="sm">
            / ↑ {f.bandwidth(p.bandwidthUp)}
          </Text>
        </Text>
      ),
    },
    {
      key: 'cycle',
      header: t('field.billingCycle'),
      sortField: 'billingCycle',
      render: (p) => (
        <Text size="sm">
          {t(`cycle.${p.billingCycle}`)}{' '}
          <Text span c="dimmed" size="xs">
            ({t('daysCount', { count: p.durationDays })})
          </Text>
        </Text>
      ),
    },
    {
      key: 'price',
      header: t('field.price'),
      sortField: 'price',
      align: 'right',
      render: (p) => <MoneyText amount={p.price} size="sm" fw={500} />,
    },
    {
      key: 'used',
      header: t('used'),
      align: 'right',
      width: 90,
      render: (p) => <Text size="sm">{f.number(p.accounts)}</Text>,
    },
    {
      key: 'active',
      header: t('field.isActive'),
      width: 90,
      render: (p) => (
        // The switch lives inside a clickable row: its clicks (label and input) must not open the row.
        <Box onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} w="fit-content">
          <Switch
            size="sm"
            checked={p.isActive}
            disabled={!canWrite}
            aria-label={t('toggleActive', { name: p.name })}
            onChange={(e) => void setActive(p, e.currentTarget.checked)}
          />
        </Box>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 48,
      render: (p) =>
        canWrite || can('packages.delete') ? (
          <RowMenu label={t('common:actions')}>
            {canWrite && (
              <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => navigate(`/${p.id}`)}>
                {t('common:edit')}
              </Menu.Item>
            )}
            {canWrite && (
              <Menu.Item
                leftSection={p.isActive ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                onClick={() => void setActive(p, !p.isActive)}
              >
                {p.isActive ? t('deactivate') : t('activate')}
              </Menu.Item>
            )}
            {can('packages.delete') && (
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setToDelete(p)}>
                {t('common:delete')}
              </Menu.Item>
            )}
          </RowMenu>
        ) : null,
    },
  ];

  const filtered =
    !!list.search ||
    list.filters.isActive !== undefined ||
    !!list.filters.billingCycle ||
    list.filters.brandId !== undefined;
  const total = q.data?.total ?? 0;
  const activeValue = list.filters.isActive === undefined ? 'all' : list.filters.isActive ? 'active' : 'inactive';

  return (
    <ListScreen
      title={t('title')}
      subtitle={q.data ? t('count', { count: total, formatted: f.number(total) }) : '\u00a0'}
      addLabel={canWrite ? t('add') : null}
      list={list}
      searchPlaceholder={t('searchPlaceholder')}
      searchWidth={320}
      filters={
        <>
          <SegmentedControl
            aria-label={t('field.isActive')}
            data-testid="active-filter"
            value={activeValue}
            onChange={(v) => list.setFilter('isActive', v === 'all' ? undefined : v === 'active')}
            data={[
              { value: 'all', label: t('common:all') },
              { value: 'active', label: t('common:status.active') },
              { value: 'inactive', label: t('common:status.inactive') },
            ]}
          />
          <Select
            aria-label={t('field.billingCycle')}
            data-testid="cycle-filter"
            w={170}
            value={list.filters.billingCycle ?? 'all'}
            onChange={(v) => list.setFilter('billingCycle', !v || v === 'all' ? undefined : (v as BillingCycle))}
            allowDeselect={false}
            data={[
              { value: 'all', label: t('allCycles') },
              ...BILLING_CYCLES.map((c) => ({ value: c, label: t(`cycle.${c}`) })),
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
      onOpen={(p) => navigate(`/${p.id}`)}
      empty={
        <ListEmpty
          filtered={filtered}
          noMatch={{ title: t('noMatchTitle'), description: t('noMatchText') }}
          onClearFilters={list.clearFilters}
          clearLabel={t('customers:clearFilters')}
          icon={<IconBox size={30} stroke={1.5} />}
          title={t('emptyTitle')}
          description={t('emptyText')}
          actions={
            canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/new')}>
                {t('add')}
              </Button>
            )
          }
        />
      }
    >
      <PackageForm
        opened={isNew || (openId !== null && opened.data?.id === openId)}
        pkg={isNew ? null : (opened.data ?? null)}
        readOnly={!canWrite}
        onClose={() => navigate('/')}
        onSaved={() => navigate('/')}
      />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('deleteTitle')}
        message={toDelete ? t('deleteText', { name: toDelete.name }) : ''}
        confirmLabel={t('common:delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={remove}
      />
    </ListScreen>
  );
}
