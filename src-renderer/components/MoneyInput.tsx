import { NumberInput, type NumberInputProps } from '@mantine/core';
import { forwardRef } from 'react';

/**
 * Whole rupiah typed the Indonesian way (`Rp 150.000`): no decimals, never negative. Every money field
 * uses it so they all read and parse alike; other NumberInput props pass through.
 */
export const MoneyInput = forwardRef<HTMLInputElement, NumberInputProps>(function MoneyInput(props, ref) {
  return (
    <NumberInput
      ref={ref}
      prefix="Rp "
      thousandSeparator="."
      decimalSeparator=","
      allowDecimal={false}
      allowNegative={false}
      {...props}
    />
  );
});
