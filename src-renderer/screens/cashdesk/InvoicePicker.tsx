import { Group, Paper, Radio, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MoneyText, StatusBadge } from '../../components';
import { useFormat } from '../../lib/format';
import { PayLinkActions } from '../invoices/PayLinkActions';
import type { DeskCustomer } from './deskTypes';
import type { PaymentForm } from './usePaymentForm';

/** The customer's open invoices, oldest first: which one to pay first, and what each gets from this payment. */
export function InvoicePicker({ customer, form }: { customer: DeskCustomer; form: PaymentForm }) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const { invoices, preview, firstInvoice } = form;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('desk.openInvoices')}</Text>
        <Text size="xs" c="dimmed">
          {t('desk.allocationHelp')}
        </Text>
      </Group>
      {invoices.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="desk-no-invoices">
          {t('desk.noOpenInvoices')}
        </Text>
      ) : (
        <Radio.Group
          value={firstInvoice === null ? 'auto' : String(firstInvoice)}
          onChange={(v) => form.setFirstInvoice(customer, v === 'auto' ? null : Number(v))}
        >
          {/* Six columns do not fit a phone: the table scrolls inside its own box, not the page. */}
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={6} data-testid="desk-invoices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36} />
                  <Table.Th>{t('invoice.number')}</Table.Th>
                  <Table.Th>{t('invoice.period')}</Table.Th>
                  <Table.Th>{t('invoice.dueDate')}</Table.Th>
                  <Table.Th ta="right">{t('invoice.outstanding')}</Table.Th>
                  <Table.Th ta="right">{t('desk.willPay')}</Table.Th>
                  <Table.Th w={72} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td>
                    <Radio value="auto" aria-label={t('desk.auto')} tabIndex={-1} />
                  </Table.Td>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      {t('desk.auto')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {invoices.map((inv) => (
                  <Table.Tr key={inv.id} data-testid="desk-invoice-row">
                    <Table.Td>
                      <Radio value={String(inv.id)} aria-label={inv.invoiceNumber} tabIndex={-1} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">{inv.invoiceNumber}</Text>
                        <StatusBadge status={inv.status} size="xs" />
                      </Group>
                    </Table.Td>
                    <Table.Td>{inv.period}</Table.Td>
                    <Table.Td>{f.date(inv.dueDate)}</Table.Td>
                    <Table.Td ta="right">
                      <MoneyText amount={inv.outstanding} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <MoneyText
                        amount={preview.get(inv.id) ?? 0}
                        c={(preview.get(inv.id) ?? 0) > 0 ? 'teal' : 'dimmed'}
                      />
                    </Table.Td>
                    <Table.Td>
                      <PayLinkActions invoiceId={inv.id} compact />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Radio.Group>
      )}
    </Paper>
  );
}
