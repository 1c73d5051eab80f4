import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Title row of a screen: title, optional subtitle, actions on the right. */
export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    // On a phone the actions go under the title instead of pushing the page wider than the screen.
    <Group justify="space-between" align="flex-end" mb="md" gap="sm">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Title order={2} fz={22} fw={650}>
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="sm" style={{ minWidth: 0 }}>
          {actions}
        </Group>
      )}
    </Group>
  );
}
