import { Box, Group, Stack, Text } from '@mantine/core';
import { MoneyText } from '../../components';

export interface AgingBar {
  key: string;
  label: string;
  amount: number;
  /** A theme colour, e.g. `red.8`. */
  color: string;
}

/**
 * The aging buckets as horizontal bars (one per bucket, the largest the full width), each with its label
 * and amount. Plain elements, not a chart library: for five bars recharts' BarChart (a measured
 * ResponsiveContainer, tick layout, a second render pass) was half the aging screen's renderer time at
 * 50,000 customers (issue 20).
 */
export function AgingBars({ bars }: { bars: AgingBar[] }) {
  const max = Math.max(0, ...bars.map((b) => b.amount));
  return (
    <Stack gap={8} data-testid="aging-bars">
      {bars.map((b) => (
        <Group key={b.key} gap="sm" wrap="nowrap">
          <Text size="sm" w={{ base: 96, sm: 160 }} style={{ flexShrink: 0 }}>
            {b.label}
          </Text>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Box
              h={22}
              bg={b.color}
              w={`${max > 0 ? (b.amount / max) * 100 : 0}%`}
              miw={b.amount > 0 ? 2 : 0}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          </Box>
          <MoneyText
            amount={b.amount}
            size="sm"
            fw={600}
            w={{ base: 112, sm: 150 }}
            ta="right"
            style={{ flexShrink: 0 }}
          />
        </Group>
      ))}
    </Stack>
  );
}
