import {
  Button,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GATEWAY_CREDENTIALS, type GatewaySettings } from '../../../src-shared/contract/gateway-payments';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { applyApiError, IntegerInput, integerValue, PageHeader } from '../../components';

/** Settings → Payment gateway: one card per provider. Keys are write-only: typed, sealed, never shown. */
export default function GatewaySettingsScreen() {
  const { t } = useTranslation('gateways');
  const q = useApiQuery('gateways.list', {}, { entities: ['gateways'] });
  return (
    <Stack gap="md">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {(q.data ?? []).map((g) => (
        <GatewayCard key={g.provider} settings={g} />
      ))}
    </Stack>
  );
}

interface Values {
  enabled: boolean;
  mode: 'sandbox' | 'production';
  methods: string;
  feePayer: 'customer' | 'isp';
  baseUrl: string;
  ratePerSecond: string;
  alertAfterMinutes: string;
  expiryHours: string;
  callbacksEnabled: boolean;
  credentials: Record<string, string>;
}

const valuesOf = (g: GatewaySettings): Values => ({
  enabled: g.enabled,
  mode: g.mode,
  methods: g.methods.join(', '),
  feePayer: g.feePayer,
  baseUrl: g.baseUrl ?? '',
  ratePerSecond: String(g.ratePerSecond),
  alertAfterMinutes: String(g.alertAfterMinutes),
  expiryHours: String(g.expiryHours),
  callbacksEnabled: g.callbacksEnabled,
  credentials: Object.fromEntries(GATEWAY_CREDENTIALS[g.provider].map((k) => [k, ''])),
});

function GatewayCard({ settings }: { settings: GatewaySettings }) {
  const { t } = useTranslation('gateways');
  const can = useCan();
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({ initialValues: valuesOf(settings) });
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the stored settings change
  useEffect(() => form.setValues(valuesOf(settings)), [settings]);
  const save = async (v: Values) => {
    setBusy(true);
    const r = await api('gateways.save', {
      provider: settings.provider,
      enabled: v.enabled,
      mode: v.mode,
      methods: v.methods
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
      feePayer: v.feePayer,
      baseUrl: v.baseUrl.trim() || null,
      ratePerSecond: integerValue(v.ratePerSecond) ?? 0,
      alertAfterMinutes: integerValue(v.alertAfterMinutes) ?? 0,
      expiryHours: integerValue(v.expiryHours) ?? 0,
      callbacksEnabled: v.callbacksEnabled,
      credentials: Object.fromEntries(Object.entries(v.credentials).filter(([, val]) => val.trim())),
    });
    setBusy(false);
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t('settings.saved') });
  };
  return (
    <Paper withBorder p="md" data-testid={`gateway-settings-${settings.provider}`}>
      <form onSubmit={form.onSubmit((v) => void save(v))}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t(`provider.${settings.provider}`)}</Title>
            <Switch label={t('settings.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text size="sm">{t('settings.mode')}</Text>
              <SegmentedControl
                data={[
                  { value: 'sandbox', label: t('settings.sandbox') },
                  { value: 'production', label: t('settings.production') },
                ]}
                {...form.getInputProps('mode')}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm">{t('settings.feePayer')}</Text>
              <SegmentedControl
                data={[
                  { value: 'isp', label: t('settings.feeIsp') },
                  { value: 'customer', label: t('settings.feeCustomer') },
                ]}
                {...form.getInputProps('feePayer')}
              />
            </Stack>
            {GATEWAY_CREDENTIALS[settings.provider].map((k) => (
              <PasswordInput
                key={k}
                label={t(`settings.key.${k}`)}
                autoComplete="off"
                placeholder={settings.credentialsSet.includes(k) ? t('settings.keySet') : t('settings.keyEmpty')}
                error={form.errors[`credentials.${k}`]}
                {...form.getInputProps(`credentials.${k}`)}
              />
            ))}
            <TextInput label={t('settings.methods')} {...form.getInputProps('methods')} />
            <TextInput
              label={t('settings.baseUrl')}
              placeholder={settings.defaultBaseUrl}
              {...form.getInputProps('baseUrl')}
            />
            <IntegerInput label={t('settings.rate')} {...form.getInputProps('ratePerSecond')} />
            <IntegerInput label={t('settings.alertAfter')} {...form.getInputProps('alertAfterMinutes')} />
            <IntegerInput label={t('settings.expiry')} {...form.getInputProps('expiryHours')} />
            <Switch label={t('settings.callbacks')} {...form.getInputProps('callbacksEnabled', { type: 'checkbox' })} />
          </SimpleGrid>
          {can('settings.write') && (
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t('settings.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
