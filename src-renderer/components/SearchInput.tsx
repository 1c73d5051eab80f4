import { CloseButton, Kbd, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback, useWindowEvent } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  /** Called after typing pauses (debounced) and at once on Enter / clear. */
  onSearch: (value: string) => void;
  delay?: number;
  /** Focus this input with `/` or Ctrl+K (one search box per screen). */
  globalShortcut?: boolean;
  /** Arrow down moves from the search box into the screen's table (then Enter opens a row). */
  arrowIntoTable?: boolean;
}

const typingInField = (el: Element | null) =>
  !!el &&
  (el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el as HTMLElement).isContentEditable);

export const SearchInput = forwardRef<HTMLInputElement, Props>(function SearchInput(
  { value, onSearch, delay = 250, globalShortcut = true, arrowIntoTable = true, onKeyDown, ...rest },
  ref,
) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const inner = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => inner.current!);
  // What this box last sent. The list echoes it back as `value` a render later; by then more keys may
  // have landed, so an echo must not overwrite the box (it dropped keys on a busy PC). Only a value
  // the box did not send (filters cleared, navigation) replaces the text.
  const sent = useRef(value);
  const search = (v: string) => {
    sent.current = v;
    onSearch(v);
  };
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(value);
  }, [value]);
  const debounced = useDebouncedCallback((v: string) => search(v), delay);

  useWindowEvent('keydown', (e) => {
    if (!globalShortcut) return;
    const isSlash = e.key === '/' && !typingInField(document.activeElement);
    const isCtrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
    // Not while a dialog is open: the dialog owns the keyboard then.
    if ((isSlash || isCtrlK) && !document.querySelector('[role="dialog"]')) {
      e.preventDefault();
      inner.current?.focus();
      inner.current?.select();
    }
  });

  return (
    <TextInput
      ref={inner}
      type="search"
      leftSection={<IconSearch size={16} />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={t('common:clearSearch')}
            onClick={() => {
              setText('');
              search('');
              inner.current?.focus();
            }}
          />
        ) : (
          <Kbd size="xs">/</Kbd>
        )
      }
      rightSectionPointerEvents={text ? 'all' : 'none'}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        debounced(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          search(text);
        } else if (e.key === 'Escape' && text) {
          e.stopPropagation();
          setText('');
          search('');
        } else if (e.key === 'ArrowDown' && arrowIntoTable) {
          const row = document.querySelector<HTMLElement>('[data-testid="data-table"] tbody tr');
          if (row) {
            row.focus();
            e.preventDefault();
          }
        }
        onKeyDown?.(e);
      }}
      {...rest}
    />
  );
});
