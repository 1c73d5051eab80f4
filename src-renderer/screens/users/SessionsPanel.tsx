import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop, IconDeviceMobile, IconNetwork, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSession } from '../../../src-shared/contract/staff-sessions';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';

const SEAT_ICON = {
  this_pc: IconDeviceDesktop,
  office: IconNetwork,
  phone: IconDeviceMobile,
  api: IconPlugConnected,
} as const;

/** Where a session comes from: the kind of seat, the device label and the address. */
function Origin({ s }: { s: StaffSession }) {
  const { t } = useTranslation('users');
  const Icon = SEAT_ICON[s.seat ?? 'this_pc'];
  return (
    <Group gap={6} wrap="nowrap">
      <Icon size={18} aria-hidden />
      <div>
        <Text size="sm">{t(`sessions.seat.${s.seat ?? 'unknown'}`)}</Text>
        <Text size="xs" c="dimmed">
          {[s.device ?? t('sessions.unknownDevice'), s.source].filter(Boolean).join(' · ')}
        </Text>
      </div>
    </Group>
  );
}

/**
 * Live sessions with their origin and last activity; "Akhiri sesi" ends one at once (after a confirmation).
 * `mine`: the caller's own sessions (any user); otherwise every user's (Admin).
 */
function SessionTable({ mine }: { mine: boolean }) {
  const { t } = useTranslation('users');
  const f = useFormat();
  const q = useApiQuery(mine ? 'staffSessions.mine' : 'staffSessions.list', {}, { entities: ['users', 'all'] });
  const [toEnd, setToEnd] = useState<StaffSession | null>(null);
  const end = async () => {
    if (!toEnd) return;
    const s = toEnd;
    setToEnd(null);
    const r = await api(mine ? 'staffSessions.endMine' : 'staffSessions.end', { id: s.id });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('sessions.ended', { username: s.username }) });
    q.refetch();
  };
  const items = q.data?.items ?? [];
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" data-testid={mine ? 'my-sessions' : 'active-sessions'}>
          <Table.Thead>
            <Table.Tr>
              {!mine && <Table.Th>{t('field.username')}</Table.Th>}
              <Table.Th>{t('sessions.origin')}</Table.Th>
              <Table.Th>{t('sessions.signedIn')}</Table.Th>
              <Table.Th>{t('sessions.lastSeen')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id} data-testid="session-row">
                {!mine && (
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {s.username}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.fullName}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Origin s={s} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.dateTime(s.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.dateTime(s.lastSeenAt)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {s.current ? (
                    <Badge variant="outline" color="gray">
                      {t('sessions.current')}
                    </Badge>
                  ) : (
                    <Button size="xs" variant="light" color="red" onClick={() => setToEnd(s)}>
                      {t('sessions.end')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {q.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('sessions.none')}
        </Text>
      )}
      <Modal
        opened={!!toEnd}
        onClose={() => setToEnd(null)}
        title={<Text fw={600}>{t('sessions.endTitle')}</Text>}
        centered
        zIndex={400}
      >
        <Stack gap="sm">
          <Text size="sm">
            {toEnd
              ? t('sessions.endText', {
                  username: toEnd.username,
                  device: toEnd.device ?? t('sessions.unknownDevice'),
                  source: toEnd.source ?? '—',
                })
              : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setToEnd(null)}>
              {t('common:cancel')}
            </Button>
            <Button color="red" data-autofocus onClick={() => void end()}>
              {t('sessions.end')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Pengguna: every live session of every user (Admin). */
export function ActiveSessionsPanel() {
  const { t } = useTranslation('users');
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <div>
          <Title order={4}>{t('sessions.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('sessions.subtitle')}
          </Text>
        </div>
        <SessionTable mine={false} />
      </Stack>
    </Paper>
  );
}

/** The user menu's "Sesi saya": the caller's own sessions, ending the others. */
export function MySessionsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('users');
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('sessions.mineTitle')}</Text>} size="xl">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('sessions.mineText')}
        </Text>
        {opened && <SessionTable mine />}
      </Stack>
    </Modal>
  );
}
