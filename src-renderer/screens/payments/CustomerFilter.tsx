import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApi';

/** A customer picker for list filters: searches the server as you type (name, code, phone...). */
export function CustomerFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const { t } = useTranslation('billing');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const q = useApiQuery(
    'customers.list',
    { search: debounced || undefined, pageSize: 20 },
    { entities: ['customers'] },
  );
  const options = (q.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.name} (${c.customerCode})` }));
  const data = picked && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select
      w={240}
      searchable
      clearable
      placeholder={t('allCustomers')}
      aria-label={t('customer')}
      data={data}
      value={value === undefined ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('sub.noCustomer')}
      onChange={(v, option) => {
        setPicked(v ? option : null);
        onChange(v ? Number(v) : undefined);
      }}
      data-testid="customer-filter"
    />
  );
}
