import { Badge, Button, Group, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MESSAGE_CHANNELS,
  OUTBOX_KINDS,
  OUTBOX_STATUSES,
  type OutboxRowView,
} from '../../../src-shared/contract/messaging';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { EmptyState, PageHeader, notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';
import { BroadcastPanel } from './BroadcastPanel';
import { ChannelsPanel } from './ChannelForm';
import { KindsPanel } from './KindsPanel';
import { TemplatePreview } from './TemplatePreview';

const STATUS_COLOR: Record<string, string> = {
  queued: 'blue',
  sending: 'indigo',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
  unknown: 'yellow',
};
const PAGE_SIZE = 50;

/** Pesan: the outbox (queue, sent, failed with reasons), resend/cancel, broadcasts, channel and templates. */
export default function MessagesScreen() {
  const { t } = useTranslation('messages');
  const [tab, setTab] = useState<string | null>('queue');
  return (
    <Stack gap={0}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="queue">{t('tabs.queue')}</Tabs.Tab>
          <Tabs.Tab value="channels">{t('tabs.channels')}</Tabs.Tab>
          <Tabs.Tab value="kinds">{t('tabs.kinds')}</Tabs.Tab>
          <Tabs.Tab value="templates">{t('tabs.templates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue">
          <Queue />
        </Tabs.Panel>
        <Tabs.Panel value="channels">
          <ChannelsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="kinds">
          <KindsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <TemplatePreview />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Queue() {
  const { t } = useTranslation('messages');
  const f = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const input = {
    ...(status ? { status: status as OutboxRowView['status'] } : {}),
    ...(kind ? { kind: kind as OutboxRowView['kind'] } : {}),
    ...(channel ? { channel: channel as OutboxRowView['channel'] } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
  const q = useApiQuery('messages.list', input, { refetchOn: ['messages.progress'] });
  const counts = useApiQuery('messages.counts', {}, { refetchOn: ['messages.progress'] });
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / PAGE_SIZE));
  const reason = (r: string | null) => (r ? t(`reasons.${r}`, { defaultValue: r }) : '');

  const act = async (row: OutboxRowView, what: 'resend' | 'cancel') => {
    const r =
      what === 'resend'
        ? await api('messages.resend', { id: row.id })
        : await api('messages.cancel', { id: row.id, reason: t('cancelReason') });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t(what === 'resend' ? 'resent' : 'cancelled') });
    q.refetch();
    counts.refetch();
  };
  const select = (
    label: string,
    value: string | null,
    set: (v: string | null) => void,
    options: string[],
    ns: string,
  ) => (
    <Select
      label={label}
      placeholder={t('filter.all')}
      clearable
      value={value}
      onChange={(v) => {
        set(v);
        setPage(1);
      }}
      data={options.map((o) => ({ value: o, label: t(`${ns}.${o}`) }))}
      w={220}
    />
  );

  return (
    <Stack>
      {counts.data && (
        <Text size="sm" data-testid="message-counts">
          {t('counts', counts.data)}
        </Text>
      )}
      <BroadcastPanel />
      <Group align="flex-end">
        {select(t('filter.status'), status, setStatus, [...OUTBOX_STATUSES], 'status')}
        {select(t('filter.kind'), kind, setKind, [...OUTBOX_KINDS], 'kind')}
        {select(t('filter.channel'), channel, setChannel, [...MESSAGE_CHANNELS], 'channel')}
      </Group>
      {q.data && q.data.items.length === 0 ? (
        <EmptyState title={t('empty')} description={t('emptyText')} />
      ) : (
        // Seven columns with a date and buttons that do not wrap: on a phone the table scrolls in its box.
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover aria-label={t('title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.created')}</Table.Th>
                <Table.Th>{t('field.customer')}</Table.Th>
                <Table.Th>{t('field.kind')}</Table.Th>
                <Table.Th>{t('field.channel')}</Table.Th>
                <Table.Th>{t('field.status')}</Table.Th>
                <Table.Th>{t('field.reason')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data?.items.map((m) => (
                <Table.Tr key={m.id} data-testid={`message-${m.id}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(m.createdAt)}</Table.Td>
                  <Table.Td>
                    {m.customerCode} · {m.customerName}
                  </Table.Td>
                  <Table.Td>{t(`kind.${m.kind}`)}</Table.Td>
                  <Table.Td>{t(`channel.${m.channel}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[m.status]} variant="light">
                      {t(`status.${m.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={m.detail ?? undefined}>
                      {reason(m.reason)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {['failed', 'unknown', 'cancelled'].includes(m.status) && (
                        <Button size="xs" variant="light" onClick={() => void act(m, 'resend')}>
                          {t('resend')}
                        </Button>
                      )}
                      {['queued', 'failed', 'unknown'].includes(m.status) && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => void act(m, 'cancel')}>
                          {t('cancel')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <Group>
          <Button variant="default" size="xs" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('prev')}
          </Button>
          <Text size="sm">{t('page', { page, pages })}</Text>
          <Button variant="default" size="xs" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('next')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
