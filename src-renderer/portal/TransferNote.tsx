import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PortalHome } from '../../src-shared/contract/portal/account';
import { formatRupiah } from '../lib/format';

/** Bank transfer with kode unik: the exact amount per open bill and the ISP's accounts. */
export function TransferNote({ home }: { home: PortalHome }) {
  const { t } = useTranslation('portal');
  const transfers = home.bill.transfers ?? [];
  const banks = home.payTo.bankAccounts;
  if (!banks.length) return null;
  return (
    <Stack gap={2} mt="xs" data-testid="portal-transfer">
      <Text size="sm" fw={600}>
        {t('pay.transfer')}
      </Text>
      {banks.map((b) => (
        <Text size="sm" key={`${b.bank}|${b.number}`} data-testid="portal-bank">
          {t('pay.bank', b)}
        </Text>
      ))}
      {transfers.map((x) => (
        <Text size="sm" key={x.invoiceNumber} data-testid="portal-transfer-amount">
          {t('pay.exact', {
            invoice: x.invoiceNumber,
            amount: formatRupiah(x.payable),
            base: formatRupiah(x.base),
            code: x.code,
          })}
        </Text>
      ))}
    </Stack>
  );
}
