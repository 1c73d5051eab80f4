import { ActionIcon, Button, Group, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src-shared/settings';
import type { SettingsForm } from './settingsForm';

/** Which tab the kode unik settings sit on (a field with an error selects its tab). */
export const TRANSFER_FIELD_TABS = { kodeUnikEnabled: 'isolir', kodeUnikMax: 'isolir' } as const;

/**
 * Settings → Halaman isolir: where the router sends isolated customers' HTTP (the portal's address as the
 * router reaches it), the isolir profile's own pool, and the bank accounts the isolir page shows.
 */
export function IsolirPagePanel(props: {
  form: UseFormReturnType<SettingsForm>;
  ro: boolean;
  /** The settings screen's number field for a key (strict parser, its label and hint). */
  num: (key: keyof Settings, hintKey?: string) => ReactNode;
}) {
  const { t } = useTranslation('settings');
  const { form, ro } = props;
  const text = (k: keyof SettingsForm) => ({ label: t(`fields.${k}`), disabled: ro, ...form.getInputProps(k) });
  const accounts = form.values.bankAccounts;
  return (
    <Stack maw={720}>
      <Text size="sm" c="dimmed">
        {t('hints.isolirPage')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput {...text('isolirPortalAddress')} placeholder="192.168.88.10" />
        {props.num('isolirPortalPort')}
        <TextInput {...text('isolirPoolRanges')} description={t('hints.isolirPoolRanges')} />
        <TextInput {...text('isolirLocalAddress')} />
      </SimpleGrid>
      <Title order={5}>{t('fields.bankAccounts')}</Title>
      {accounts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bankAccounts.none')}
        </Text>
      )}
      {accounts.map((_, i) => (
        <Group key={i} align="flex-end" wrap="nowrap" data-testid={`bank-account-${i}`}>
          <TextInput label={t('bankAccounts.bank')} disabled={ro} {...form.getInputProps(`bankAccounts.${i}.bank`)} />
          <TextInput
            label={t('bankAccounts.number')}
            disabled={ro}
            {...form.getInputProps(`bankAccounts.${i}.number`)}
          />
          <TextInput
            label={t('bankAccounts.holder')}
            disabled={ro}
            style={{ flex: 1 }}
            {...form.getInputProps(`bankAccounts.${i}.holder`)}
          />
          {!ro && (
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={t('bankAccounts.remove')}
              onClick={() => form.removeListItem('bankAccounts', i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!ro && accounts.length < 5 && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('bankAccounts', { bank: '', number: '', holder: '' })}
          >
            {t('bankAccounts.add')}
          </Button>
        </Group>
      )}
      <Title order={5}>{t('fields.kodeUnik')}</Title>
      <Switch
        label={t('fields.kodeUnikEnabled')}
        description={t('hints.kodeUnikEnabled')}
        disabled={ro}
        {...form.getInputProps('kodeUnikEnabled', { type: 'checkbox' })}
      />
      {form.values.kodeUnikEnabled && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>{props.num('kodeUnikMax', 'kodeUnikMax')}</SimpleGrid>
      )}
    </Stack>
  );
}
