import { Badge, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { Movement } from '../../../src-shared/contract/resellers';
import { MoneyText, type Column } from '../../components';
import type { useFormat } from '../../lib/format';

const KIND_COLOR: Record<Movement['kind'], string> = {
  topup: 'teal',
  payment: 'blue',
  commission: 'grape',
  reversal: 'orange',
};

/** The ledger's columns, shared by the office's reseller page and the reseller's own history. */
export function movementColumns(t: TFunction, f: ReturnType<typeof useFormat>): Column<Movement>[] {
  return [
    {
      key: 'at',
      header: t('resellers:field.date'),
      render: (m) => <Text size="sm">{f.dateTime(m.at)}</Text>,
    },
    {
      key: 'kind',
      header: t('resellers:field.kind'),
      render: (m) => (
        <Badge variant="light" color={KIND_COLOR[m.kind]}>
          {t(`resellers:kind.${m.kind}`)}
        </Badge>
      ),
    },
    {
      key: 'detail',
      header: t('resellers:field.detail'),
      render: (m) => (
        <div>
          {m.customerCode && (
            <Text size="sm">
              {m.customerCode} {m.customerName}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {[
              m.invoiceNumber,
              m.method ? t(`resellers:method.${m.method}`) : null,
              m.referenceNumber,
              m.share ? t('resellers:shareOf', { amount: f.rupiah(m.share) }) : null,
              m.note,
              m.username,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {m.reversedBy !== null && (
            <Badge size="xs" color="orange" variant="outline">
              {t('resellers:reversed')}
            </Badge>
          )}
        </div>
      ),
    },
    {
      key: 'amount',
      header: t('resellers:field.amount'),
      align: 'right',
      render: (m) => <MoneyText amount={m.amount} size="sm" fw={600} />,
    },
  ];
}
