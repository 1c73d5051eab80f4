import { Badge, Button, Card, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { IconCreditCard, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatRupiah } from '../lib/format';
import { openPdf, portalApi } from './api';
import type { PayTarget } from './PayView';
import { usePortal } from './usePortal';

const INVOICE_COLOR = { unpaid: 'orange', partial: 'yellow', paid: 'teal', overdue: 'red', void: 'gray' } as const;
const PAGE = 10;

const OPEN = new Set(['unpaid', 'partial', 'overdue']);

/**
 * Invoices (each as the A4 PDF the desk prints, and an open one with its own pay button when a gateway is
 * on) and payments (each with its receipt).
 */
export function BillsView({ onPay }: { onPay: (target: PayTarget) => void }) {
  const { t, i18n } = useTranslation('portal');
  const [invPage, setInvPage] = useState(1);
  const [payPage, setPayPage] = useState(1);
  const inv = usePortal('portal.invoices', { page: invPage, pageSize: PAGE });
  const pay = usePortal('portal.payments', { page: payPage, pageSize: PAGE });
  // Whether a gateway is on (the home's answer): without one a bill is paid at the office or by transfer.
  const payOnline = usePortal('portal.home', {}).data?.payOnline ?? false;
  const [busy, setBusy] = useState<string | null>(null);
  const lng = i18n.language;

  const pdf = async (key: string, load: () => ReturnType<typeof portalApi<'portal.invoicePdf'>>) => {
    setBusy(key);
    const r = await load();
    setBusy(null);
    if (r.ok) openPdf(r.value);
  };

  return (
    <Stack gap="sm">
      <Title order={3} fz="lg">
        {t('invoices.title')}
      </Title>
      {!inv.data && <Loader size="sm" />}
      {inv.data?.items.length === 0 && <Text c="dimmed">{t('invoices.empty')}</Text>}
      {inv.data?.items.map((i) => (
        <Card withBorder key={i.id} padding="sm" data-testid="portal-invoice">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{i.invoiceNumber}</Text>
              <Text size="sm">{t('invoices.line', { period: i.period, due: formatDate(i.dueDate, lng) })}</Text>
              <Text size="sm">{formatRupiah(i.amount)}</Text>
            </div>
            <Stack gap={4} align="flex-end">
              <Badge color={INVOICE_COLOR[i.status]}>{t(`invoiceStatus.${i.status}`)}</Badge>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconFileTypePdf size={14} />}
                loading={busy === `i${i.id}`}
                onClick={() => pdf(`i${i.id}`, () => portalApi('portal.invoicePdf', { id: i.id }))}
              >
                {t('pdf')}
              </Button>
              {payOnline && OPEN.has(i.status) && (
                <Button
                  size="compact-sm"
                  leftSection={<IconCreditCard size={14} />}
                  onClick={() => onPay({ invoiceId: i.id })}
                  aria-label={t('invoices.payOne', {
                    number: i.invoiceNumber,
                    amount: formatRupiah(i.amount - i.paidAmount),
                  })}
                  data-testid="portal-invoice-pay"
                >
                  {t('invoices.pay', { amount: formatRupiah(i.amount - i.paidAmount) })}
                </Button>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
      {inv.data && inv.data.total > PAGE && (
        <Pagination total={Math.ceil(inv.data.total / PAGE)} value={invPage} onChange={setInvPage} size="sm" />
      )}

      <Title order={3} fz="lg" mt="md">
        {t('payments.title')}
      </Title>
      {!pay.data && <Loader size="sm" />}
      {pay.data?.items.length === 0 && <Text c="dimmed">{t('payments.empty')}</Text>}
      {pay.data?.items.map((p) => (
        <Card withBorder key={p.id} padding="sm" data-testid="portal-payment">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{p.paymentNumber}</Text>
              <Text size="sm">
                {formatDate(p.paymentDate, lng)} ·{' '}
                {t(p.method.startsWith('gateway/') ? 'method.gateway' : `method.${p.method}`)}
              </Text>
              <Text size="sm" td={p.status === 'void' ? 'line-through' : undefined}>
                {formatRupiah(p.amount)}
              </Text>
            </div>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconFileTypePdf size={14} />}
              loading={busy === `p${p.id}`}
              onClick={() => pdf(`p${p.id}`, () => portalApi('portal.receiptPdf', { id: p.id }))}
            >
              {t('receipt')}
            </Button>
          </Group>
        </Card>
      ))}
      {pay.data && pay.data.total > PAGE && (
        <Pagination total={Math.ceil(pay.data.total / PAGE)} value={payPage} onChange={setPayPage} size="sm" />
      )}
    </Stack>
  );
}
