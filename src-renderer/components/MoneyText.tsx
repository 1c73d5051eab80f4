import { Text, type TextProps } from '@mantine/core';
import { formatRupiah } from '../../src-shared/money';

/** Rupiah amount, right-aligned digits (tabular), red when negative. */
export function MoneyText({ amount, ...rest }: { amount: number } & TextProps) {
  return (
    <Text
      component="span"
      inherit
      ff="inherit"
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      c={amount < 0 ? 'red' : undefined}
      {...rest}
    >
      {formatRupiah(amount)}
    </Text>
  );
}
