import { Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlayerPause, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import type { Brand } from '../../../src-shared/contract/brands';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import {
  ConfirmDialog,
  DataTable,
  PageHeader,
  RowMenu,
  StatusBadge,
  notifyApiError,
  useRouteId,
  type Column,
} from '../../components';
import { useFormat } from '../../lib/format';
import { BrandForm } from './BrandForm';

/**
 * Merek (Settings → brands): every brand of the installation with its identity, add, edit and turn off.
 * A brand is never deleted (its invoices print its name); turned off, no new record can be put in it.
 * Routes under /brands: `/` list, `/new`, `/:id`.
 */
export default function BrandsScreen() {
  const { t } = useTranslation('brands');
  const can = useCan();
  const f = useFormat();
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const openId = useRouteId('/:id');
  const canWrite = can('settings.write');
  const q = useApiQuery('brands.all', {}, { entities: ['brands', 'settings', 'customers', 'all'] });
  const [toDeactivate, setToDeactivate] = useState<Brand | null>(null);
  const items = q.data?.items;
  const opened = openId === null ? undefined : items?.find((b) => b.id === openId);

  const setActive = async (b: Brand, isActive: boolean) => {
    setToDeactivate(null);
    const r = await api('brands.update', { id: b.id, isActive });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t(isActive ? 'activated' : 'deactivated', { name: b.name }) });
  };

  const columns: Column<Brand>[] = [
    {
      key: 'name',
      header: t('field.name'),
      render: (b) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {b.name}
          </Text>
          {b.isDefault && (
            <Badge size="sm" variant="light" tt="none" data-testid="default-brand">
              {t('default')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'prefix',
      header: t('field.invoicePrefix'),
      render: (b) => (
        <Text size="sm" ff="monospace">
          {b.invoicePrefix}
        </Text>
      ),
    },
    {
      key: 'contact',
      header: t('contact'),
      render: (b) => (
        <Stack gap={0}>
          <Text size="sm" lineClamp={1} maw={320}>
            {b.address || '—'}
          </Text>
          {b.phone && (
            <Text size="xs" c="dimmed">
              {b.phone}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'customers',
      header: t('customers'),
      align: 'right',
      width: 110,
      render: (b) => <Text size="sm">{f.number(b.customers)}</Text>,
    },
    {
      key: 'status',
      header: t('field.isActive'),
      width: 110,
      render: (b) => <StatusBadge status={b.isActive ? 'active' : 'inactive'} />,
    },
    {
      key: 'actions',
      header: '',
      width: 48,
      render: (b) =>
        canWrite ? (
          <RowMenu label={t('common:actions')}>
            <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => navigate(`/${b.id}`)}>
              {t('common:edit')}
            </Menu.Item>
            {!b.isDefault && (
              <Menu.Item
                leftSection={b.isActive ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                onClick={() => (b.isActive ? setToDeactivate(b) : void setActive(b, true))}
              >
                {b.isActive ? t('deactivate') : t('activate')}
              </Menu.Item>
            )}
          </RowMenu>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/new')} data-testid="add-brand">
              {t('add')}
            </Button>
          )
        }
      />
      <DataTable
        label={t('title')}
        columns={columns}
        rows={items}
        rowKey={(b) => b.id}
        total={items?.length ?? 0}
        page={1}
        pageSize={Math.max(items?.length ?? 0, 1)}
        onPageChange={() => undefined}
        loading={q.loading}
        onOpen={(b) => navigate(`/${b.id}`)}
      />
      <BrandForm
        opened={isNew || opened !== undefined}
        brand={isNew ? null : (opened ?? null)}
        readOnly={!canWrite}
        onClose={() => navigate('/')}
        onSaved={() => navigate('/')}
      />
      <ConfirmDialog
        opened={!!toDeactivate}
        title={t('deactivateTitle')}
        message={toDeactivate ? t('deactivateText', { name: toDeactivate.name }) : ''}
        confirmLabel={t('deactivate')}
        onCancel={() => setToDeactivate(null)}
        onConfirm={() => (toDeactivate ? setActive(toDeactivate, false) : undefined)}
      />
    </>
  );
}
