import { useState } from 'react';
import type { SortState } from './DataTable';

/**
 * State of one server-paged list: search text, filters, page, page size and sort. Changing the
 * search, a filter or the sort goes back to page 1. Spread `params` into the list call's input.
 */
export function useListParams<F extends string, Filters extends Record<string, unknown> = Record<string, never>>(
  initial: {
    pageSize?: number;
    sort?: SortState<F>;
    filters?: Filters;
  } = {},
) {
  const [search, setSearchRaw] = useState('');
  const [filters, setFiltersRaw] = useState<Filters>(initial.filters ?? ({} as Filters));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSizeRaw] = useState(initial.pageSize ?? 25);
  const [sort, setSortRaw] = useState<SortState<F> | undefined>(initial.sort);

  const setSearch = (s: string) => {
    setSearchRaw(s);
    setPage(1);
  };
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFiltersRaw((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const setPageSize = (n: number) => {
    setPageSizeRaw(n);
    setPage(1);
  };
  /** Clears the search and every filter (back to the initial ones). */
  const clearFilters = () => {
    setSearchRaw('');
    setFiltersRaw(initial.filters ?? ({} as Filters));
    setPage(1);
  };
  const setSort = (s: SortState<F> | undefined) => {
    setSortRaw(s);
    setPage(1);
  };
  // Undefined filters are left out so the input stays valid for `.strict()` schemas.
  const cleanFilters = Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<Filters>;
  return {
    search,
    setSearch,
    filters,
    setFilter,
    clearFilters,
    page,
    setPage,
    pageSize,
    setPageSize,
    sort,
    setSort,
    /** `{ search?, ...filters, page, pageSize, sort? }` for the list channel. */
    params: {
      ...(search.trim() ? { search: search.trim() } : {}),
      ...cleanFilters,
      page,
      pageSize,
      ...(sort ? { sort } : {}),
    },
    /** Props for <DataTable>. */
    tableProps: { page, pageSize, sort, onPageChange: setPage, onPageSizeChange: setPageSize, onSortChange: setSort },
  };
}

/** What useListParams returns, for parts that render a list's search, filters or table. */
export type ListParams<F extends string, Filters extends Record<string, unknown>> = ReturnType<
  typeof useListParams<F, Filters>
>;
