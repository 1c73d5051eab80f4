import { PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Reseller } from '../../../src-shared/contract/resellers';
import { api } from '../../api/client';
import { applyApiError, FormDialog, useResetOnOpen } from '../../components';

/** Creates the reseller's sign-in (a user with the reseller role), or sets a new password on it. */
export function LoginDialog({ reseller, onClose }: { reseller: Reseller | null; onClose: () => void }) {
  const { t } = useTranslation('resellers');
  const form = useForm({ initialValues: { username: '', password: '' } });
  useResetOnOpen(form, reseller !== null, reseller?.id, () => ({ username: reseller?.username ?? '', password: '' }));
  const exists = !!reseller?.username;
  const submit = form.onSubmit(async (v) => {
    if (!reseller) return;
    const r = await api('resellers.setLogin', {
      id: reseller.id,
      ...(exists ? {} : { username: v.username }),
      password: v.password,
    });
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({
      color: 'teal',
      message: t(exists ? 'login.resetDone' : 'login.created', { username: r.value.username }),
    });
    onClose();
  });
  return (
    <FormDialog
      opened={reseller !== null}
      onClose={onClose}
      title={<Text fw={600}>{t(exists ? 'login.reset' : 'login.create')}</Text>}
      onSubmit={submit}
      submitting={form.submitting}
      submitTestId="login-submit"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('login.help')}
        </Text>
        <TextInput
          label={t('field.username')}
          disabled={exists}
          data-autofocus={!exists || undefined}
          {...form.getInputProps('username')}
        />
        <PasswordInput
          label={t('field.password')}
          data-autofocus={exists || undefined}
          {...form.getInputProps('password')}
        />
      </Stack>
    </FormDialog>
  );
}
