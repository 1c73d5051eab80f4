import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import type { Reseller } from '../../../src-shared/contract/resellers';
import { roleCan } from '../../../src-shared/permissions';
import { useApiQuery } from '../../api/useApi';
import { useSession } from '../../app/session';
import { EmptyState, ListScreen, MoneyText, useListParams, useRouteId, type Column } from '../../components';
import { useFormat } from '../../lib/format';
import { ResellerDetail } from './ResellerDetail';
import { ResellerForm } from './ResellerForm';

/** Mitra (resellers): list with balances; `/new` adds one, `/:id` opens its page. */
export default function ResellersScreen() {
  const { t } = useTranslation('resellers');
  const f = useFormat();
  const role = useSession((s) => s.me?.role);
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const openId = useRouteId('/:id');
  const list = useListParams<never>();
  const q = useApiQuery('resellers.list', list.params, { entities: ['resellers', 'payments', 'all'] });

  if (openId !== null) return <ResellerDetail id={openId} onBack={() => navigate('/')} />;

  const columns: Column<Reseller, never>[] = [
    {
      key: 'name',
      header: t('field.name'),
      render: (r) => (
        <div>
          <Text size="sm" fw={500}>
            {r.name}
          </Text>
          <Text size="xs" c="dimmed">
            {r.code}
            {r.phone ? ` · ${r.phone}` : ''}
          </Text>
        </div>
      ),
    },
    {
      key: 'status',
      header: t('field.status'),
      render: (r) => (
        <Badge variant="dot" color={r.status === 'active' ? 'teal' : 'gray'}>
          {t(`status.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'customers', header: t('field.customers'), render: (r) => <Text size="sm">{f.number(r.customers)}</Text> },
    { key: 'balance', header: t('field.balance'), render: (r) => <MoneyText amount={r.balance} size="sm" fw={600} /> },
    {
      key: 'login',
      header: t('field.login'),
      render: (r) => (
        <Text size="sm" c={r.username ? undefined : 'dimmed'}>
          {r.username ?? t('noLogin')}
        </Text>
      ),
    },
  ];
  const total = q.data?.total ?? 0;
  return (
    <ListScreen
      title={t('title')}
      subtitle={q.data ? t('count', { count: total, formatted: f.number(total) }) : t('subtitle')}
      addLabel={roleCan(role, 'resellers.write') ? t('add') : null}
      list={list}
      searchPlaceholder={t('searchPlaceholder')}
      searchWidth={300}
      columns={columns}
      page={q.data}
      loading={q.loading}
      onOpen={(r) => navigate(`/${r.id}`)}
      empty={<EmptyState title={t('emptyTitle')} description={t('emptyText')} />}
    >
      <ResellerForm
        opened={isNew}
        reseller={null}
        onClose={() => navigate('/')}
        onSaved={(r) => navigate(`/${r.id}`)}
      />
    </ListScreen>
  );
}
