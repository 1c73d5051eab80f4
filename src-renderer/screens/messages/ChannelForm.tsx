import { Alert, Button, Group, Paper, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ChannelView } from '../../../src-shared/contract/messaging';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError } from '../../components';

type Provider = 'fonnte' | 'wablas';

/** Digits only, or null when empty; anything else is sent as typed and refused by the server with a reason. */
const whole = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));

/**
 * The WhatsApp channel through an HTTP gateway (Fonnte or Wablas): credentials are sent, never shown
 * back (the server only says whether one is stored), throttling, pause/resume.
 */
export function ChannelForm() {
  const channels = useApiQuery('messages.channels', {});
  if (!channels.data) return null;
  const stored = channels.data.find((c) => c.channel === 'whatsapp');
  // Keyed by what is stored (not the day's count, which moves while messages go out): after a save the
  // fields start again from the saved settings.
  return (
    <ChannelFields
      key={JSON.stringify(stored ? { ...stored, sentToday: 0 } : null)}
      stored={stored}
      reload={channels.refetch}
    />
  );
}

function ChannelFields({ stored, reload }: { stored: ChannelView | undefined; reload: () => void }) {
  const { t } = useTranslation('messages');
  const th = stored?.throttle;
  const [provider, setProvider] = useState<Provider>(stored?.provider === 'wablas' ? 'wablas' : 'fonnte');
  const [enabled, setEnabled] = useState(stored?.enabled ?? true);
  const [baseUrl, setBaseUrl] = useState(stored?.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [minGap, setMinGap] = useState(String(th?.minGapSeconds ?? 5));
  const [maxGap, setMaxGap] = useState(String(th?.maxGapSeconds ?? 15));
  const [cap, setCap] = useState(th ? (th.dailyCap === null ? '' : String(th.dailyCap)) : '500');
  const [quietStart, setQuietStart] = useState(th ? (th.quietStart ?? '') : '21:00');
  const [quietEnd, setQuietEnd] = useState(th ? (th.quietEnd ?? '') : '07:00');
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    const secrets = {
      ...(token ? { token } : {}),
      ...(provider === 'wablas' && secretKey ? { secretKey } : {}),
    };
    const r = await api('messages.saveChannel', {
      channel: 'whatsapp',
      enabled,
      settings: { provider, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}), ...secrets },
      throttle: {
        minGapSeconds: whole(minGap) ?? 0,
        maxGapSeconds: whole(maxGap) ?? 0,
        dailyCap: whole(cap),
        quietStart: quietStart.trim() || null,
        quietEnd: quietEnd.trim() || null,
      },
    });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    setToken('');
    setSecretKey('');
    notifications.show({ color: 'teal', message: t('channelForm.saved') });
    reload();
  };
  const pause = async (paused: boolean) => {
    const r = await api('messages.pauseChannel', { channel: 'whatsapp', paused });
    if (!r.ok) return notifyApiError(r.error);
    reload();
  };
  const storedHint = (name: string) =>
    stored?.provider === provider && stored.secretsStored.includes(name) ? t('channelForm.secretStored') : undefined;

  return (
    <Paper withBorder p="md" maw={640}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={650}>{t('channelForm.title')}</Text>
          {stored && <Text size="sm">{t('channelForm.sentToday', { count: stored.sentToday })}</Text>}
        </Group>
        {stored?.paused && <Alert color="yellow">{t('channelForm.paused')}</Alert>}
        <Select
          label={t('channelForm.provider')}
          value={provider}
          onChange={(v) => v && setProvider(v as Provider)}
          data={[
            { value: 'fonnte', label: t('channelForm.providers.fonnte') },
            { value: 'wablas', label: t('channelForm.providers.wablas') },
          ]}
          allowDeselect={false}
        />
        <Switch
          label={t('channelForm.enabled')}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <TextInput
          label={t('channelForm.baseUrl')}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('channelForm.token')}
          description={storedHint('token')}
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          autoComplete="off"
        />
        {provider === 'wablas' && (
          <PasswordInput
            label={t('channelForm.secretKey')}
            description={storedHint('secretKey')}
            value={secretKey}
            onChange={(e) => setSecretKey(e.currentTarget.value)}
            autoComplete="off"
          />
        )}
        <Group grow>
          <TextInput
            label={t('channelForm.minGap')}
            value={minGap}
            onChange={(e) => setMinGap(e.currentTarget.value)}
          />
          <TextInput
            label={t('channelForm.maxGap')}
            value={maxGap}
            onChange={(e) => setMaxGap(e.currentTarget.value)}
          />
          <TextInput label={t('channelForm.dailyCap')} value={cap} onChange={(e) => setCap(e.currentTarget.value)} />
        </Group>
        <Group grow>
          <TextInput
            label={t('channelForm.quietStart')}
            value={quietStart}
            onChange={(e) => setQuietStart(e.currentTarget.value)}
          />
          <TextInput
            label={t('channelForm.quietEnd')}
            value={quietEnd}
            onChange={(e) => setQuietEnd(e.currentTarget.value)}
          />
        </Group>
        <Group>
          <Button onClick={() => void save()} loading={busy}>
            {t('channelForm.save')}
          </Button>
          {stored && (
            <Button variant="default" onClick={() => void pause(!stored.paused)}>
              {stored.paused ? t('channelForm.resume') : t('channelForm.pause')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
