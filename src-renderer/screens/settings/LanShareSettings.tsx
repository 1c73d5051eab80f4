import { Alert, Anchor, Button, Checkbox, Code, Group, Stack, Switch, Tabs, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconKey, IconNetwork } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError, translateApiMessage } from '../../components';
import { QrCode } from '../../components/QrCode';
import { useFormat } from '../../lib/format';
import type { SettingsForm } from './settingsForm';

/** Which tab each office-network setting sits on (a field with an error selects its tab). */
export const LAN_SHARE_FIELD_TABS = { lanShareEnabled: 'lan', lanShareHosts: 'lan', lanSharePort: 'lan' } as const;

export function LanShareTab() {
  const { t } = useTranslation('settings');
  return (
    <Tabs.Tab value="lan" leftSection={<IconNetwork size={16} />}>
      {t('tabs.lan')}
    </Tabs.Tab>
  );
}

/** A short code, valid a few minutes, that another PC types to connect as a seat. */
function PairingCode({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const make = async () => {
    setBusy(true);
    const r = await api('lanShare.newPairingCode', {});
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    setCode(r.value);
  };
  return (
    <Stack gap={4}>
      <Text fw={500}>{t('lan.pairing')}</Text>
      {code && (
        <Group gap="sm">
          <Code fz="xl" data-testid="pairing-code">
            {code.code}
          </Code>
          <Text size="sm" c="dimmed">
            {t('lan.validUntil', { time: f.time(code.expiresAt) })}
          </Text>
        </Group>
      )}
      <Text size="sm" c="dimmed" maw={420}>
        {t('lan.pairingHint')}
      </Text>
      {canWrite && (
        <Group>
          <Button variant="light" leftSection={<IconKey size={16} />} loading={busy} onClick={make}>
            {code ? t('lan.newCodeAgain') : t('lan.newCode')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Where the shared host listens now, its certificate's fingerprint, the QR code and the pairing code. */
function SharedAddress({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation('settings');
  const q = useApiQuery('lanShare.status', {}, { entities: ['settings', 'lan_share'] });
  if (!q.data) return null;
  if (q.data.error) return <Alert color="red">{translateApiMessage(q.data.error)}</Alert>;
  if (!q.data.urls.length) return <Text c="dimmed">{t('lan.off')}</Text>;
  return (
    <Group align="flex-start" gap="lg">
      <QrCode text={q.data.urls[0]!} alt={t('lan.address')} testId="lan-qr" />
      <Stack gap="sm">
        <Stack gap={4}>
          <Text fw={500}>{t('lan.address')}</Text>
          {q.data.urls.map((u) => (
            <Anchor key={u} href={u} target="_blank" rel="noreferrer" data-testid="lan-url">
              {u}
            </Anchor>
          ))}
        </Stack>
        <Stack gap={4}>
          <Text fw={500}>{t('lan.fingerprint')}</Text>
          <Code block maw={420} data-testid="lan-fingerprint">
            {q.data.fingerprint}
          </Code>
          <Text size="sm" c="dimmed" maw={420}>
            {t('lan.fingerprintHint')}
          </Text>
        </Stack>
        <PairingCode canWrite={canWrite} />
      </Stack>
    </Group>
  );
}

/** Settings → Jaringan kantor: on/off, the addresses of this PC to share on and the port (fields of the settings form). */
export function LanShareSettings({
  form,
  ro,
  port,
}: {
  form: UseFormReturnType<SettingsForm>;
  ro: boolean;
  port: ReactNode;
}) {
  const { t } = useTranslation('settings');
  const q = useApiQuery('lanShare.status', {}, { entities: ['settings', 'lan_share'] });
  const interfaces = q.data?.interfaces ?? [];
  return (
    <Tabs.Panel value="lan">
      <Stack maw={720}>
        <Switch
          label={t('fields.lanShareEnabled')}
          description={t('hints.lanShareEnabled')}
          disabled={ro}
          {...form.getInputProps('lanShareEnabled', { type: 'checkbox' })}
        />
        <Checkbox.Group
          label={t('fields.lanShareHosts')}
          description={t('hints.lanShareHosts')}
          {...form.getInputProps('lanShareHosts')}
        >
          <Stack gap={6} mt={6}>
            {interfaces.map((i) => (
              <Checkbox key={i.address} value={i.address} label={`${i.address} (${i.name})`} disabled={ro} />
            ))}
            {q.data && !interfaces.length && <Text c="dimmed">{t('lan.noInterfaces')}</Text>}
          </Stack>
        </Checkbox.Group>
        {port}
        <SharedAddress canWrite={!ro} />
      </Stack>
    </Tabs.Panel>
  );
}
