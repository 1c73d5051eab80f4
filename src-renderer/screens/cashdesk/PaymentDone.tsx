import { Alert, Box, Button, Group, Kbd, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MoneyText, ReplayedNote, translateApiMessage } from '../../components';
import { PdfFileButtons } from '../payments/DocumentButtons';
import { storedPrinter } from '../payments/pdf';
import type { DeskCustomer } from './deskTypes';
import type { DeskDone } from './useCashDesk';

/** A payment taken: what was received, the change, what is left, and the receipt (Enter prints it). */
export function PaymentDone({
  done,
  customer,
  onNext,
  onPayMore,
}: {
  done: DeskDone;
  customer: DeskCustomer | null;
  onNext: () => void;
  onPayMore: (c: DeskCustomer) => void;
}) {
  const { t } = useTranslation('billing');
  const { payment, receipt, receiptError } = done;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="desk-done">
      <Stack gap="sm">
        <Group gap="xs">
          <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" />
          <Title order={3}>{t('desk.paid', { number: payment.paymentNumber })}</Title>
        </Group>
        <Group gap="xl">
          <Box>
            <Text size="xs" c="dimmed">
              {t('desk.received')}
            </Text>
            <MoneyText amount={payment.amount} size="xl" fw={700} />
          </Box>
          {payment.tendered !== null && (
            <Box>
              <Text size="xs" c="dimmed">
                {t('desk.change')}
              </Text>
              <MoneyText amount={payment.change} size="xl" fw={700} c="blue" data-testid="desk-done-change" />
            </Box>
          )}
          <Box>
            <Text size="xs" c="dimmed">
              {t('desk.remaining')}
            </Text>
            <MoneyText amount={customer?.totalOutstanding ?? 0} size="xl" fw={700} data-testid="desk-remaining" />
          </Box>
          <Box>
            <Text size="xs" c="dimmed">
              {t('desk.deposit')}
            </Text>
            <MoneyText amount={payment.customerDeposit} size="xl" fw={700} />
          </Box>
        </Group>
        {payment.replayed && <ReplayedNote />}
        {payment.restoredAccounts > 0 && (
          <Alert color="teal">{t('desk.restored', { count: payment.restoredAccounts })}</Alert>
        )}
        {receipt ? (
          <Group justify="space-between">
            {receipt.seatPrint ? (
              <Text
                size="sm"
                c={receipt.seatPrint.ok ? 'teal' : 'red'}
                data-testid={receipt.seatPrint.ok ? 'desk-printed' : 'desk-print-error'}
              >
                {receipt.seatPrint.text}
              </Text>
            ) : receipt.printed ? (
              <Text size="sm" c="teal">
                {t('doc.sentToPrinter', { printer: storedPrinter('receipt') })}
              </Text>
            ) : receipt.printError ? (
              <Text size="sm" c="red" data-testid="desk-print-error">
                {translateApiMessage(receipt.printError)}
              </Text>
            ) : (
              <Text size="sm">{t('desk.receiptReady')}</Text>
            )}
            <PdfFileButtons file={receipt} autoFocus />
          </Group>
        ) : receiptError ? (
          <Alert color="orange">{translateApiMessage(receiptError)}</Alert>
        ) : (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('desk.receiptMaking')}</Text>
          </Group>
        )}
        <Group>
          <Button variant="default" onClick={onNext} data-testid="desk-next">
            {t('desk.next')}{' '}
            <Kbd ml="xs" size="xs">
              Esc
            </Kbd>
          </Button>
          {customer && customer.totalOutstanding > 0 && (
            <Button variant="subtle" onClick={() => onPayMore(customer)} data-testid="desk-pay-more">
              {t('desk.payMore')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
