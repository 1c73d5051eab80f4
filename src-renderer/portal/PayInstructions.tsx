import { Button, Code, CopyButton, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../src-shared/money';
import { QrCode } from '../components/QrCode';
import { methodKind, methodName } from './methods';

/** The fields of a gateway attempt that say how to pay it (a customer's bill or a reseller's top-up). */
export interface PayableAttempt {
  method: string;
  amount: number;
  feeCustomer: number;
  qrString?: string | null;
  vaNumber?: string | null;
  bank?: string | null;
  billerCode?: string | null;
  payCode?: string | null;
  checkoutUrl?: string | null;
}

/**
 * How to pay one gateway attempt: method, total with the fee, the QR code, the VA number to copy, the pay
 * code or the checkout link. Shared by the customer portal's pay page and the reseller's top-up, so both
 * show a payment the same way. `testId` prefixes the test ids (`pay` → `pay-qr`, `pay-va`, `pay-checkout`).
 */
export function PayInstructions({
  tx,
  testId,
  vaHow = false,
  newTab = false,
}: {
  tx: PayableAttempt;
  testId: string;
  /** Show the "pay it in your banking app" line under the VA number. */
  vaHow?: boolean;
  /** Open the checkout link in a new tab (the reseller's app keeps its own page). */
  newTab?: boolean;
}) {
  const { t } = useTranslation('portal');
  return (
    <>
      <Text fw={600}>
        {t(`payOnline.kind.${methodKind(tx.method)}`)} · {methodName(tx.method)}
      </Text>
      <Title order={3}>{formatRupiah(tx.amount + tx.feeCustomer)}</Title>
      {tx.feeCustomer > 0 && (
        <Text size="xs" c="dimmed">
          {t('payOnline.fee', { fee: formatRupiah(tx.feeCustomer) })}
        </Text>
      )}
      {tx.qrString && (
        <>
          <QrCode text={tx.qrString} size={240} alt={t('payOnline.qrAlt')} testId={`${testId}-qr`} />
          <Text size="sm" ta="center">
            {t('payOnline.qrHow')}
          </Text>
        </>
      )}
      {tx.vaNumber && (
        <Stack gap={4} align="center">
          <Text size="sm" c="dimmed">
            {t('payOnline.vaLabel', { bank: (tx.bank ?? methodName(tx.method)).toUpperCase() })}
          </Text>
          <Code fz="xl" data-testid={`${testId}-va`}>
            {tx.vaNumber}
          </Code>
          <CopyButton value={tx.vaNumber}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="subtle" onClick={copy}>
                {copied ? t('payOnline.copied') : t('payOnline.copy')}
              </Button>
            )}
          </CopyButton>
          {tx.billerCode && <Text size="sm">{t('payOnline.biller', { code: tx.billerCode })}</Text>}
          {vaHow && (
            <Text size="sm" ta="center">
              {t('payOnline.vaHow')}
            </Text>
          )}
        </Stack>
      )}
      {tx.payCode && !tx.vaNumber && (
        <Text>
          {t('payOnline.payCode')} <Code fz="lg">{tx.payCode}</Code>
        </Text>
      )}
      {tx.checkoutUrl && (
        <Button
          component="a"
          href={tx.checkoutUrl}
          {...(newTab ? { target: '_blank' } : {})}
          rel="noreferrer"
          rightSection={<IconExternalLink size={16} />}
          data-testid={`${testId}-checkout`}
        >
          {t('payOnline.checkout')}
        </Button>
      )}
    </>
  );
}
