import { Badge, Button, Checkbox, Group, Menu, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { DataTable, MoneyText, notifyApiError, RowMenu, SearchInput } from '../../components';

/** The reseller's customers with what they owe; assign more (a customer of another reseller moves) or remove. */
export function CustomersTab({ resellerId, canWrite }: { resellerId: number; canWrite: boolean }) {
  const { t } = useTranslation('resellers');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [assigning, setAssigning] = useState(false);
  const q = useApiQuery(
    'resellers.customers',
    { resellerId, page, pageSize: 25, ...(search.trim() ? { search: search.trim() } : {}) },
    { entities: ['resellers', 'customers', 'payments', 'all'] },
  );
  const unassign = async (customerId: number) => {
    const r = await api('resellers.unassign', { resellerId, customerIds: [customerId] });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('customers.unassigned') });
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SearchInput
          value={search}
          onSearch={(s) => (setSearch(s), setPage(1))}
          placeholder={t('customers.search')}
          globalShortcut={false}
          w={280}
        />
        {canWrite && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAssigning(true)} data-testid="assign-open">
            {t('customers.assign')}
          </Button>
        )}
      </Group>
      <DataTable
        label={t('tab.customers')}
        rows={q.data?.items}
        rowKey={(c) => c.id}
        total={q.data?.total ?? 0}
        page={page}
        pageSize={25}
        onPageChange={setPage}
        loading={q.loading}
        empty={<Text c="dimmed">{t('customers.empty')}</Text>}
        columns={[
          {
            key: 'name',
            header: t('field.customer'),
            render: (c) => (
              <div>
                <Text size="sm" fw={500}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.customerCode}
                  {c.phone ? ` · ${c.phone}` : ''}
                </Text>
              </div>
            ),
          },
          {
            key: 'state',
            header: t('field.status'),
            render: (c) =>
              c.suspendedAccounts > 0 ? (
                <Badge color="red" variant="light">
                  {t('customers.isolated')}
                </Badge>
              ) : (
                <Badge color="teal" variant="dot">
                  {t(`customers.status.${c.status}`)}
                </Badge>
              ),
          },
          {
            key: 'outstanding',
            header: t('field.outstanding'),
            align: 'right',
            render: (c) => <MoneyText amount={c.outstanding} size="sm" />,
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  header: '',
                  width: 48,
                  render: (c: { id: number; name: string }) => (
                    <RowMenu label={`${t('common:actions')} ${c.name}`}>
                      <Menu.Item
                        color="red"
                        leftSection={<IconUserMinus size={16} />}
                        onClick={() => void unassign(c.id)}
                      >
                        {t('customers.unassign')}
                      </Menu.Item>
                    </RowMenu>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AssignDialog resellerId={resellerId} opened={assigning} onClose={() => setAssigning(false)} />
    </Stack>
  );
}

function AssignDialog({ resellerId, opened, onClose }: { resellerId: number; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('resellers');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const q = useApiQuery(
    'customers.list',
    { page: 1, pageSize: 50, ...(search.trim() ? { search: search.trim() } : {}) },
    { enabled: opened },
  );
  const close = () => {
    setChosen([]);
    setSearch('');
    onClose();
  };
  const save = async () => {
    setSaving(true);
    const r = await api('resellers.assign', { resellerId, customerIds: chosen });
    setSaving(false);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('customers.assigned', { count: r.value.assigned }) });
    close();
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('customers.assignTitle')}</Text>} size="lg">
      <Stack gap="sm">
        <TextInput
          data-autofocus
          label={t('customers.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed">
          {t('customers.assignHelp')}
        </Text>
        <ScrollArea h={320}>
          <Checkbox.Group value={chosen.map(String)} onChange={(v) => setChosen(v.map(Number))}>
            <Stack gap={6}>
              {q.data?.items.map((c) => (
                <Checkbox key={c.id} value={String(c.id)} label={`${c.customerCode} · ${c.name}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        </ScrollArea>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:cancel')}
          </Button>
          <Button
            disabled={chosen.length === 0}
            loading={saving}
            onClick={() => void save()}
            data-testid="assign-submit"
          >
            {t('customers.assignSubmit', { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
