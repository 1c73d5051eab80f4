import { Badge, Button, Card, Group, Pagination, Stack, Text, TextInput } from '@mantine/core';
import { IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { MoneyText } from '../../components';
import { CustomerForm } from './CustomerForm';

/**
 * The reseller's own customers with what they owe and whether they are isolated; when the office allows
 * it, adding a customer with an internet account and editing their details.
 */
export function CustomersView({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('resellerSelf');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  /** The form on screen: a new customer, or the id of the one being edited. */
  const [editing, setEditing] = useState<'new' | number | null>(null);
  const q = useApiQuery(
    'reseller.customers',
    { page, pageSize: 20, ...(search.trim() ? { search: search.trim() } : {}) },
    { entities: ['payments', 'resellers', 'customers', 'all'] },
  );
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / 20));
  if (editing !== null)
    return (
      <CustomerForm
        key={editing}
        customerId={editing === 'new' ? undefined : editing}
        onDone={() => (setEditing(null), void q.refetch())}
      />
    );
  return (
    <Stack gap="xs">
      {canManage && (
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEditing('new')}>
          {t('form.add')}
        </Button>
      )}
      <TextInput
        placeholder={t('search')}
        aria-label={t('search')}
        value={search}
        onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))}
      />
      {q.data?.items.length === 0 && <Text c="dimmed">{t('noCustomers')}</Text>}
      {q.data?.items.map((c) => (
        <Card key={c.id} withBorder padding="sm" data-testid="self-customer">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {c.name}
              </Text>
              <Text size="xs" c="dimmed">
                {c.customerCode}
                {c.phone ? ` · ${c.phone}` : ''}
              </Text>
            </div>
            <Stack gap={2} align="flex-end">
              {c.suspendedAccounts > 0 ? (
                <Badge color="red" variant="light">
                  {t('isolated')}
                </Badge>
              ) : (
                <Badge color="teal" variant="dot">
                  {t('online')}
                </Badge>
              )}
              {c.outstanding > 0 && <MoneyText amount={c.outstanding} size="sm" c="red" />}
              {canManage && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPencil size={12} />}
                  aria-label={t('form.editAria', { name: c.name })}
                  onClick={() => setEditing(c.id)}
                >
                  {t('form.edit')}
                </Button>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}
