import {
  Box,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  ScrollArea,
  Select,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SortState<F extends string = string> {
  field: F;
  dir: 'asc' | 'desc';
}

export interface Column<T, F extends string = string> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Set when the API can sort by this column: clicking the header asks the server for that order. */
  sortField?: F;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

export interface DataTableProps<T, F extends string = string> {
  columns: Column<T, F>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  total: number;
  /**
   * `total` is only a lower bound (a search with very many hits counts them up to a cap): the summary says
   * "1–25 of 1,000+"; the server then reports a total past the current page while a next page exists.
   */
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (size: number) => void;
  sort?: SortState<F> | undefined;
  onSortChange?: (sort: SortState<F> | undefined) => void;
  loading?: boolean;
  /** Row click / Enter on a focused row. */
  onOpen?: (row: T) => void;
  /** Shown instead of the table when there are no rows and nothing is loading. */
  empty?: ReactNode;
  /** Accessible name; also used by the end-to-end page objects. */
  label: string;
}

export const PAGE_SIZES = [10, 25, 50, 100];

/**
 * A table over one server page. Paging and sorting are always the API's job (the table never sorts
 * or filters the rows it holds): the parent keeps page/pageSize/sort and passes them to the list call.
 */
export function DataTable<T, F extends string = string>(props: DataTableProps<T, F>) {
  const { t, i18n } = useTranslation();
  const { columns, rows, total, page, pageSize, sort } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID');

  const clickSort = (field: F) => {
    if (!props.onSortChange) return;
    if (sort?.field !== field) props.onSortChange({ field, dir: 'asc' });
    else if (sort.dir === 'asc') props.onSortChange({ field, dir: 'desc' });
    else props.onSortChange(undefined);
  };

  if (rows && rows.length === 0 && !props.loading && props.empty) return <>{props.empty}</>;

  return (
    <Paper withBorder radius="md" pos="relative">
      <LoadingOverlay
        visible={!!props.loading && !!rows}
        zIndex={5}
        overlayProps={{ blur: 0, backgroundOpacity: 0.35 }}
        loaderProps={{ size: 'sm' }}
      />
      <ScrollArea>
        <Table
          aria-label={props.label}
          data-testid="data-table"
          striped
          highlightOnHover={!!props.onOpen}
          verticalSpacing="sm"
          horizontalSpacing="md"
          stickyHeader
          miw={760}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => {
                const active = c.sortField && sort?.field === c.sortField;
                const Icon = !active ? IconArrowsSort : sort?.dir === 'asc' ? IconSortAscending : IconSortDescending;
                return (
                  <Table.Th
                    key={c.key}
                    style={{ width: c.width, textAlign: c.align, whiteSpace: 'nowrap' }}
                    aria-sort={
                      active ? (sort?.dir === 'asc' ? 'ascending' : 'descending') : c.sortField ? 'none' : undefined
                    }
                  >
                    {c.sortField && props.onSortChange ? (
                      <UnstyledButton
                        onClick={() => clickSort(c.sortField!)}
                        data-sort={c.sortField}
                        style={{ fontWeight: 600, fontSize: 'inherit' }}
                      >
                        <Group gap={4} wrap="nowrap" justify={c.align === 'right' ? 'flex-end' : undefined}>
                          {c.header}
                          <Icon size={14} stroke={1.8} opacity={active ? 1 : 0.4} />
                        </Group>
                      </UnstyledButton>
                    ) : (
                      c.header
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(rows ?? []).map((row) => (
              <Table.Tr
                key={props.rowKey(row)}
                tabIndex={props.onOpen ? 0 : undefined}
                style={props.onOpen ? { cursor: 'pointer' } : undefined}
                onClick={props.onOpen ? () => props.onOpen!(row) : undefined}
                onKeyDown={
                  props.onOpen
                    ? (e) => {
                        if (e.key === 'Enter') props.onOpen!(row);
                        else if (e.key === 'ArrowDown')
                          (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
                        else if (e.key === 'ArrowUp')
                          (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
                        else return;
                        e.preventDefault();
                      }
                    : undefined
                }
              >
                {columns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: c.align }}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {!rows && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Box h={120} pos="relative">
                    <LoadingOverlay visible loaderProps={{ size: 'sm' }} />
                  </Box>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group
        justify="space-between"
        px="md"
        py="xs"
        style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      >
        <Text size="sm" c="dimmed" data-testid="table-summary">
          {t(props.totalIsLowerBound ? 'table.summaryAtLeast' : 'table.summary', {
            first: nf.format(first),
            last: nf.format(last),
            total: nf.format(total),
          })}
        </Text>
        <Group gap="md">
          {props.onPageSizeChange && (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('table.perPage')}
              </Text>
              <Select
                aria-label={t('table.perPage')}
                size="xs"
                w={80}
                data={PAGE_SIZES.map(String)}
                value={String(pageSize)}
                onChange={(v) => v && props.onPageSizeChange!(Number(v))}
                allowDeselect={false}
              />
            </Group>
          )}
          <Pagination
            size="sm"
            total={pages}
            value={Math.min(page, pages)}
            onChange={props.onPageChange}
            withEdges={pages > 5}
          />
        </Group>
      </Group>
    </Paper>
  );
}
