import { Group } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { DataTable, EmptyState, SearchInput, type Column, type ListParams } from '../../components';

/**
 * A server-paged list of money records (invoices, payments, refunds): the search and the list's
 * filters above a table whose row opens the record's drawer. The lists have no sort: the server
 * keeps them newest first.
 */
export function MoneyList<R extends { id: number }, Filters extends Record<string, unknown>>({
  list,
  searchPlaceholder,
  filters,
  label,
  columns,
  page,
  loading,
  empty,
  drawer,
}: {
  list: ListParams<never, Filters>;
  searchPlaceholder: string;
  /** The filters after the search box. */
  filters: ReactNode;
  label: string;
  columns: Column<R>[];
  page: { items: R[]; total: number } | undefined;
  loading: boolean;
  empty: { title: string; description?: string };
  /** The open record's drawer (`id` null: closed). */
  drawer: (id: number | null, onClose: () => void) => ReactNode;
}) {
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SearchInput value={list.search} onSearch={list.setSearch} placeholder={searchPlaceholder} w={300} />
        {filters}
      </Group>
      <DataTable
        label={label}
        columns={columns}
        rows={page?.items}
        total={page?.total ?? 0}
        rowKey={(r) => r.id}
        loading={loading}
        onOpen={(r) => setOpenId(r.id)}
        empty={<EmptyState title={empty.title} description={empty.description} />}
        {...list.tableProps}
        sort={undefined}
        onSortChange={undefined}
      />
      {drawer(openId, () => setOpenId(null))}
    </>
  );
}
