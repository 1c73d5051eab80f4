import { Group, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { SearchInput, type ListParams } from '../../components';

export type AuditFilterValues = {
  userId?: number;
  entity?: string;
  action?: string;
  source?: string;
  from?: string;
  to?: string;
};

/** "customer.update" → "Ubah pelanggan"; a code this version has no label for shows as is. */
export const labelOf = (t: TFunction, group: 'actions' | 'entities', code: string) =>
  t(`${group}.${code}`, { defaultValue: code });

/** The facet filters: which field of the filters, its label key and "all" placeholder key, width. */
const FACETS = [
  { key: 'userId', field: 'field.user', all: 'allUsers', w: 175 },
  { key: 'entity', field: 'field.entity', all: 'allEntities', w: 140 },
  { key: 'action', field: 'field.action', all: 'allActions', w: 170 },
  { key: 'source', field: 'field.source', all: 'allSources', w: 175 },
] as const;
/** On a phone two filters share a row (fixed widths cut "Semua pengguna" to "Semua penggu"). */
const HALF_ROW = 'calc(50% - var(--mantine-spacing-sm) / 2)';

/** The audit trail's search, facet selects (users, objects, actions, sources the trail holds) and dates. */
export function AuditFilters({
  list,
  facets,
  sourceLabel,
}: {
  list: ListParams<never, AuditFilterValues>;
  facets: OutputOf<'audit.facets'> | undefined;
  sourceLabel: (source: string) => string;
}) {
  const { t } = useTranslation('audit');
  const fl = list.filters;
  const options = {
    userId: (facets?.users ?? []).map((u) => ({ value: String(u.id), label: u.username })),
    entity: (facets?.entities ?? []).map((v) => ({ value: v, label: labelOf(t, 'entities', v) })),
    action: (facets?.actions ?? []).map((v) => ({ value: v, label: labelOf(t, 'actions', v) })),
    source: (facets?.sources ?? []).map((s) => ({ value: s, label: sourceLabel(s) })),
  };
  return (
    <Group mb="md" gap="sm" wrap="wrap" align="flex-end">
      <SearchInput
        value={list.search}
        onSearch={list.setSearch}
        placeholder={t('searchPlaceholder')}
        aria-label={t('common:search')}
        w={{ base: '100%', sm: 240 }}
      />
      {FACETS.map(({ key, field, all, w }) => (
        <Select
          key={key}
          aria-label={t(field)}
          placeholder={t(all)}
          w={{ base: HALF_ROW, sm: w }}
          clearable
          searchable
          value={fl[key] ? String(fl[key]) : null}
          onChange={(v) =>
            key === 'userId' ? list.setFilter(key, v ? Number(v) : undefined) : list.setFilter(key, v ?? undefined)
          }
          data={options[key]}
        />
      ))}
      {(['from', 'to'] as const).map((key) => (
        <DateInput
          key={key}
          aria-label={t(`field.${key}`)}
          placeholder={t(`field.${key}`)}
          w={{ base: HALF_ROW, sm: 135 }}
          clearable
          valueFormat="DD MMM YYYY"
          value={fl[key] ?? null}
          minDate={key === 'to' ? fl.from : undefined}
          maxDate={key === 'from' ? fl.to : undefined}
          onChange={(v) => list.setFilter(key, v ?? undefined)}
        />
      ))}
    </Group>
  );
}
