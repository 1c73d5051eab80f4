import { Button, Group, NumberInput, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindView } from '../../../src-shared/contract/messaging';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError } from '../../components';

/** Which kinds go out, and on which day: H-n before the due date for reminders, H+n after it for "overdue". */
export function KindsPanel() {
  const { t } = useTranslation('messages');
  const kinds = useApiQuery('messages.kinds', {});
  return (
    // The day inputs and the save button do not fit a phone: the table scrolls inside its own box there.
    <Table.ScrollContainer minWidth={560} maw={760}>
      <Table aria-label={t('kinds.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.kind')}</Table.Th>
            <Table.Th>{t('kinds.enabled')}</Table.Th>
            <Table.Th>{t('kinds.days')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kinds.data?.map((k) => (
            <KindRow key={JSON.stringify([k.kind, k.enabled, k.days])} kind={k} reload={kinds.refetch} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function KindRow({ kind, reload }: { kind: KindView; reload: () => void }) {
  const { t } = useTranslation('messages');
  const [enabled, setEnabled] = useState(kind.enabled);
  const [days, setDays] = useState<string | number>(kind.days ?? '');
  const label = t(`kind.${kind.kind}`);
  const dirty = enabled !== kind.enabled || (kind.hasDays && Number(days) !== kind.days);

  const save = async () => {
    const r = await api('messages.saveKind', {
      kind: kind.kind,
      enabled,
      // An empty box is sent as typed, for the server to refuse naming the field (never guessed).
      days: kind.hasDays ? (days as number) : null,
      texts: kind.texts,
    });
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('kinds.saved', { kind: label }) });
    reload();
  };

  return (
    <Table.Tr data-testid={`kind-${kind.kind}`}>
      <Table.Td>{label}</Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${t('kinds.enabled')} · ${label}`}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        {kind.hasDays ? (
          <Group gap="xs" wrap="nowrap">
            <NumberInput
              aria-label={`${t('kinds.days')} · ${label}`}
              value={days}
              onChange={setDays}
              min={0}
              max={60}
              allowDecimal={false}
              w={80}
            />
            <Text size="sm">{t(kind.kind === 'overdue' ? 'kinds.daysAfter' : 'kinds.daysBefore')}</Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t(`kinds.when.${kind.kind}`)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" disabled={!dirty} onClick={() => void save()}>
          {t('kinds.save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
