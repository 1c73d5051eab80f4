import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalMe } from '../../src-shared/contract/portal/account';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { translateApiMessage } from '../components/apiError';
import { OFFLINE, portalApi } from './api';

/** Sign-in with the customer code or PPPoE username and the password the front desk gave. */
export function LoginView({ onSignedIn }: { onSignedIn: (me: PortalMe) => void }) {
  const { t } = useTranslation('portal');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await portalApi('portal.login', { login, password });
    setBusy(false);
    if (r.ok) return onSignedIn(r.value.me);
    const byField: Record<string, string> = {};
    for (const i of r.error.issues ?? []) byField[i.path] = translateApiMessage(i.message);
    if (!r.error.issues?.length)
      byField.form = r.error.message === OFFLINE ? t('offline') : translateApiMessage(r.error.message);
    setErrors(byField);
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="lg" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={2} fz="xl">
                {t('title')}
              </Title>
              <LanguageSwitch />
            </Group>
            <Text size="sm" c="dimmed">
              {t('loginHint')}
            </Text>
            <TextInput
              label={t('login')}
              value={login}
              onChange={(e) => setLogin(e.currentTarget.value)}
              error={errors.login}
              autoComplete="username"
              autoFocus
              data-testid="portal-login"
            />
            <PasswordInput
              label={t('password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              autoComplete="current-password"
              data-testid="portal-password"
            />
            {errors.form && (
              <Alert color="red" role="alert">
                {errors.form}
              </Alert>
            )}
            <Button type="submit" loading={busy} fullWidth>
              {t('signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
