import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../components';

/** The customer of a money record's row: name, then the code dimmed. */
export function customerColumn<R extends { customerName: string; customerCode: string }>(header: string): Column<R> {
  return {
    key: 'customer',
    header,
    render: (r) => (
      <Text size="sm">
        {r.customerName}{' '}
        <Text span size="xs" c="dimmed">
          {r.customerCode}
        </Text>
      </Text>
    ),
  };
}

/** A payment's or refund's number, struck through once voided. */
export function numberColumn<R extends { status: string }>(header: string, numberOf: (r: R) => string): Column<R> {
  return {
    key: 'number',
    header,
    render: (r) => (
      <Text size="sm" fw={500} td={r.status === 'void' ? 'line-through' : undefined}>
        {numberOf(r)}
      </Text>
    ),
  };
}

/** From / to business dates of a list filter (either may be empty). */
export function DateRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (key: 'from' | 'to', value: string | undefined) => void;
}) {
  const { t } = useTranslation('billing');
  return (
    <>
      <TextInput
        type="date"
        w={160}
        aria-label={t('from')}
        value={from ?? ''}
        onChange={(e) => onChange('from', e.currentTarget.value || undefined)}
      />
      <TextInput
        type="date"
        w={160}
        aria-label={t('to')}
        value={to ?? ''}
        onChange={(e) => onChange('to', e.currentTarget.value || undefined)}
      />
    </>
  );
}
