import { Grid, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog, PageHeader } from '../../components';
import { PrinterSelect } from '../payments/DocumentButtons';
import { DeskCustomerCard } from './DeskCustomerCard';
import { DeskSearch } from './DeskSearch';
import { InvoicePicker } from './InvoicePicker';
import { OpenShiftDialog } from './OpenShiftDialog';
import { PaymentDone } from './PaymentDone';
import { PaymentPanel } from './PaymentPanel';
import { ShiftBar } from './ShiftBar';
import { useCashDesk } from './useCashDesk';

/**
 * Kasir: search → select → amount → Enter. Keyboard first: focus starts in the search box, arrows and
 * Enter pick a customer, the amount is focused and pre-filled with what is due, Enter takes the
 * payment, the receipt is ready to print (Enter), Esc clears the desk for the next customer.
 * The state and the flow live in useCashDesk; the parts below only show it.
 */
export default function CashDeskScreen() {
  const { t } = useTranslation('billing');
  const desk = useCashDesk();
  const { customer, done } = desk;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('desk.title')}
        subtitle={
          <Group gap={6} component="span">
            <Kbd size="xs">↑</Kbd>
            <Kbd size="xs">↓</Kbd>
            <Kbd size="xs">Enter</Kbd>
            <Text span size="sm" c="dimmed">
              {t('desk.keysHelp')}
            </Text>
            <Kbd size="xs">Esc</Kbd>
            <Text span size="sm" c="dimmed">
              {t('desk.escHelp')}
            </Text>
          </Group>
        }
        actions={<PrinterSelect kind="receipt" />}
      />

      <ShiftBar shift={desk.shift} loading={desk.shiftLoading} onOpenShift={desk.openShiftDialog} />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <DeskSearch
              search={desk.search}
              inputRef={desk.refs.search}
              selected={!!customer}
              onChange={desk.onSearchChange}
              onKeyDown={desk.onSearchKey}
              onPick={desk.select}
            />
            {customer && (
              <DeskCustomerCard customer={customer} onRefunded={() => void desk.reloadCustomer(customer.id)} />
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 7 }}>
          {!customer && !done && (
            <Paper withBorder radius="md" p="xl">
              <Stack align="center" gap="xs">
                <IconCash size={40} stroke={1.4} />
                <Text c="dimmed">{t('desk.start')}</Text>
              </Stack>
            </Paper>
          )}

          {customer && !done && (
            <Stack gap="md">
              <InvoicePicker customer={customer} form={desk.form} />
              <PaymentPanel
                customer={customer}
                form={desk.form}
                amountRef={desk.refs.amount}
                onFieldKey={desk.onFieldKey}
                onSubmit={() => void desk.submit()}
                submitting={desk.submitting}
                hasShift={!!desk.shift}
                onOpenShift={desk.openShiftDialog}
                unknownOutcome={desk.unknownOutcome}
                onResend={desk.resend}
              />
            </Stack>
          )}

          {done && <PaymentDone done={done} customer={customer} onNext={desk.reset} onPayMore={desk.select} />}
        </Grid.Col>
      </Grid>

      <OpenShiftDialog opened={desk.shiftDialog} onClose={desk.closeShiftDialog} onOpened={desk.shiftOpened} />
      <ConfirmDialog
        opened={desk.confirmLarge !== null}
        danger={false}
        title={t('desk.largeTitle')}
        message={desk.confirmLarge ?? ''}
        confirmLabel={t('desk.largeConfirm')}
        onCancel={desk.cancelLarge}
        onConfirm={desk.confirmLargeAndPay}
      />
    </Stack>
  );
}
