import { Alert, Card, Group, Loader, Pagination, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/result';
import { MoneyText } from '../../components';
import { useFormat } from '../../lib/format';

/** A titled card around a chart or table. */
export function Panel({
  title,
  children,
  right,
  testId,
}: {
  title: string;
  children: ReactNode;
  right?: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={4} fz="md">
          {title}
        </Title>
        {right}
      </Group>
      {children}
    </Card>
  );
}

/** Loading and error states shared by the tabs. */
export function QueryStatus({ loading, error }: { loading: boolean; error: ApiError | null }) {
  const { t } = useTranslation('reports');
  if (error) {
    return (
      <Alert color="red" title={t('invalid')} data-testid="report-error">
        {error.issues?.map((i) => i.message).join(' · ') || error.message}
      </Alert>
    );
  }
  return loading ? <Loader size="sm" /> : null;
}

export interface SimpleColumn<T> {
  header: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
}

/**
 * A plain table for report rows (already aggregated by the server). With `pageSize`, a long list (the
 * aging report's 500 largest debtors per bucket) shows one page at a time with visible paging, so the
 * screen paints without laying out every row at once.
 */
export function ReportTable<T>({
  columns,
  rows: all,
  footer,
  testId,
  pageSize,
}: {
  columns: SimpleColumn<T>[];
  rows: T[];
  footer?: ReactNode[];
  testId?: string;
  pageSize?: number;
}) {
  const { t } = useTranslation('reports');
  const [page, setPage] = useState(1);
  const pages = pageSize ? Math.max(1, Math.ceil(all.length / pageSize)) : 1;
  const current = Math.min(page, pages);
  const first = pageSize ? (current - 1) * pageSize : 0;
  const rows = pageSize ? all.slice(first, first + pageSize) : all;
  if (!all.length)
    return (
      <Text c="dimmed" size="sm">
        {t('noData')}
      </Text>
    );
  return (
    <>
      <Table.ScrollContainer minWidth={500}>
        <Table
          striped
          highlightOnHover
          verticalSpacing={5}
          data-testid={testId}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c, i) => (
                <Table.Th key={i} ta={c.align ?? 'left'}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                {columns.map((c, j) => (
                  <Table.Td key={j} ta={c.align ?? 'left'}>
                    {c.render(r)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          {footer && (
            <Table.Tfoot>
              <Table.Tr>
                {footer.map((cell, i) => (
                  <Table.Th key={i} ta={columns[i]?.align ?? 'left'}>
                    {cell}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <TablePager
          first={first + 1}
          last={first + rows.length}
          total={all.length}
          page={current}
          pages={pages}
          onPage={setPage}
        />
      )}
    </>
  );
}

function TablePager(p: {
  first: number;
  last: number;
  total: number;
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Group justify="space-between" mt="xs" data-testid="report-table-pager">
      <Text size="sm" c="dimmed">
        {t('table.summary', { first: f.number(p.first), last: f.number(p.last), total: f.number(p.total) })}
      </Text>
      <Pagination size="sm" total={p.pages} value={p.page} onChange={p.onPage} withEdges={p.pages > 5} />
    </Group>
  );
}

export const money = (v: number) => <MoneyText amount={v} size="sm" />;

/** Short rupiah for chart axes: `1,2 jt`, `350 rb`. */
export function axisRupiah(v: number, lng: string): string {
  const en = lng === 'en';
  if (Math.abs(v) >= 1e9)
    return `${(v / 1e9).toLocaleString(en ? 'en' : 'id', { maximumFractionDigits: 1 })} ${en ? 'bn' : 'M'}`;
  if (Math.abs(v) >= 1e6)
    return `${(v / 1e6).toLocaleString(en ? 'en' : 'id', { maximumFractionDigits: 1 })} ${en ? 'm' : 'jt'}`;
  if (Math.abs(v) >= 1e3)
    return `${(v / 1e3).toLocaleString(en ? 'en' : 'id', { maximumFractionDigits: 0 })} ${en ? 'k' : 'rb'}`;
  return String(v);
}

/** Bucket key → label: `2026-11` → `Nov 2026`, `2026-11-24` → `24 Nov`. */
export function bucketLabel(key: string, lng: string): string {
  const loc = lng === 'en' ? 'en-GB' : 'id-ID';
  if (/^\d{4}-\d{2}$/.test(key)) {
    return new Intl.DateTimeFormat(loc, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${key}-01T00:00:00Z`),
    );
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) {
    return new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${key}T00:00:00Z`),
    );
  }
  return key;
}
