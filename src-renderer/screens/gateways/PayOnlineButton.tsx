import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { IconQrcode } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError } from '../../components';
import { formatRupiah } from '../../lib/format';
import { GatewayTxCard } from './GatewayTxCard';

interface Props {
  customer: { id: number; name: string };
  /** The customer's open invoices, to pay one of them instead of all. */
  openInvoices: { id: number; invoiceNumber: string; amount: number; paidAmount: number }[];
}

/**
 * "Bayar online" on the cash desk: a payment at an enabled gateway for all open invoices (or one), then
 * the VA number / QRIS image / checkout link to show or print. The poller credits it when paid.
 */
export function PayOnlineButton({ customer, openInvoices }: Props) {
  const { t } = useTranslation('gateways');
  const [opened, setOpened] = useState(false);
  const [provider, setProvider] = useState<string | null>(null);
  const [method, setMethod] = useState<string | null>(null);
  const [invoice, setInvoice] = useState<string>('all');
  const [busy, setBusy] = useState(false);
  const [tx, setTx] = useState<GatewayTx | null>(null);
  const available = useApiQuery('gateways.available', {}, { enabled: opened, entities: ['gateways'] });
  const gateways = available.data ?? [];
  const chosen = gateways.find((g) => g.provider === provider) ?? gateways[0];
  const methods = chosen?.methods ?? [];

  const open = () => {
    setTx(null);
    setOpened(true);
  };
  const create = async () => {
    if (!chosen) return;
    setBusy(true);
    const r = await api('gatewayPayments.create', {
      customerId: customer.id,
      provider: chosen.provider,
      method: method ?? methods[0]!,
      invoiceId: invoice === 'all' ? undefined : Number(invoice),
    });
    setBusy(false);
    if (r.ok) setTx(r.value);
    else notifyApiError(r.error);
  };

  return (
    <>
      <Button
        variant="light"
        leftSection={<IconQrcode size={16} />}
        onClick={open}
        disabled={!openInvoices.length}
        data-testid="pay-online"
      >
        {t('pay.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('pay.title', { name: customer.name })} size="md">
        {tx ? (
          <LiveTx initial={tx} />
        ) : (
          <Stack>
            {!available.loading && !gateways.length && <Alert color="yellow">{t('pay.none')}</Alert>}
            {gateways.length > 0 && (
              <>
                <Select
                  label={t('pay.gateway')}
                  data={gateways.map((g) => ({ value: g.provider, label: t(`provider.${g.provider}`) }))}
                  value={chosen?.provider ?? null}
                  onChange={(v) => {
                    setProvider(v);
                    setMethod(null);
                  }}
                  allowDeselect={false}
                  data-testid="pay-online-gateway"
                />
                <Select
                  label={t('pay.method')}
                  data={methods}
                  value={method ?? methods[0] ?? null}
                  onChange={setMethod}
                  allowDeselect={false}
                  data-testid="pay-online-method"
                />
                <Select
                  label={t('pay.scope')}
                  data={[
                    { value: 'all', label: t('pay.allOpen') },
                    ...openInvoices.map((i) => ({
                      value: String(i.id),
                      label: `${i.invoiceNumber} · ${formatRupiah(i.amount - i.paidAmount)}`,
                    })),
                  ]}
                  value={invoice}
                  onChange={(v) => setInvoice(v ?? 'all')}
                  allowDeselect={false}
                />
                <Group justify="flex-end">
                  <Button onClick={() => void create()} loading={busy} data-testid="pay-online-create">
                    {t('pay.create')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}

/** The created attempt, refreshed when the poller credits it (a `data.changed` event for payments). */
function LiveTx({ initial }: { initial: GatewayTx }) {
  const q = useApiQuery('gatewayPayments.get', { id: initial.id }, { entities: ['payments', 'gatewayPayments'] });
  return <GatewayTxCard tx={q.data ?? initial} onChanged={() => q.refetch()} />;
}
