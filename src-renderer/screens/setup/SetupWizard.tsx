import {
  Button,
  Card,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDatabase, IconFile } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src-shared/contract/auth';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { applyApiError, notifyApiError } from '../../components/apiError';
import { AuthFrame } from '../auth/AuthFrame';
import { PairWithOffice } from '../../seat/PairWithOffice';
import { IspStep } from './IspStep';
import { RouterStep } from './RouterStep';

/**
 * First run (`system.info` says needsSetup): Admin account (signs in) → ISP details → optional first
 * router (test, save, offer import) → demo data or an empty start → the app. Every step is a form:
 * Tab moves between fields, Enter submits.
 */
export default function SetupWizard() {
  const { t } = useTranslation('setup');
  const signedIn = useSession((s) => s.signedIn);
  const refreshInfo = useSession((s) => s.refreshInfo);
  const [step, setStep] = useState(0);
  const [user, setUser] = useState<Me | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);

  const form = useForm({
    initialValues: { fullName: '', username: 'admin', password: '', repeat: '' },
    validate: {
      repeat: (v, values) => (v === values.password ? null : t('auth:passwordsDiffer')),
    },
  });

  const finish = async (demo: boolean) => {
    if (!user) return;
    if (demo) {
      setLoadingDemo(true);
      const r = await api('demo.load', {});
      setLoadingDemo(false);
      if (!r.ok) return notifyApiError(r.error);
    }
    await refreshInfo();
    signedIn(user);
  };

  return (
    <AuthFrame title={t('title')} subtitle={t('subtitle')} width={680} footer={<PairWithOffice />}>
      <Stepper active={step} size="sm" mt="md" allowNextStepsSelect={false}>
        <Stepper.Step label={t('stepAdmin')}>
          <form
            onSubmit={form.onSubmit(async ({ fullName, username, password }) => {
              const r = await api('setup.createAdmin', { fullName, username, password });
              if (!r.ok) return void applyApiError(form, r.error);
              setUser(r.value.user);
              setStep(1);
            })}
          >
            <Stack gap="sm" mt="md">
              <Text size="sm" c="dimmed">
                {t('adminIntro')}
              </Text>
              <TextInput label={t('fullName')} autoFocus {...form.getInputProps('fullName')} />
              <TextInput label={t('auth:username')} autoComplete="username" {...form.getInputProps('username')} />
              <PasswordInput
                label={t('auth:password')}
                description={t('auth:passwordRule')}
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <PasswordInput
                label={t('auth:repeatPassword')}
                autoComplete="new-password"
                {...form.getInputProps('repeat')}
              />
              <Group justify="flex-end" mt="sm">
                <Button type="submit" loading={form.submitting}>
                  {t('createAdmin')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label={t('stepIsp')}>
          <IspStep onDone={() => setStep(2)} />
        </Stepper.Step>
        <Stepper.Step label={t('stepRouter')} description={t('optional')}>
          <RouterStep onDone={() => setStep(3)} />
        </Stepper.Step>
        <Stepper.Step label={t('stepData')}>
          <Stack gap="md" mt="md">
            <Text size="sm" c="dimmed">
              {t('dataIntro')}
            </Text>
            <SimpleGrid cols={2}>
              <Card withBorder padding="lg" radius="md">
                <Stack gap="xs" h="100%">
                  <ThemeIcon variant="light" size={36}>
                    <IconDatabase size={20} />
                  </ThemeIcon>
                  <Text fw={600}>{t('demoTitle')}</Text>
                  <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                    {t('demoText')}
                  </Text>
                  <Button onClick={() => void finish(true)} loading={loadingDemo}>
                    {t('loadDemo')}
                  </Button>
                </Stack>
              </Card>
              <Card withBorder padding="lg" radius="md">
                <Stack gap="xs" h="100%">
                  <ThemeIcon variant="light" color="gray" size={36}>
                    <IconFile size={20} />
                  </ThemeIcon>
                  <Text fw={600}>{t('emptyTitle')}</Text>
                  <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                    {t('emptyText')}
                  </Text>
                  <Button variant="default" onClick={() => void finish(false)} disabled={loadingDemo}>
                    {t('startEmpty')}
                  </Button>
                </Stack>
              </Card>
            </SimpleGrid>
          </Stack>
        </Stepper.Step>
      </Stepper>
    </AuthFrame>
  );
}
