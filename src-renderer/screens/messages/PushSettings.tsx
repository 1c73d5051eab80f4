import { Button, Code, Group, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import type { PushSettingsView } from '../../../src-shared/contract/messaging-push';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, notifyApiError } from '../../components/apiError';
import { TestAnswer } from './TestAnswer';

/**
 * Pesan → Kanal → Push: Web Push to the customers' portal (on/off, the VAPID contact, the public key
 * the portal subscribes with), and "Kirim uji" to one device of a customer with the push service's answer.
 */
export function PushSettings() {
  const q = useApiQuery('messages.push.settings', {});
  if (!q.data) return null;
  // Keyed by what is saved: a device count moving (a test removed a gone device) keeps the test's answer.
  const { enabled, subject, publicKey, quietStart, quietEnd } = q.data;
  return (
    <PushForm
      key={JSON.stringify({ enabled, subject, publicKey, quietStart, quietEnd })}
      stored={q.data}
      reload={q.refetch}
    />
  );
}

interface PushValues {
  enabled: boolean;
  subject: string;
  quietStart: string;
  quietEnd: string;
}

function PushForm({ stored, reload }: { stored: PushSettingsView; reload: () => void }) {
  const { t } = useTranslation('messages');
  const form = useForm<PushValues>({
    initialValues: {
      enabled: stored.enabled,
      subject: stored.subject,
      quietStart: stored.quietStart ?? '',
      quietEnd: stored.quietEnd ?? '',
    },
  });
  const [busy, setBusy] = useState(false);

  const save = async (v: PushValues) => {
    setBusy(true);
    // An empty box means "no quiet hours", as its label says; anything typed is sent as typed, for the
    // server to refuse naming the field when it is not HH:MM.
    const r = await api('messages.push.save', {
      enabled: v.enabled,
      subject: v.subject,
      quietStart: v.quietStart.trim() || null,
      quietEnd: v.quietEnd.trim() || null,
    });
    setBusy(false);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t('channelForm.saved') });
    reload();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={form.onSubmit((v) => void save(v))} data-testid="push-settings">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={650}>{t('channel.push')}</Text>
          <Text size="sm">{t('push.devices', { count: stored.devices })}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('push.intro')}
        </Text>
        <Switch label={t('channelForm.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <TextInput
          label={t('push.subject')}
          description={t('push.subjectHint')}
          placeholder="mailto:admin@isp.id"
          {...form.getInputProps('subject')}
        />
        <Group grow align="flex-start">
          <TextInput label={t('channelForm.quietStart')} placeholder="21:00" {...form.getInputProps('quietStart')} />
          <TextInput label={t('channelForm.quietEnd')} placeholder="07:00" {...form.getInputProps('quietEnd')} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('push.quietHint')}
        </Text>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('push.publicKey')}
          </Text>
          <Code block data-testid="push-public-key" style={{ wordBreak: 'break-all' }}>
            {stored.publicKey}
          </Code>
          <Text size="xs" c="dimmed">
            {t('push.publicKeyHint')}
          </Text>
        </Stack>
        <Group>
          <Button type="submit" loading={busy}>
            {t('channelForm.save')}
          </Button>
        </Group>
        <PushTest subject={form.values.subject} />
      </Stack>
    </Paper>
  );
}

/** A customer's devices (by customer id), then one test notice to the chosen one. */
function PushTest({ subject }: { subject: string }) {
  const { t, i18n } = useTranslation('messages');
  const [customerId, setCustomerId] = useState('');
  const [devices, setDevices] = useState<OutputOf<'messages.push.devices'> | null>(null);
  const [device, setDevice] = useState<string | null>(null);
  const [answer, setAnswer] = useState<OutputOf<'messages.push.test'> | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    setAnswer(null);
    const r = await api('messages.push.devices', { customerId: Number(customerId) });
    if (!r.ok) return notifyApiError(r.error);
    setDevices(r.value);
    setDevice(r.value[0] ? String(r.value[0].id) : null);
  };
  const send = async () => {
    if (!device) return;
    setBusy(true);
    setAnswer(null);
    const r = await api('messages.push.test', { subscriptionId: Number(device), ...(subject ? { subject } : {}) });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    setAnswer(r.value);
  };
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'id-ID');

  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput
          label={t('push.testCustomer')}
          value={customerId}
          onChange={(e) => setCustomerId(e.currentTarget.value)}
          inputMode="numeric"
          w={160}
        />
        <Button variant="default" onClick={() => void find()} disabled={!/^\d+$/.test(customerId.trim())}>
          {t('push.findDevices')}
        </Button>
      </Group>
      {devices && devices.length === 0 && <Text size="sm">{t('push.noDevices')}</Text>}
      {devices && devices.length > 0 && (
        <Group align="flex-end">
          <Select
            label={t('push.device')}
            value={device}
            onChange={setDevice}
            allowDeselect={false}
            data={devices.map((d) => ({
              value: String(d.id),
              label: `${d.device ?? t('push.unknownDevice')} · ${d.service} · ${date(d.createdAt)}`,
            }))}
            w={360}
          />
          <Button variant="light" onClick={() => void send()} loading={busy}>
            {t('test.send')}
          </Button>
        </Group>
      )}
      {answer && (
        <TestAnswer answer={answer} testId="push-test-answer">
          {answer.removed && <Text size="sm">{t('push.removed')}</Text>}
        </TestAnswer>
      )}
    </Stack>
  );
}
