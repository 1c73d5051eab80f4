import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '../../../src-shared/contract/api-keys';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { ConfirmDialog, contentTestId, EmptyState, notifyApiError, PageHeader } from '../../components';
import { useFormat } from '../../lib/format';
import { ApiKeyForm } from './ApiKeyForm';

const STATE_COLOR: Record<ApiKey['state'], string> = { active: 'teal', expired: 'yellow', revoked: 'gray' };

/** Kunci API (admin only): keys other systems use for /api/v1 — create (secret shown once), list with last use, revoke. */
export default function ApiKeysScreen() {
  const { t } = useTranslation('apiKeys');
  const f = useFormat();
  const q = useApiQuery('apiKeys.list', {}, { entities: ['apiKeys', 'all'] });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: ApiKey; secret: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiKey | null>(null);
  const [reason, setReason] = useState('');

  const revoke = async () => {
    if (!toRevoke) return;
    const r = await api('apiKeys.revoke', { id: toRevoke.id, reason: reason || null });
    setToRevoke(null);
    setReason('');
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('revoked', { name: r.value.name }) });
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
            <a href="/api/v1/docs" target="_blank" rel="noreferrer">
              {t('docsLink')}
            </a>
          </>
        }
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      />
      {q.data && items.length === 0 ? (
        <EmptyState icon={<IconKey size={30} stroke={1.5} />} title={t('empty')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="api-keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.name')}</Table.Th>
                <Table.Th>{t('field.scopes')}</Table.Th>
                <Table.Th>{t('field.state')}</Table.Th>
                <Table.Th>{t('field.limits')}</Table.Th>
                <Table.Th>{t('field.lastUsed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((k) => (
                <Table.Tr key={k.id} data-testid={`api-key-${k.id}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {k.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <Code>pdk_{k.prefix}_…</Code> ·{' '}
                      {t('createdBy', { at: f.dateTime(k.createdAt), by: k.createdByName ?? '—' })}
                    </Text>
                  </Table.Td>
                  <Table.Td miw={170}>
                    <Group gap={4}>
                      {k.scopes.map((s) => (
                        <Badge key={s} size="sm" variant="light" tt="none" maw="none">
                          {s}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td miw={120}>
                    <Badge variant="dot" color={STATE_COLOR[k.state]} maw="none">
                      {t(`state.${k.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{t('ratePerMinute', { n: k.ratePerMinute })}</Text>
                    <Text size="xs" c="dimmed">
                      {k.allowedIps ? k.allowedIps.join(', ') : t('anyAddress')}
                    </Text>
                    {k.expiresAt && (
                      <Text size="xs" c="dimmed">
                        {t('expires', { at: f.dateTime(k.expiresAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {k.lastUsedAt ? (
                      <>
                        <Text size="sm">{f.dateTime(k.lastUsedAt)}</Text>
                        <Text size="xs" c="dimmed">
                          {k.lastUsedFrom}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('neverUsed')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {k.state !== 'revoked' && (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setToRevoke(k)}>
                        {t('revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <ApiKeyForm
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(key, secret) => {
          setCreating(false);
          setCreated({ key, secret });
          q.refetch();
        }}
      />
      <Modal
        opened={!!created}
        onClose={() => setCreated(null)}
        centered
        size="lg"
        title={<Text fw={600}>{t('secretTitle', { name: created?.key.name ?? '' })}</Text>}
        attributes={contentTestId('api-key-secret')}
      >
        {created && (
          <Stack gap="sm">
            <Alert color="yellow">{t('secretOnce')}</Alert>
            <Code block data-testid="api-key-secret-value">
              {created.secret}
            </Code>
            <Group justify="space-between">
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('copied') : t('copy')}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setCreated(null)}>{t('secretSaved')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmDialog
        opened={!!toRevoke}
        title={t('revokeTitle', { name: toRevoke?.name ?? '' })}
        message={
          <Stack gap="xs">
            <Text size="sm">{t('revokeMessage')}</Text>
            <Textarea label={t('field.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          </Stack>
        }
        confirmLabel={t('revoke')}
        onCancel={() => {
          setToRevoke(null);
          setReason('');
        }}
        onConfirm={revoke}
      />
    </Stack>
  );
}
