import { Badge, Button, Group, Menu, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import type { AppUser } from '../../../src-shared/contract/users';
import { ROLES, type Role } from '../../../src-shared/permissions';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useSession } from '../../app/session';
import {
  EmptyState,
  notifyApiError,
  useListParams,
  type Column,
  RowMenu,
  useRouteId,
  ListScreen,
} from '../../components';
import { useFormat } from '../../lib/format';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { ActiveSessionsPanel } from './SessionsPanel';
import { UserForm } from './UserForm';
import { useUserBrandLimits, userBrandColumns } from '../brands/UserBrands';

type Filters = { role?: Role; active?: boolean };

const ROLE_COLOR: Record<Role, string> = {
  admin: 'grape',
  manager: 'indigo',
  staff: 'teal',
  reseller: 'orange',
  collector: 'lime',
};

/** Pengguna (Admin only): list, create with a role, edit, disable/enable, reset password. Routes: `/`, `/new`, `/:id`. */
export default function UsersScreen() {
  const { t } = useTranslation('users');
  const f = useFormat();
  const me = useSession((s) => s.me);
  const [, navigate] = useLocation();
  const [isNew] = useRoute('/new');
  const openId = useRouteId('/:id');

  const list = useListParams<never, Filters>({ filters: { active: true } });
  const q = useApiQuery('users.list', list.params, { entities: ['users', 'all'] });
  const editing = openId !== null ? (q.data?.items.find((u) => u.id === openId) ?? null) : null;
  const [resetFor, setResetFor] = useState<AppUser | null>(null);
  const [toDisable, setToDisable] = useState<AppUser | null>(null);
  const [reason, setReason] = useState('');
  const limits = useUserBrandLimits();

  const enable = async (u: AppUser) => {
    const r = await api('users.enable', { id: u.id });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('enabled', { username: u.username }) });
  };
  const disable = async () => {
    if (!toDisable) return;
    const r = await api('users.disable', { id: toDisable.id, reason: reason || null });
    const u = toDisable;
    setToDisable(null);
    setReason('');
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('disabled', { username: u.username }) });
  };

  const columns: Column<AppUser, never>[] = [
    {
      key: 'username',
      header: t('field.username'),
      render: (u) => (
        <div>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500}>
              {u.username}
            </Text>
            {u.id === me?.id && (
              <Badge size="xs" variant="outline" color="gray">
                {t('you')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {u.fullName}
          </Text>
        </div>
      ),
    },
    {
      key: 'role',
      header: t('field.role'),
      render: (u) => (
        <Badge variant="light" color={ROLE_COLOR[u.role]}>
          {t(`common:role.${u.role}`)}
        </Badge>
      ),
    },
    ...userBrandColumns<AppUser>(limits, t),
    {
      key: 'status',
      header: t('field.status'),
      render: (u) => (
        <Group gap={4}>
          <Badge variant="dot" color={u.isActive ? 'teal' : 'gray'}>
            {t(u.isActive ? 'status.active' : 'status.disabled')}
          </Badge>
          {u.lockedUntil && (
            <Badge variant="light" color="red" data-testid="locked-badge">
              {t('status.locked', { until: f.dateTime(u.lockedUntil) })}
            </Badge>
          )}
          {u.mustChangePassword && (
            <Badge variant="light" color="yellow">
              {t('status.mustChange')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'lastLogin',
      header: t('field.lastLogin'),
      render: (u) => <Text size="sm">{u.lastLoginAt ? f.dateTime(u.lastLoginAt) : t('never')}</Text>,
    },
    {
      key: 'actions',
      header: '',
      width: 48,
      render: (u) => (
        <RowMenu label={`${t('common:actions')} ${u.username}`}>
          <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => navigate(`/${u.id}`)}>
            {t('common:edit')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetFor(u)}>
            {t('resetPassword')}
          </Menu.Item>
          {u.isActive ? (
            <Menu.Item
              color="red"
              leftSection={<IconUserOff size={16} />}
              disabled={u.id === me?.id}
              onClick={() => setToDisable(u)}
            >
              {t('disable')}
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => void enable(u)}>
              {t('enable')}
            </Menu.Item>
          )}
        </RowMenu>
      ),
    },
  ];

  const total = q.data?.total ?? 0;
  const activeValue = list.filters.active === undefined ? 'all' : list.filters.active ? 'active' : 'disabled';
  return (
    <ListScreen
      title={t('title')}
      subtitle={q.data ? t('count', { count: total, formatted: f.number(total) }) : t('subtitle')}
      addLabel={t('add')}
      list={list}
      searchPlaceholder={t('searchPlaceholder')}
      searchWidth={300}
      filters={
        <>
          <Select
            aria-label={t('field.role')}
            w={170}
            allowDeselect={false}
            value={list.filters.role ?? 'all'}
            onChange={(v) => list.setFilter('role', !v || v === 'all' ? undefined : (v as Role))}
            data={[
              { value: 'all', label: t('allRoles') },
              ...ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) })),
            ]}
          />
          <SegmentedControl
            aria-label={t('activeFilter')}
            data-testid="active-filter"
            value={activeValue}
            onChange={(v) => list.setFilter('active', v === 'all' ? undefined : v === 'active')}
            data={[
              { value: 'active', label: t('status.active') },
              { value: 'disabled', label: t('status.disabled') },
              { value: 'all', label: t('common:all') },
            ]}
          />
        </>
      }
      columns={columns}
      page={q.data}
      loading={q.loading}
      onOpen={(u) => navigate(`/${u.id}`)}
      empty={<EmptyState title={t('noMatchTitle')} description={t('noMatchText')} />}
    >
      <UserForm
        opened={isNew || editing !== null}
        user={isNew ? null : editing}
        onClose={() => navigate('/')}
        onSaved={() => navigate('/')}
        limits={limits}
      />
      <ResetPasswordDialog user={resetFor} onClose={() => setResetFor(null)} />
      <ActiveSessionsPanel />
      <Modal
        opened={!!toDisable}
        onClose={() => {
          setToDisable(null);
          setReason('');
        }}
        title={<Text fw={600}>{toDisable ? t('disableTitle', { username: toDisable.username }) : ''}</Text>}
        centered
        data-testid="confirm-dialog"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void disable();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{toDisable ? t('disableText', { username: toDisable.username }) : ''}</Text>
            <Textarea
              label={t('field.reason')}
              value={reason}
              maxLength={500}
              autosize
              minRows={2}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={() => setToDisable(null)}>
                {t('common:cancel')}
              </Button>
              <Button type="submit" color="red" data-autofocus>
                {t('disable')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </ListScreen>
  );
}
