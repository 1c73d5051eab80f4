import { Group, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { AddButton } from './AddButton';
import { PageHeader } from './PageHeader';
import { DataTable, type Column, type DataTableProps } from './DataTable';
import { SearchInput } from './SearchInput';

/**
 * The search and the table's paging and sort: what useListParams returns, or one page for a short
 * list the server does not page (routers).
 */
export interface ListControls<R, F extends string> {
  search: string;
  setSearch: (search: string) => void;
  tableProps: Pick<
    DataTableProps<R, F>,
    'page' | 'pageSize' | 'onPageChange' | 'onPageSizeChange' | 'sort' | 'onSortChange'
  >;
}

/**
 * A record list screen (customers, packages, users, PPPoE accounts, routers): title with its count and the "add" action
 * (Alt+N, to `/new`), the search and filters, the server-paged table whose row opens the record,
 * then the screen's dialogs (`children`), which stay over the mounted list.
 */
export function ListScreen<R extends { id: number }, F extends string>({
  title,
  subtitle,
  addLabel,
  list,
  searchPlaceholder,
  searchWidth,
  filters,
  columns,
  page,
  loading,
  onOpen,
  empty,
  children,
}: {
  title: string;
  subtitle: ReactNode;
  /** The add button's label; none when the user may not add. */
  addLabel: string | null;
  list: ListControls<R, F>;
  searchPlaceholder: string;
  searchWidth: number;
  /** The filters after the search box, if any. */
  filters?: ReactNode;
  columns: Column<R, F>[];
  page: { items: R[]; total: number; totalIsLowerBound?: boolean } | undefined;
  loading: boolean;
  onOpen: (row: R) => void;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  useHotkeys([['alt+n', () => addLabel !== null && navigate('/new')]]);
  return (
    <Stack gap={0}>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={addLabel !== null && <AddButton label={addLabel} onClick={() => navigate('/new')} />}
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <SearchInput
          value={list.search}
          onSearch={list.setSearch}
          placeholder={searchPlaceholder}
          aria-label={t('common:search')}
          w={{ base: '100%', sm: searchWidth }}
        />
        {filters}
      </Group>
      <DataTable
        label={title}
        columns={columns}
        rows={page?.items}
        rowKey={(r) => r.id}
        total={page?.total ?? 0}
        totalIsLowerBound={page?.totalIsLowerBound}
        loading={loading}
        onOpen={onOpen}
        {...list.tableProps}
        empty={empty}
      />
      {children}
    </Stack>
  );
}
