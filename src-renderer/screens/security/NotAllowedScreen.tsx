import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';

/**
 * Shown when the signed-in role opens a screen it may not use (a typed or bookmarked URL). The
 * server refuses the calls anyway; this only says so clearly instead of an empty or broken page.
 */
export default function NotAllowedScreen() {
  const { t } = useTranslation('security');
  const role = useSession((s) => s.me?.role);
  return (
    <Center mih={360}>
      <Paper withBorder radius="md" p="xl" maw={460} data-testid="not-allowed">
        <Stack align="center" gap="sm">
          <ThemeIcon size={56} radius="xl" variant="light" color="red">
            <IconLock size={30} stroke={1.5} />
          </ThemeIcon>
          <Title order={3}>{t('notAllowedTitle')}</Title>
          <Text size="sm" c="dimmed" ta="center">
            {t('notAllowedText', { role: role ? t(`common:role.${role}`) : '' })}
          </Text>
          <Button variant="default" onClick={() => (window.location.hash = '#/')}>
            {t('goHome')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
