import { Center, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  /** Buttons: e.g. "Add customer", "Load demo data". */
  actions?: ReactNode;
}

export function EmptyState({ title, description, icon, actions }: Props) {
  return (
    <Paper withBorder radius="md" p="xl" data-testid="empty-state">
      <Center>
        <Stack align="center" gap="xs" maw={420} py="lg">
          <ThemeIcon size={56} radius="xl" variant="light" color="gray">
            {icon ?? <IconInbox size={30} stroke={1.5} />}
          </ThemeIcon>
          <Text fw={600} size="lg" ta="center">
            {title}
          </Text>
          {description && (
            <Text c="dimmed" size="sm" ta="center">
              {description}
            </Text>
          )}
          {actions && (
            <Stack gap="xs" mt="sm" align="center">
              {actions}
            </Stack>
          )}
        </Stack>
      </Center>
    </Paper>
  );
}
