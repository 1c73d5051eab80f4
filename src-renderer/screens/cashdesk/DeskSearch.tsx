import { Box, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText, StatusBadge } from '../../components';
import type { DeskCustomer } from './deskTypes';
import type { useDeskSearch } from './useDeskSearch';

/** The search box of the desk and its matches (a listbox the arrows move through). */
export function DeskSearch({
  search,
  inputRef,
  selected,
  onChange,
  onKeyDown,
  onPick,
}: {
  search: ReturnType<typeof useDeskSearch>;
  inputRef: Ref<HTMLInputElement>;
  selected: boolean;
  onChange: (text: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onPick: (c: DeskCustomer) => void;
}) {
  const { t } = useTranslation('billing');
  const { query, debounced, results, searching, highlight, setHighlight } = search;
  return (
    <Box pos="relative">
      <TextInput
        ref={inputRef}
        size="lg"
        leftSection={searching ? <Loader size={16} /> : <IconSearch size={18} />}
        placeholder={t('desk.searchPlaceholder')}
        aria-label={t('desk.search')}
        data-testid="desk-search"
        value={query}
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      {results.length > 0 && (
        <Paper
          withBorder
          shadow="md"
          radius="md"
          mt={4}
          role="listbox"
          aria-label={t('desk.results')}
          data-testid="desk-results"
        >
          {results.map((c, i) => (
            <UnstyledButton
              key={c.id}
              role="option"
              aria-selected={i === highlight}
              onMouseEnter={() => setHighlight(i)}
              onClick={() => onPick(c)}
              w="100%"
              p="sm"
              bg={i === highlight ? 'var(--mantine-color-blue-light)' : undefined}
              data-testid="desk-result"
            >
              <Group justify="space-between" wrap="nowrap">
                <Box>
                  <Text fw={600}>
                    {c.name}{' '}
                    <Text span c="dimmed" size="sm">
                      {c.customerCode}
                    </Text>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[c.phone, c.pppoeUsernames.join(', ')].filter(Boolean).join(' · ')}
                  </Text>
                </Box>
                <Stack gap={2} align="flex-end">
                  {c.totalOutstanding > 0 ? (
                    <MoneyText amount={c.totalOutstanding} c="red" fw={600} size="sm" />
                  ) : (
                    <Text size="xs" c="teal">
                      {t('desk.noArrears')}
                    </Text>
                  )}
                  {c.isolated && <StatusBadge status="isolated" size="xs" />}
                </Stack>
              </Group>
            </UnstyledButton>
          ))}
        </Paper>
      )}
      {debounced && !searching && results.length === 0 && !selected && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('desk.noMatch')}
        </Text>
      )}
    </Box>
  );
}
