import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src-shared/contract/auth';
import { api } from '../../api/client';
import { translateApiMessage } from '../../components/apiError';

/** Username + password → `auth.login`. Used by the sign-in page and the lock screen. */
export function LoginForm({
  username = '',
  onSignedIn,
  submitLabel,
}: {
  username?: string;
  onSignedIn: (me: Me) => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation('auth');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username, password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('usernameRequired')),
      password: (v) => (v ? null : t('passwordRequired')),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit(async (values) => {
        setBusy(true);
        setError(null);
        const r = await api('auth.login', values);
        setBusy(false);
        if (r.ok) onSignedIn(r.value.user);
        else {
          setError(r.error.code === 'UNAUTHENTICATED' ? t('wrongCredentials') : translateApiMessage(r.error.message));
          form.setFieldValue('password', '');
        }
      })}
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="login-error">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('username')}
          autoComplete="username"
          autoFocus={!username}
          {...form.getInputProps('username')}
        />
        <PasswordInput
          label={t('password')}
          autoComplete="current-password"
          autoFocus={!!username}
          data-autofocus={username ? true : undefined}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={busy} fullWidth mt="xs">
          {submitLabel ?? t('signIn')}
        </Button>
      </Stack>
    </form>
  );
}
