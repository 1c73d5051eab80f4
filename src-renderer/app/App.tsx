import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import i18n, { storedLanguage } from '../i18n';
import { LoginScreen } from '../screens/auth/LoginScreen';
import { AppLayout } from './AppLayout';
import { useSession } from './session';

const SetupWizard = lazy(() => import('../screens/setup/SetupWizard'));
/** A reseller's sign-in gets only their own phone screen (the server refuses them every other channel). */
const ResellerApp = lazy(() => import('../screens/reseller-self/ResellerApp'));

const Loading = () => (
  <Center h="100vh">
    <Loader />
  </Center>
);

/** Boot: system.info → first-run setup, sign-in, or the app. Hash routing works under app:// too. */
export function App() {
  const { t } = useTranslation();
  const { phase, info, loadError, boot, me } = useSession();
  useEffect(() => void boot(), [boot]);
  useEffect(() => {
    if (info && !storedLanguage() && i18n.language !== info.language) void i18n.changeLanguage(info.language);
  }, [info]);

  if (phase === 'loading') return <Loading />;
  if (phase === 'unreachable')
    return (
      <Center h="100vh">
        <Stack maw={420}>
          <Alert color="red" title={t('unreachable')}>
            {loadError}
          </Alert>
          <Button onClick={() => void boot()}>{t('retry')}</Button>
        </Stack>
      </Center>
    );
  if (phase === 'setup')
    return (
      <Suspense fallback={<Loading />}>
        <SetupWizard />
      </Suspense>
    );
  if (phase === 'login') return <LoginScreen />;
  if (me?.role === 'reseller')
    return (
      <Suspense fallback={<Loading />}>
        <ResellerApp />
      </Suspense>
    );
  return (
    <Router hook={useHashLocation}>
      <AppLayout />
    </Router>
  );
}
