import { Button, Card, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { fieldError, MoneyInput, MoneyText, notifyApiError, rupiahValue } from '../../components';
import { useFormat } from '../../lib/format';

type Pending = OutputOf<'collectors.pending'>[number];

/** Setoran: what each collector holds since the last hand-over; the cashier counts it (variance stored). */
export function HandOverTab() {
  const { t } = useTranslation('collectors');
  const f = useFormat();
  const pending = useApiQuery('collectors.pending', {}, { entities: ['collectors', 'payments'] });
  const history = useApiQuery('collectors.settlements', {}, { entities: ['collectors'] });
  const [counting, setCounting] = useState<Pending | null>(null);

  return (
    <Stack gap="md">
      {pending.data?.length === 0 && <Text c="dimmed">{t('office.noCollectors')}</Text>}
      {pending.data?.map((p) => (
        <Card key={p.collectorId} withBorder padding="sm" data-testid="handover-card">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{p.fullName}</Text>
              <Text size="sm" c="dimmed">
                {t('office.holds', { count: p.unsettled.count })}
              </Text>
            </div>
            <Group gap="sm" wrap="nowrap">
              <MoneyText amount={p.unsettled.total} fw={700} data-testid="handover-expected" />
              <Button size="xs" disabled={p.unsettled.count === 0} onClick={() => setCounting(p)}>
                {t('office.count')}
              </Button>
            </Group>
          </Group>
          {p.items.length > 0 && (
            <Table mt="xs" fz="xs" data-testid="handover-items">
              <Table.Tbody>
                {p.items.map((c) => (
                  <Table.Tr key={c.key}>
                    <Table.Td>{c.paymentNumber}</Table.Td>
                    <Table.Td>{c.customerName}</Table.Td>
                    <Table.Td>{c.outcome === 'deposit' ? t('recent.toDeposit') : ''}</Table.Td>
                    <Table.Td ta="right">
                      <MoneyText amount={c.amount} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      ))}
      <Text fw={600}>{t('office.history')}</Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="settlements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office.col.when')}</Table.Th>
              <Table.Th>{t('office.col.collector')}</Table.Th>
              <Table.Th ta="right">{t('office.col.expected')}</Table.Th>
              <Table.Th ta="right">{t('office.col.counted')}</Table.Th>
              <Table.Th ta="right">{t('office.col.variance')}</Table.Th>
              <Table.Th>{t('office.col.cashier')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data?.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{f.dateTime(s.at)}</Table.Td>
                <Table.Td>{s.collectorName}</Table.Td>
                <Table.Td ta="right">
                  <MoneyText amount={s.expected} />
                </Table.Td>
                <Table.Td ta="right">
                  <MoneyText amount={s.counted} />
                </Table.Td>
                <Table.Td ta="right" title={s.note ?? undefined}>
                  <MoneyText amount={s.variance} />
                </Table.Td>
                <Table.Td>{s.cashierName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CountDialog pending={counting} onClose={() => setCounting(null)} />
    </Stack>
  );
}

function CountDialog({ pending, onClose }: { pending: Pending | null; onClose: () => void }) {
  const { t } = useTranslation('collectors');
  const f = useFormat();
  const [counted, setCounted] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const value = rupiahValue(counted, { min: 0 });
  const variance = pending && value !== undefined ? value - pending.unsettled.total : null;

  const submit = async () => {
    if (!pending || value === undefined) return;
    setBusy(true);
    const r = await api('collectors.settle', {
      collectorId: pending.collectorId,
      expected: pending.unsettled.total,
      counted: value,
      note: note || undefined,
    });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('office.settled', { name: pending.fullName }) });
    setCounted('');
    setNote('');
    onClose();
  };

  return (
    <Modal opened={!!pending} onClose={onClose} title={t('office.countTitle', { name: pending?.fullName ?? '' })}>
      {pending && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text>{t('office.col.expected')}</Text>
            <MoneyText amount={pending.unsettled.total} fw={700} />
          </Group>
          <MoneyInput
            label={t('office.col.counted')}
            value={counted}
            onChange={setCounted}
            error={counted ? fieldError('rupiah', counted, { min: 0 }) : null}
            data-autofocus
            data-testid="handover-counted"
          />
          {variance !== null && (
            <Text c={variance === 0 ? 'teal' : 'red'} data-testid="handover-variance">
              {t('office.variance', { amount: f.rupiah(variance) })}
            </Text>
          )}
          <Textarea
            label={t('office.note')}
            required={variance !== null && variance !== 0}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={300}
          />
          <Button loading={busy} disabled={value === undefined} onClick={() => void submit()}>
            {t('office.save')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
