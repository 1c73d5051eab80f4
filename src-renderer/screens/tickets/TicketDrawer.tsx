import { Alert, Badge, Button, Drawer, Group, Image, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, InputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan, useSession } from '../../app/session';
import { contentTestId, translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { STATUS_COLOR } from './statusColor';

/** A message's photo, loaded when asked for (photos stay in the database until someone looks). */
function Photo({ messageId }: { messageId: number }) {
  const { t } = useTranslation('tickets');
  const [src, setSrc] = useState<string | null>(null);
  if (src) return <Image src={src} alt={t('photo')} maw={320} radius="sm" />;
  const load = async () => {
    const r = await api('tickets.photo', { messageId });
    if (r.ok) setSrc(`data:${r.value.mimeType};base64,${r.value.base64}`);
  };
  return (
    <Button size="compact-xs" variant="light" onClick={load}>
      {t('showPhoto')}
    </Button>
  );
}

/** One ticket: the conversation, and for staff who may answer: take / release, reply, close. */
export function TicketDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation('tickets');
  const f = useFormat();
  const can = useCan();
  const me = useSession((s) => s.me);
  const q = useApiQuery('tickets.get', { id: id ?? 0 }, { enabled: id !== null, entities: ['tickets'] });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = q.data && q.data.ticket.id === id ? q.data : undefined;

  const run = async <C extends Channel>(channel: C, input: InputOf<C>) => {
    setBusy(true);
    setError(null);
    const r = await api(channel, input);
    setBusy(false);
    if (!r.ok) return (setError(translateApiMessage(r.error.issues?.[0]?.message ?? r.error.message)), false);
    q.refetch();
    return true;
  };

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={520}
      title={<Text fw={600}>{d ? t('ticketTitle', { id: d.ticket.id }) : t('title')}</Text>}
      attributes={contentTestId('ticket-detail')}
    >
      {d && (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={STATUS_COLOR[d.ticket.status]}>{t(`statuses.${d.ticket.status}`)}</Badge>
            <Badge variant="outline">{t(`categories.${d.ticket.category}`)}</Badge>
            <Text size="sm">
              {d.ticket.customerCode} · {d.ticket.customerName}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('assignedTo', { name: d.ticket.assignedName ?? t('nobody') })}
          </Text>
          {d.messages.map((m) => (
            <Paper
              key={m.id}
              withBorder
              p="sm"
              bg={m.author === 'staff' ? 'var(--mantine-color-blue-light)' : undefined}
            >
              <Text size="xs" c="dimmed">
                {m.author === 'staff' ? (m.staffName ?? t('staff')) : d.ticket.customerName} · {f.dateTime(m.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="ticket-message">
                {m.body}
              </Text>
              {m.hasPhoto && <Photo messageId={m.id} />}
            </Paper>
          ))}
          {error && <Alert color="red">{error}</Alert>}
          {can('tickets.write') && (
            <>
              {d.ticket.status !== 'closed' && (
                <Textarea
                  label={t('reply')}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  autosize
                  minRows={3}
                  maxLength={2000}
                  data-testid="ticket-reply"
                />
              )}
              <Group justify="space-between">
                <Group gap="xs">
                  {me && d.ticket.assignedTo !== me.id && (
                    <Button
                      variant="default"
                      size="xs"
                      disabled={busy}
                      onClick={() => run('tickets.assign', { id: d.ticket.id, userId: me.id })}
                    >
                      {t('take')}
                    </Button>
                  )}
                  {d.ticket.assignedTo !== null && (
                    <Button
                      variant="default"
                      size="xs"
                      disabled={busy}
                      onClick={() => run('tickets.assign', { id: d.ticket.id, userId: null })}
                    >
                      {t('release')}
                    </Button>
                  )}
                  {d.ticket.status !== 'closed' && (
                    <Button
                      variant="light"
                      color="gray"
                      size="xs"
                      disabled={busy}
                      onClick={() => run('tickets.close', { id: d.ticket.id })}
                    >
                      {t('close')}
                    </Button>
                  )}
                </Group>
                {d.ticket.status !== 'closed' && (
                  <Button
                    loading={busy}
                    onClick={async () => {
                      if (await run('tickets.reply', { id: d.ticket.id, text })) setText('');
                    }}
                  >
                    {t('send')}
                  </Button>
                )}
              </Group>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
