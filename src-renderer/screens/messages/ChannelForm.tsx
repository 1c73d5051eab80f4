import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../src-shared/contract/messaging';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, notifyApiError } from '../../components/apiError';
import { ProviderFields } from './ProviderFields';
import { PushSettings } from './PushSettings';
import { TestSend } from './TestSend';
import { PROVIDERS, toInput, toValues, type ChannelName, type Provider, type Values } from './channelValues';

/** The Kanal tab: one channel at a time (WhatsApp, SMS, e-mail with a provider and throttling; push), each with a test. */
export function ChannelsPanel() {
  const { t } = useTranslation('messages');
  const [channel, setChannel] = useState<ChannelName | 'push'>('whatsapp');
  return (
    <Stack maw={760}>
      <SegmentedControl
        aria-label={t('field.channel')}
        value={channel}
        onChange={(v) => setChannel(v as ChannelName | 'push')}
        data={(['whatsapp', 'sms', 'email', 'push'] as const).map((c) => ({ value: c, label: t(`channel.${c}`) }))}
      />
      {channel === 'push' ? <PushSettings /> : <ChannelForm key={channel} channel={channel} />}
    </Stack>
  );
}

export function ChannelForm({ channel }: { channel: ChannelName }) {
  const channels = useApiQuery('messages.channels', {});
  if (!channels.data) return null;
  const stored = channels.data.find((c) => c.channel === channel);
  // Keyed by what is stored (not the day's count, which moves while messages go out): after a save the
  // fields start again from the saved settings.
  return (
    <ChannelFields
      key={JSON.stringify(stored ? { ...stored, sentToday: 0 } : null)}
      channel={channel}
      stored={stored}
      reload={channels.refetch}
    />
  );
}

/**
 * A channel's provider settings: credentials are sent, never shown back (the server only says whether one
 * is stored), throttling, pause/resume, and "Kirim uji" with the settings as typed.
 */
function ChannelFields({
  channel,
  stored,
  reload,
}: {
  channel: ChannelName;
  stored: ChannelView | undefined;
  reload: () => void;
}) {
  const { t } = useTranslation('messages');
  const form = useForm<Values>({ initialValues: toValues(channel, stored) });
  const [busy, setBusy] = useState(false);
  const provider = form.values.provider;

  const save = async (v: Values) => {
    setBusy(true);
    const r = await api('messages.saveChannel', toInput(channel, v));
    setBusy(false);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t('channelForm.saved') });
    reload();
  };
  const pause = async (paused: boolean) => {
    const r = await api('messages.pauseChannel', { channel, paused });
    if (!r.ok) return notifyApiError(r.error);
    reload();
  };
  const th = (name: keyof Values['throttle'], label: string) => (
    <TextInput label={t(`channelForm.${label}`)} {...form.getInputProps(`throttle.${name}`)} />
  );

  return (
    <Paper withBorder p="md" component="form" onSubmit={form.onSubmit((v) => void save(v))}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={650}>{t(`channel.${channel}`)}</Text>
          {stored && <Text size="sm">{t('channelForm.sentToday', { count: stored.sentToday })}</Text>}
        </Group>
        {stored?.paused && <Alert color="yellow">{t('channelForm.paused')}</Alert>}
        {PROVIDERS[channel].length > 1 && (
          <Select
            label={t('channelForm.provider')}
            value={provider}
            onChange={(v) => v && form.setFieldValue('provider', v as Provider)}
            data={PROVIDERS[channel].map((p) => ({ value: p, label: t(`channelForm.providers.${p}`) }))}
            allowDeselect={false}
          />
        )}
        <Switch label={t('channelForm.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <ProviderFields form={form} stored={stored} />
        <Group grow>
          {th('minGapSeconds', 'minGap')}
          {th('maxGapSeconds', 'maxGap')}
          {th('dailyCap', 'dailyCap')}
        </Group>
        <Group grow>
          {th('quietStart', 'quietStart')}
          {th('quietEnd', 'quietEnd')}
        </Group>
        <Group>
          <Button type="submit" loading={busy}>
            {t('channelForm.save')}
          </Button>
          {stored && (
            <Button variant="default" onClick={() => void pause(!stored.paused)}>
              {stored.paused ? t('channelForm.resume') : t('channelForm.pause')}
            </Button>
          )}
        </Group>
        <TestSend form={form} channel={channel} />
      </Stack>
    </Paper>
  );
}
