import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconRouter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch';

/** The centred card used by sign-in and first-run setup. */
export function AuthFrame({
  title,
  subtitle,
  children,
  footer,
  width = 400,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Below the card (the desktop app's "Hubungkan ke PC kantor"). */
  footer?: ReactNode;
  width?: number;
}) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-1)" pos="relative">
      <Box pos="absolute" top={16} right={16}>
        <LanguageSwitch />
      </Box>
      <Center mih="100vh" p="md">
        <Stack w={width} gap="lg">
          <Group gap="sm" justify="center">
            <ThemeIcon size={40} radius="md" variant="filled">
              <IconRouter size={24} />
            </ThemeIcon>
            <Text fw={700} fz={22}>
              PPPoE Desk
            </Text>
          </Group>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Title order={3} fz={20} mb={4}>
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm" mb="md">
                {subtitle}
              </Text>
            )}
            {children}
          </Paper>
          {footer}
        </Stack>
      </Center>
    </Box>
  );
}
