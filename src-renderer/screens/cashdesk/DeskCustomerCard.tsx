import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MoneyText, StatusBadge } from '../../components';
import type { DeskCustomer } from './deskTypes';
import { PayOnlineButton } from '../gateways/PayOnlineButton';
import { RefundButton } from './RefundButton';

/** The selected customer: who, what is due, the deposit, paying online, and paying the deposit back. */
export function DeskCustomerCard({ customer, onRefunded }: { customer: DeskCustomer; onRefunded: () => void }) {
  const { t } = useTranslation('billing');
  return (
    <Paper withBorder radius="md" p="md" data-testid="desk-customer">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <IconUser size={28} />
        <Stack gap={2} style={{ flex: 1 }}>
          <Group gap="xs">
            <Title order={4}>{customer.name}</Title>
            <Text c="dimmed">{customer.customerCode}</Text>
            {customer.isolated && <StatusBadge status="isolated" />}
            {customer.status !== 'active' && <StatusBadge status={customer.status} />}
          </Group>
          {customer.phone && <Text size="sm">{customer.phone}</Text>}
          {customer.address && (
            <Text size="sm" c="dimmed">
              {customer.address}
            </Text>
          )}
          {customer.pppoeUsernames.length > 0 && <Text size="sm">PPPoE: {customer.pppoeUsernames.join(', ')}</Text>}
        </Stack>
      </Group>
      <Group grow mt="md">
        <Paper bg="var(--mantine-color-red-light)" p="xs" radius="sm">
          <Text size="xs" c="dimmed">
            {t('desk.totalDue')}
          </Text>
          <MoneyText amount={customer.totalOutstanding} fw={700} size="lg" data-testid="desk-total-due" />
        </Paper>
        <Paper bg="var(--mantine-color-teal-light)" p="xs" radius="sm">
          <Text size="xs" c="dimmed">
            {t('desk.deposit')}
          </Text>
          <MoneyText amount={customer.deposit} fw={700} size="lg" data-testid="desk-deposit" />
        </Paper>
      </Group>
      <Group justify="flex-end" mt="xs">
        <PayOnlineButton customer={customer} openInvoices={customer.openInvoices} />
        <RefundButton customer={customer} onDone={onRefunded} />
      </Group>
    </Paper>
  );
}
