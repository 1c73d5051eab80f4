import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src-shared/settings';
import { api } from '../../api/client';
import { applyApiError, phoneRule, printWarning } from '../../components';
import { LogoInput } from '../settings/LogoInput';
import { timeZoneOptions } from '../settings/options';

/** Wizard step: the ISP's name, address, phone, logo (receipts, invoices) and time zone. */
export function IspStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('setup');
  const form = useForm<Pick<Settings, 'ispName' | 'ispAddress' | 'ispPhone' | 'ispLogo' | 'timeZone'>>({
    initialValues: { ispName: '', ispAddress: '', ispPhone: '', ispLogo: '', timeZone: 'Asia/Jakarta' },
    // The same phone check as the customer form and the server (src-shared/validators.ts).
    validate: { ispPhone: phoneRule },
    validateInputOnBlur: ['ispPhone'],
  });
  const save = async (v: typeof form.values) => {
    const r = await api('settings.update', v);
    if (!r.ok) return void applyApiError(form, r.error);
    onDone();
  };
  return (
    // A failed field check still asks the server (same checks, nothing written) for every message.
    <form onSubmit={form.onSubmit(save, () => void save(form.getValues()))}>
      <Stack gap="sm" mt="md">
        <Text size="sm" c="dimmed">
          {t('isp.intro')}
        </Text>
        <TextInput
          label={t('settings:fields.ispName')}
          placeholder={t('isp.namePlaceholder')}
          description={printWarning(form.values.ispName)}
          withAsterisk
          autoFocus
          {...form.getInputProps('ispName')}
        />
        <TextInput label={t('settings:fields.ispAddress')} {...form.getInputProps('ispAddress')} />
        <TextInput label={t('settings:fields.ispPhone')} {...form.getInputProps('ispPhone')} />
        <LogoInput
          value={form.values.ispLogo}
          onChange={(v) => form.setFieldValue('ispLogo', v)}
          error={form.errors.ispLogo}
        />
        <Select
          label={t('settings:fields.timeZone')}
          description={t('settings:hints.timeZone')}
          data={timeZoneOptions(t)}
          allowDeselect={false}
          {...form.getInputProps('timeZone')}
        />
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={form.submitting}>
            {t('next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
