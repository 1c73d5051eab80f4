import { Button, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { PageHeader } from './PageHeader';

interface WholeListTableProps<R> {
  /** Undefined while loading (an empty table shows, not `empty`). */
  rows: R[] | undefined;
  empty: ReactNode;
  testId: string;
  minWidth: number;
  /** The column titles; an untitled column for the row's buttons follows. */
  headers: ReactNode[];
  /** One `Table.Tr` with a key. */
  row: (r: R) => ReactNode;
  highlightOnHover?: boolean;
}

/**
 * A list shown whole (no paging): `empty` once it is known to have no rows, else a striped table that
 * scrolls sideways below `minWidth`.
 */
export function WholeListTable<R>({
  rows,
  empty,
  testId,
  minWidth,
  headers,
  row,
  highlightOnHover,
}: WholeListTableProps<R>) {
  if (rows && rows.length === 0) return empty;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover={highlightOnHover} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h, i) => (
              <Table.Th key={i}>{h}</Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{(rows ?? []).map(row)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * An admin list short enough to show whole, without search or paging (API keys, webhooks): the title
 * with a link to the API docs and the "create" button, the empty state once the list is known to be
 * empty, else the table, then the screen's dialogs (`children`).
 */
export function ShortListScreen<R>({
  title,
  subtitle,
  docs,
  createLabel,
  onCreate,
  empty,
  children,
  ...table
}: Omit<WholeListTableProps<R>, 'empty' | 'highlightOnHover'> & {
  title: string;
  subtitle: string;
  docs: { href: string; label: string };
  createLabel: string;
  onCreate: () => void;
  empty: { icon: ReactNode; title: string };
  children: ReactNode;
}) {
  return (
    <Stack gap="md">
      <PageHeader
        title={title}
        subtitle={
          <>
            {subtitle}{' '}
            <a href={docs.href} target="_blank" rel="noreferrer">
              {docs.label}
            </a>
          </>
        }
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            {createLabel}
          </Button>
        }
      />
      <WholeListTable {...table} empty={<EmptyState icon={empty.icon} title={empty.title} />} highlightOnHover />
      {children}
    </Stack>
  );
}
