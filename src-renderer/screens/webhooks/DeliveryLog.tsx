import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery, WebhookEndpoint } from '../../../src-shared/contract/webhooks';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { contentTestId, notifyApiError, translateApiMessage, WholeListTable } from '../../components';
import { useFormat } from '../../lib/format';
import { eventKey } from './WebhookForm';

const STATUS_COLOR: Record<WebhookDelivery['status'], string> = { pending: 'yellow', delivered: 'teal', failed: 'red' };

/** The last result of a delivery in words: the HTTP status, or why no answer came. */
export function useLastResult() {
  const { t } = useTranslation('webhooks');
  return (d: Pick<WebhookDelivery, 'lastStatus' | 'lastError'>) =>
    d.lastStatus !== null
      ? t('httpStatus', { status: d.lastStatus })
      : d.lastError
        ? translateApiMessage(d.lastError)
        : t('noReply');
}

interface Props {
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
}

/** One endpoint's deliveries, newest first: event, attempts, last HTTP status or error, next try, "Kirim ulang". */
export function DeliveryLog({ endpoint, onClose }: Props) {
  const { t } = useTranslation('webhooks');
  const f = useFormat();
  const last = useLastResult();
  const q = useApiQuery(
    'webhooks.deliveries',
    { endpointId: endpoint?.id ?? 0, limit: 100 },
    { enabled: !!endpoint, entities: ['webhooks', 'payments', 'invoices', 'customers', 'all'] },
  );
  const [busy, setBusy] = useState<number | null>(null);
  // Attempts run in the background after the commit: while one waits, look again every few seconds.
  const waiting = q.data?.items.some((d) => d.status === 'pending') ?? false;
  const { refetch } = q;
  useEffect(() => {
    if (!endpoint || !waiting) return;
    const h = setInterval(() => refetch(), 2_000);
    return () => clearInterval(h);
  }, [endpoint, waiting, refetch]);

  const resend = async (d: WebhookDelivery) => {
    setBusy(d.id);
    const r = await api('webhooks.resend', { deliveryId: d.id });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({
      color: r.value.status === 'delivered' ? 'teal' : 'yellow',
      message: t('resent', { status: last(r.value) }),
    });
    q.refetch();
  };

  return (
    <Modal
      opened={!!endpoint}
      onClose={onClose}
      size="xl"
      title={<Text fw={600}>{t('logTitle', { url: endpoint?.url ?? '' })}</Text>}
      attributes={contentTestId('webhook-log')}
    >
      <Stack gap="sm">
        <Group justify="flex-end">
          <Button size="compact-sm" variant="light" onClick={() => q.refetch()}>
            {t('refresh')}
          </Button>
        </Group>
        <WholeListTable
          rows={q.data?.items}
          empty={<Text c="dimmed">{t('logEmpty')}</Text>}
          testId="webhook-log-table"
          minWidth={700}
          headers={[t('col.event'), t('col.status'), t('col.attempts'), t('col.last'), t('col.next')]}
          row={(d) => (
            <Table.Tr key={d.id} data-testid={`webhook-delivery-${d.id}`}>
              <Table.Td>
                <Text size="sm">{t(eventKey(d.eventType))}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {d.eventId}
                </Text>
                <Text size="xs" c="dimmed">
                  {f.dateTime(d.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td miw={120}>
                <Badge variant="dot" color={STATUS_COLOR[d.status]} maw="none">
                  {t(`status.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td miw={130}>
                {d.lastAttemptAt ? (
                  <>
                    <Text size="sm">{last(d)}</Text>
                    <Text size="xs" c="dimmed">
                      {f.dateTime(d.lastAttemptAt)}
                    </Text>
                  </>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{d.status === 'pending' && d.nextAttemptAt ? f.dateTime(d.nextAttemptAt) : '—'}</Table.Td>
              <Table.Td>
                {d.status !== 'pending' && (
                  <Button size="compact-sm" variant="subtle" loading={busy === d.id} onClick={() => resend(d)}>
                    {t('resend')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Stack>
    </Modal>
  );
}
