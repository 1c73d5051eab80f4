import { Anchor, Group, Modal, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { translateApiMessage } from '../../components/apiError';
import { LoginForm } from './LoginForm';

/**
 * Shown over the app when a call answered UNAUTHENTICATED (session timed out). The screens below stay
 * mounted, so a half-filled form survives; the call that hit the lock is retried after sign-in.
 */
export function LockScreen() {
  const { t } = useTranslation('auth');
  const { locked, lockReason, me, signedIn, signOut } = useSession();
  return (
    <Modal
      opened={locked}
      onClose={() => {}}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      centered
      size="sm"
      overlayProps={{ backgroundOpacity: 0.55, blur: 4 }}
      zIndex={1000}
    >
      <Stack gap="md" data-testid="lock-screen">
        <Group gap="sm">
          <ThemeIcon variant="light" size={40} radius="xl">
            <IconLock size={22} />
          </ThemeIcon>
          <div>
            <Text fw={600}>{t('lockedTitle')}</Text>
            {lockReason && (
              <Text size="sm" c="red" data-testid="lock-reason">
                {translateApiMessage(lockReason)}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('lockedText')}
            </Text>
          </div>
        </Group>
        <LoginForm username={me?.username ?? ''} onSignedIn={signedIn} submitLabel={t('unlock')} />
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => void signOut()} ta="center">
          {t('signOutInstead')}
        </Anchor>
      </Stack>
    </Modal>
  );
}
