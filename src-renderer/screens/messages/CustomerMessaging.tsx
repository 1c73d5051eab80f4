import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_CHANNELS, OUTBOX_KINDS, type OutboxRowView } from '../../../src-shared/contract/messaging';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { notifyApiError } from '../../components';

type Kind = OutboxRowView['kind'];
type Channel = OutboxRowView['channel'];
/** The kinds a customer may refuse (a broadcast is an operator's notice, e.g. gangguan, but may be refused too). */
const OPTABLE = OUTBOX_KINDS;

/** On the customer: where their messages go, which kinds they refused, and click-to-chat. */
export function CustomerMessaging({ customerId }: { customerId: number }) {
  const can = useCan();
  const prefs = useApiQuery('messages.prefs', { customerId }, { enabled: can('messages.read') });
  if (!can('messages.read') || !prefs.data) return null;
  return (
    <PrefsForm key={JSON.stringify(prefs.data)} customerId={customerId} stored={prefs.data} reload={prefs.refetch} />
  );
}

function PrefsForm({
  customerId,
  stored,
  reload,
}: {
  customerId: number;
  stored: { channel: Channel | null; optOut: Kind[]; e164: string | null; phoneProblem: string | null };
  reload: () => void;
}) {
  const { t } = useTranslation('messages');
  const can = useCan();
  const [channel, setChannel] = useState<string>(stored.channel ?? 'auto');
  const [optOut, setOptOut] = useState<Kind[]>(stored.optOut);
  const [busy, setBusy] = useState(false);
  const editable = can('customers.write');

  const save = async () => {
    setBusy(true);
    const r = await api('messages.savePrefs', {
      customerId,
      channel: channel === 'auto' ? null : (channel as Channel),
      optOut,
    });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('prefs.saved') });
    reload();
  };

  return (
    <Paper withBorder p="sm" data-testid="customer-messaging">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {t('prefs.title')}
          </Text>
          <Text size="xs" c={stored.e164 ? 'dimmed' : 'red'}>
            {stored.e164 ??
              t(`prefs.phone.${stored.phoneProblem ?? 'empty'}`, { defaultValue: t('prefs.phone.invalid') })}
          </Text>
        </Group>
        <Select
          label={t('prefs.channel')}
          value={channel}
          onChange={(v) => v && setChannel(v)}
          data={[
            { value: 'auto', label: t('prefs.auto') },
            ...MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
          ]}
          allowDeselect={false}
          disabled={!editable}
        />
        <Text size="xs" c="dimmed">
          {t('prefs.optOut')}
        </Text>
        <SimpleGrid cols={2} spacing={4}>
          {OPTABLE.map((k) => (
            <Checkbox
              key={k}
              size="xs"
              label={t(`kind.${k}`)}
              checked={optOut.includes(k)}
              disabled={!editable}
              onChange={(e) => setOptOut(e.currentTarget.checked ? [...optOut, k] : optOut.filter((x) => x !== k))}
            />
          ))}
        </SimpleGrid>
        <Group justify="space-between">
          {can('messages.send') ? <WhatsAppButton customerId={customerId} /> : <span />}
          {editable && (
            <Button size="xs" onClick={() => void save()} loading={busy}>
              {t('prefs.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * Click-to-chat for offices without a gateway: the server fills the kind's template for this customer
 * (and invoice) and records the offer; the desk PC opens WhatsApp with the text ready.
 */
export function WhatsAppButton({
  customerId,
  invoiceId,
  kinds = ['bill_issued', 'reminder_final', 'due_today', 'overdue', 'payment_receipt'],
}: {
  customerId: number;
  invoiceId?: number;
  kinds?: Kind[];
}) {
  const { t } = useTranslation('messages');
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    const r = await api('messages.waLink', { kind, customerId, ...(invoiceId ? { invoiceId } : {}) });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    window.open(r.value.url, '_blank', 'noopener,noreferrer');
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label={t('waLink.kind')}
        size="xs"
        w={180}
        value={kind}
        onChange={(v) => v && setKind(v as Kind)}
        data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        allowDeselect={false}
      />
      <Button
        size="xs"
        color="green"
        variant="light"
        leftSection={<IconBrandWhatsapp size={16} />}
        onClick={() => void open()}
        loading={busy}
      >
        {t('waLink.open')}
      </Button>
    </Group>
  );
}
