import { ActionIcon, Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsForm } from './settingsForm';

/**
 * Settings → Halaman isolir: where the router sends isolated customers' HTTP (the portal's address as the
 * router reaches it), the isolir profile's own pool, and the bank accounts the isolir page shows.
 */
export function IsolirPagePanel(props: { form: UseFormReturnType<SettingsForm>; ro: boolean; portField: ReactNode }) {
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
        {props.portField}
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
    </Stack>
  );
}
