import { Button, Group, Paper, Progress, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError } from '../../components';

/** A broadcast (e.g. an outage notice) to all customers or one router's, and its progress while it drains. */
export function BroadcastPanel() {
  const { t } = useTranslation('messages');
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [routerId, setRouterId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ id: number; total: number } | null>(null);
  const routers = useApiQuery('routers.list', {}, { enabled: open });
  const progress = useApiQuery(
    'messages.counts',
    { broadcastId: sent?.id ?? 1 },
    { enabled: sent !== null, refetchOn: ['messages.progress'] },
  );

  const submit = async () => {
    setBusy(true);
    const r = await api('messages.broadcast', {
      body,
      routerId: routerId ? Number(routerId) : null,
      expiresOn: null,
    });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    setSent({ id: r.value.broadcastId, total: r.value.queued });
    setBody('');
    setOpen(false);
  };

  const c = progress.data;
  const done = c ? c.sent + c.failed + c.cancelled + c.unknown : 0;
  return (
    <Stack gap="xs">
      {sent && c && (
        <Paper withBorder p="sm" data-testid="broadcast-progress">
          <Text size="sm" fw={600}>
            {t('broadcast.progress', { id: sent.id, done, total: sent.total })}
          </Text>
          <Progress value={sent.total ? (done / sent.total) * 100 : 100} my={6} />
          <Text size="xs" c="dimmed">
            {t('broadcast.progressDetail', { sent: c.sent, failed: c.failed, queued: c.queued + c.sending })}
          </Text>
        </Paper>
      )}
      {!open ? (
        <Group>
          <Button variant="light" onClick={() => setOpen(true)}>
            {t('broadcast.open')}
          </Button>
        </Group>
      ) : (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Text fw={600}>{t('broadcast.title')}</Text>
            <Textarea
              label={t('broadcast.body')}
              description={t('broadcast.bodyHint')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={1000}
            />
            <Select
              label={t('broadcast.router')}
              placeholder={t('broadcast.allRouters')}
              clearable
              value={routerId}
              onChange={setRouterId}
              data={(routers.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
              w={280}
            />
            <Group>
              <Button onClick={() => void submit()} loading={busy} disabled={!body.trim()}>
                {t('broadcast.send')}
              </Button>
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
