import { Anchor, Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayTx } from '../../../src-shared/contract/gateway-payments';
import { api } from '../../api/client';
import { MoneyText, notifyApiError } from '../../components';
import { QrCode } from '../../components/QrCode';

export const STATE_COLORS: Record<GatewayTx['state'], string> = {
  pending: 'yellow',
  paid: 'blue',
  credited: 'teal',
  deposit: 'cyan',
  review: 'orange',
  expired: 'gray',
  failed: 'red',
  cancelled: 'gray',
};

export function StateBadge({ state }: { state: GatewayTx['state'] }) {
  const { t } = useTranslation('gateways');
  return (
    <Badge variant="light" color={STATE_COLORS[state]} data-testid="gateway-state" data-state={state}>
      {t(`state.${state}`)}
    </Badge>
  );
}

/**
 * What the customer needs to pay one attempt: the VA number, the QRIS image or the checkout link, the
 * amount and the deadline; "Cetak" prints the screen with it (the browser's print dialog).
 */
export function GatewayTxCard({ tx, onChanged }: { tx: GatewayTx; onChanged: (tx: GatewayTx) => void }) {
  const { t, i18n } = useTranslation('gateways');
  const [checking, setChecking] = useState(false);
  const check = async () => {
    setChecking(true);
    const r = await api('gatewayPayments.check', { id: tx.id });
    setChecking(false);
    if (r.ok) onChanged(r.value);
    else notifyApiError(r.error);
  };
  const expires = new Date(tx.expiresAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID');
  return (
    <Paper withBorder radius="md" p="md" className="gateway-print" data-testid="gateway-tx">
      <Stack gap="xs" align="center">
        <Group gap="xs">
          <Title order={4}>{t(`provider.${tx.provider}`)}</Title>
          <Text c="dimmed">{tx.method}</Text>
          <StateBadge state={tx.state} />
        </Group>
        <MoneyText amount={tx.amount + tx.feeCustomer} fw={700} size="xl" />
        {tx.feeCustomer > 0 && (
          <Text size="xs" c="dimmed">
            {t('tx.fee')}: <MoneyText amount={tx.feeCustomer} span />
          </Text>
        )}
        {tx.qrString && tx.state === 'pending' && (
          <>
            <QrCode text={tx.qrString} size={240} alt={t('tx.qr')} testId="gateway-qr" />
            <Text size="sm">{t('tx.qr')}</Text>
          </>
        )}
        {tx.vaNumber && (
          <Stack gap={0} align="center">
            <Text size="sm" c="dimmed">
              {t('tx.va')} {tx.bank ? `(${tx.bank.toUpperCase()})` : ''}
            </Text>
            <Code fz="xl" data-testid="gateway-va">
              {tx.vaNumber}
            </Code>
            {tx.billerCode && (
              <Text size="sm">
                {t('tx.biller')}: {tx.billerCode}
              </Text>
            )}
          </Stack>
        )}
        {tx.payCode && !tx.vaNumber && (
          <Text>
            {t('tx.payCode')}: <Code fz="lg">{tx.payCode}</Code>
          </Text>
        )}
        {tx.checkoutUrl && (
          <Anchor href={tx.checkoutUrl} target="_blank" rel="noreferrer" data-testid="gateway-checkout">
            {t('tx.checkout')}
          </Anchor>
        )}
        <Text size="sm">{t('tx.expires', { at: expires })}</Text>
        <Text size="xs" c="dimmed">
          {t('tx.reference')}: {tx.merchantRef} · {t('tx.invoices')}:{' '}
          {tx.invoices.map((i) => i.invoiceNumber).join(', ')}
        </Text>
        {tx.paymentNumber && <Text size="sm">{t('tx.payment', { number: tx.paymentNumber })}</Text>}
        <Group gap="xs" className="no-print">
          {tx.state === 'pending' && (
            <Button
              variant="light"
              leftSection={<IconRefresh size={16} />}
              loading={checking}
              onClick={() => void check()}
            >
              {t('tx.check')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t('tx.print')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
