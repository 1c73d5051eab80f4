import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { parseIntegerInput, parseRupiahInput } from '../../src-shared/strict-number';
import { formatField, type NumberKind } from './numberField';

export interface NumberTextProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type'> {
  /** The text as typed (a number is shown formatted). */
  value?: string | number;
  onChange: (text: string) => void;
  /** Whole-number fields: show `10.240` instead of `10240` after leaving the field. */
  group?: boolean;
}

/**
 * A number typed as text and read by the strict parser. The text is never changed while typing;
 * on leaving the field an accepted value is shown in its plain form (`50rb` → `Rp 50.000`), so the
 * user sees exactly what will be saved. A refused text stays as typed, with its rule's message.
 */
function makeNumberInput(kind: NumberKind, displayName: string) {
  const C = forwardRef<HTMLInputElement, NumberTextProps>(function NumberText(
    { value = '', onChange, onBlur, group, ...rest },
    ref,
  ) {
    const text = typeof value === 'number' ? formatField(kind, value, group) : value;
    return (
      <TextInput
        ref={ref}
        inputMode={kind === 'rupiah' ? 'text' : 'numeric'}
        autoComplete="off"
        {...rest}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={(e) => {
          // Only a non-negative accepted value is reshown; anything refused stays exactly as typed.
          const r = kind === 'rupiah' ? parseRupiahInput(text) : parseIntegerInput(text);
          if (r.ok) {
            const canonical = formatField(kind, r.value, group);
            if (canonical !== text) onChange(canonical);
          }
          onBlur?.(e);
        }}
      />
    );
  });
  C.displayName = displayName;
  return C;
}

/** Whole rupiah typed the Indonesian way (`Rp 150.000`, `150000`, `150rb`): every money field uses it. */
export const MoneyInput = makeNumberInput('rupiah', 'MoneyInput');

/** A whole number (kbps, days, minutes, a port); put the unit in `rightSection`. */
export const IntegerInput = makeNumberInput('integer', 'IntegerInput');
