import { Badge, Button, Code, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '../../../src-shared/contract/api-keys';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { ConfirmDialog, SecretOnceModal, ShortListScreen, useConfirmedAction } from '../../components';
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
  const [reason, setReason] = useState('');
  const revoking = useConfirmedAction(
    (k: ApiKey) => api('apiKeys.revoke', { id: k.id, reason: reason || null }),
    (key) => {
      notifications.show({ color: 'teal', message: t('revoked', { name: key.name }) });
      q.refetch();
    },
    () => setReason(''),
  );

  return (
    <ShortListScreen
      title={t('title')}
      subtitle={t('subtitle')}
      docs={{ href: '/api/v1/docs', label: t('docsLink') }}
      createLabel={t('create')}
      onCreate={() => setCreating(true)}
      rows={q.data?.items}
      empty={{ icon: <IconKey size={30} stroke={1.5} />, title: t('empty') }}
      testId="api-keys-table"
      minWidth={760}
      headers={[t('field.name'), t('field.scopes'), t('field.state'), t('field.limits'), t('field.lastUsed')]}
      row={(k) => (
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
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => revoking.ask(k)}>
                {t('revoke')}
              </Button>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    >
      <ApiKeyForm
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(key, secret) => {
          setCreating(false);
          setCreated({ key, secret });
          q.refetch();
        }}
      />
      <SecretOnceModal
        secret={created?.secret ?? null}
        onClose={() => setCreated(null)}
        title={t('secretTitle', { name: created?.key.name ?? '' })}
        testId="api-key-secret"
        texts={{ once: t('secretOnce'), copy: t('copy'), copied: t('copied'), saved: t('secretSaved') }}
      />
      <ConfirmDialog
        opened={!!revoking.row}
        title={t('revokeTitle', { name: revoking.row?.name ?? '' })}
        message={
          <Stack gap="xs">
            <Text size="sm">{t('revokeMessage')}</Text>
            <Textarea label={t('field.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          </Stack>
        }
        confirmLabel={t('revoke')}
        onCancel={revoking.cancel}
        onConfirm={revoking.confirm}
      />
    </ShortListScreen>
  );
}
