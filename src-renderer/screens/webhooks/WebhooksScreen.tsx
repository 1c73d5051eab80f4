import { Badge, Button, Code, Group, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookEndpoint } from '../../../src-shared/contract/webhooks';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { ConfirmDialog, notifyApiError, SecretOnceModal, ShortListScreen, useConfirmedAction } from '../../components';
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
  const rotating = useConfirmedAction(
    (e: WebhookEndpoint) => api('webhooks.rotateSecret', { id: e.id }),
    (rotated) => {
      setSecret({ url: rotated.endpoint.url, secret: rotated.secret });
      q.refetch();
    },
  );
  const deleting = useConfirmedAction(
    (e: WebhookEndpoint) => api('webhooks.delete', { id: e.id }),
    (deleted) => {
      notifications.show({ color: 'teal', message: t('deleted', { count: deleted.deliveries }) });
      q.refetch();
    },
  );

  return (
    <ShortListScreen
      title={t('title')}
      subtitle={t('subtitle')}
      docs={{ href: '/api/v1/docs#webhooks', label: t('docsLink') }}
      createLabel={t('create')}
      onCreate={() => setEditing('new')}
      rows={q.data?.items}
      empty={{ icon: <IconWebhook size={30} stroke={1.5} />, title: t('empty') }}
      testId="webhooks-table"
      minWidth={820}
      headers={[t('field.url'), t('field.events'), t('field.state'), t('field.deliveries')]}
      row={(e) => (
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
              {e.lastDeliveredAt ? t('lastDelivered', { at: f.dateTime(e.lastDeliveredAt) }) : t('neverDelivered')}
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
              <Button size="compact-sm" variant="subtle" color="orange" onClick={() => rotating.ask(e)}>
                {t('rotate')}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => deleting.ask(e)}>
                {t('delete')}
              </Button>
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    >
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
      <SecretOnceModal
        secret={secret?.secret ?? null}
        onClose={() => setSecret(null)}
        title={t('secretTitle')}
        testId="webhook-secret"
        before={
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {secret?.url}
          </Text>
        }
        texts={{ once: t('secretOnce'), copy: t('copy'), copied: t('copied'), saved: t('secretSaved') }}
      />
      <ConfirmDialog
        opened={!!rotating.row}
        title={t('rotateTitle', { url: rotating.row?.url ?? '' })}
        message={t('rotateMessage')}
        confirmLabel={t('rotate')}
        onCancel={rotating.cancel}
        onConfirm={rotating.confirm}
      />
      <ConfirmDialog
        opened={!!deleting.row}
        title={t('deleteTitle', { url: deleting.row?.url ?? '' })}
        message={t('deleteMessage', { count: deleting.row?.pending ?? 0 })}
        confirmLabel={t('delete')}
        onCancel={deleting.cancel}
        onConfirm={deleting.confirm}
      />
      <DeliveryLog endpoint={logOf} onClose={() => setLogOf(null)} />
    </ShortListScreen>
  );
}
