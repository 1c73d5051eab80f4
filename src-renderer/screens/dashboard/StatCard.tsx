import { Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** One figure on the dashboard: label, big value, a line of detail. */
export function StatCard({
  label,
  value,
  detail,
  icon: IconCmp,
  color,
  onClick,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  icon: Icon;
  color: string;
  onClick?: () => void;
  testId?: string;
}) {
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      data-testid={testId}
      onClick={onClick}
      style={onClick ? { cursor: 'pointer' } : undefined}
      tabIndex={onClick ? 0 : undefined}
      onKeyDown={onClick ? (e) => e.key === 'Enter' && onClick() : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fz={22} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {value}
          </Text>
          {detail && (
            <Text size="xs" c="dimmed">
              {detail}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" color={color} size={38} radius="md">
          <IconCmp size={20} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}
