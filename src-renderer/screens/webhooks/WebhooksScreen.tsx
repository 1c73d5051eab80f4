import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookEndpoint } from '../../../src-shared/contract/webhooks';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { ConfirmDialog, contentTestId, EmptyState, notifyApiError, PageHeader } from '../../components';
import { useFormat } from '../../lib/format';
import { DeliveryLog, useLastResult } from './DeliveryLog';
import { eventKey, WebhookForm } from './WebhookForm';

/**
 * Webhook (admin only, next to Kunci API): endpoints other systems receive signed events on — add/edit,
 * on/off, the signing secret shown once (at creation and rotation), "Kirim uji", and the delivery log.
 */
export default function WebhooksScreen() {
  const { t } = useTranslation('webhooks');
  const f = useFormat();
  const last = useLastResult();
  const q = useApiQuery('webhooks.list', {}, { entities: ['webhooks', 'all'] });
  const [editing, setEditing] = useState<WebhookEndpoint | 'new' | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [toRotate, setToRotate] = useState<WebhookEndpoint | null>(null);
  const [toDelete, setToDelete] = useState<WebhookEndpoint | null>(null);
  const [logOf, setLogOf] = useState<WebhookEndpoint | null>(null);
  const [testing, setTesting] = useState<number | null>(null);

  const toggle = async (e: WebhookEndpoint, enabled: boolean) => {
    const r = await api('webhooks.update', { id: e.id, enabled });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t(enabled ? 'enabledNow' : 'disabledNow') });
    q.refetch();
  };
  const test = async (e: WebhookEndpoint) => {
    setTesting(e.id);
    const r = await api('webhooks.test', { id: e.id });
    setTesting(null);
    if (!r.ok) return notifyApiError(r.error);
    const d = r.value;
    notifications.show(
      d.status === 'delivered'
        ? { color: 'teal', message: t('testOk', { status: d.lastStatus }) }
        : {
            color: 'red',
            message: t('testFailed', { reason: last(d), at: d.nextAttemptAt ? f.dateTime(d.nextAttemptAt) : '—' }),
          },
    );
    q.refetch();
  };
  const rotate = async () => {
    if (!toRotate) return;
    const r = await api('webhooks.rotateSecret', { id: toRotate.id });
    setToRotate(null);
    if (!r.ok) return notifyApiError(r.error);
    setSecret({ url: r.value.endpoint.url, secret: r.value.secret });
    q.refetch();
  };

  const remove = async () => {
    if (!toDelete) return;
    const r = await api('webhooks.delete', { id: toDelete.id });
    setToDelete(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('deleted', { count: r.value.deliveries }) });
    q.refetch();
  };

  const items = q.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        subtitle={
          <>
            {t('subtitle')}{' '}
            <a href="/api/v1/docs#webhooks" target="_blank" rel="noreferrer">
              {t('docsLink')}
            </a>
          </>
        }
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('create')}
          </Button>
        }
      />
      {q.data && items.length === 0 ? (
        <EmptyState icon={<IconWebhook size={30} stroke={1.5} />} title={t('empty')} />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover data-testid="webhooks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.url')}</Table.Th>
                <Table.Th>{t('field.events')}</Table.Th>
                <Table.Th>{t('field.state')}</Table.Th>
                <Table.Th>{t('field.deliveries')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-testid={`webhook-${e.id}`}>
                  <Table.Td maw={320}>
                    <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
                      {e.url}
                    </Text>
                    {e.description && (
                      <Text size="xs" c="dimmed">
                        {e.description}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t('field.secret')}: <Code>{e.secretHint}…</Code>
                    </Text>
                  </Table.Td>
                  <Table.Td miw={180}>
                    <Group gap={4}>
                      {e.events.map((ev) => (
                        <Badge key={ev} size="sm" variant="light" tt="none" maw="none">
                          {t(eventKey(ev))}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={e.enabled}
                      label={t(e.enabled ? 'on' : 'off')}
                      onChange={(ev) => toggle(e, ev.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{t('counts', { pending: e.pending, failed: e.failed })}</Text>
                    <Text size="xs" c="dimmed">
                      {e.lastDeliveredAt
                        ? t('lastDelivered', { at: f.dateTime(e.lastDeliveredAt) })
                        : t('neverDelivered')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" loading={testing === e.id} onClick={() => test(e)}>
                        {t('test')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" onClick={() => setLogOf(e)}>
                        {t('log')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(e)}>
                        {t('edit')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="orange" onClick={() => setToRotate(e)}>
                        {t('rotate')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setToDelete(e)}>
                        {t('delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <WebhookForm
        opened={editing !== null}
        endpoint={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(endpoint, newSecret) => {
          setEditing(null);
          if (newSecret) setSecret({ url: endpoint.url, secret: newSecret });
          q.refetch();
        }}
      />
      <Modal
        opened={!!secret}
        onClose={() => setSecret(null)}
        centered
        size="lg"
        title={<Text fw={600}>{t('secretTitle')}</Text>}
        attributes={contentTestId('webhook-secret')}
      >
        {secret && (
          <Stack gap="sm">
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {secret.url}
            </Text>
            <Alert color="yellow">{t('secretOnce')}</Alert>
            <Code block data-testid="webhook-secret-value">
              {secret.secret}
            </Code>
            <Group justify="space-between">
              <CopyButton value={secret.secret}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('copied') : t('copy')}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setSecret(null)}>{t('secretSaved')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmDialog
        opened={!!toRotate}
        title={t('rotateTitle', { url: toRotate?.url ?? '' })}
        message={t('rotateMessage')}
        confirmLabel={t('rotate')}
        onCancel={() => setToRotate(null)}
        onConfirm={rotate}
      />
      <ConfirmDialog
        opened={!!toDelete}
        title={t('deleteTitle', { url: toDelete?.url ?? '' })}
        message={t('deleteMessage', { count: toDelete?.pending ?? 0 })}
        confirmLabel={t('delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={remove}
      />
      <DeliveryLog endpoint={logOf} onClose={() => setLogOf(null)} />
    </Stack>
  );
}
