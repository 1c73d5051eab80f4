import { Alert, Anchor, Group, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconDeviceMobile } from '@tabler/icons-react';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';
import { translateApiMessage } from '../../components';
import { QrCode } from '../../components/QrCode';
import type { SettingsForm } from './settingsForm';

/** Where customers open the portal now, with a QR code staff can scan to try it on a phone. */
function PortalAddress() {
  const { t } = useTranslation('settings');
  const q = useApiQuery('settings.portalStatus', {}, { entities: ['settings'] });
  if (!q.data) return null;
  if (q.data.error) return <Alert color="red">{translateApiMessage(q.data.error)}</Alert>;
  if (!q.data.url) return <Text c="dimmed">{t('portal.off')}</Text>;
  return (
    <Group align="flex-start" gap="lg">
      <QrCode text={q.data.url} alt={t('portal.address')} testId="portal-qr" />
      <Stack gap={4}>
        <Text fw={500}>{t('portal.address')}</Text>
        <Anchor href={q.data.url} target="_blank" rel="noreferrer" data-testid="portal-url">
          {q.data.url}
        </Anchor>
        <Text size="sm" c="dimmed" maw={360}>
          {t('portal.scan')}
        </Text>
      </Stack>
    </Group>
  );
}

/** Which tab each portal setting sits on (a field with an error selects its tab). */
export const PORTAL_FIELD_TABS = {
  portalEnabled: 'portal',
  portalHost: 'portal',
  portalPort: 'portal',
  portalPublicUrl: 'portal',
} as const;

export function PortalTab() {
  const { t } = useTranslation('settings');
  return (
    <Tabs.Tab value="portal" leftSection={<IconDeviceMobile size={16} />}>
      {t('tabs.portal')}
    </Tabs.Tab>
  );
}

/** Settings → Portal pelanggan: on/off, address and port (fields of the settings form), and where it runs now. */
export function PortalSettings({
  form,
  ro,
  port,
}: {
  form: UseFormReturnType<SettingsForm>;
  ro: boolean;
  port: ReactNode;
}) {
  const { t } = useTranslation('settings');
  return (
    <Tabs.Panel value="portal">
      <Stack maw={720}>
        <Switch
          label={t('fields.portalEnabled')}
          description={t('hints.portalEnabled')}
          disabled={ro}
          {...form.getInputProps('portalEnabled', { type: 'checkbox' })}
        />
        <TextInput
          label={t('fields.portalHost')}
          description={t('hints.portalHost')}
          placeholder="0.0.0.0"
          disabled={ro}
          {...form.getInputProps('portalHost')}
        />
        {port}
        <TextInput
          label={t('fields.portalPublicUrl')}
          description={t('hints.portalPublicUrl')}
          placeholder="https://bayar.contoh.net/"
          disabled={ro}
          {...form.getInputProps('portalPublicUrl')}
        />
        <PortalAddress />
      </Stack>
    </Tabs.Panel>
  );
}
