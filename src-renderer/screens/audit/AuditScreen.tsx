import { Button, Code, Drawer, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/contract/audit';
import { api } from '../../api/client';
import { translateApiMessage } from '../../components/apiError';
import { useApiQuery } from '../../api/useApi';
import { DataTable, EmptyState, PageHeader, notifyApiError, useListParams, type Column } from '../../components';
import { downloadBase64 } from '../../lib/download';
import { AuditFilters, labelOf, type AuditFilterValues } from './AuditFilters';
import { useFormat } from '../../lib/format';

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** `{"price":150000}` → `price: 150000`; long values are cut, the drawer shows everything. */
function summary(json: string | null): string {
  if (!json) return '';
  try {
    const v = JSON.parse(json) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
        .join(', ');
    }
    return JSON.stringify(v);
  } catch {
    return json;
  }
}

function pretty(json: string | null): string {
  if (!json) return '—';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

const actionColor = (a: string) =>
  /failed|locked|void|delete|disable/.test(a) ? 'red.7' : /login|logout/.test(a) ? 'dimmed' : 'indigo.7';

/** Jejak audit: filter by user, object, action, dates (ISP zone) and text; paged; CSV/Excel export. */
export default function AuditScreen() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const list = useListParams<never, AuditFilterValues>();
  const q = useApiQuery('audit.list', list.params);
  const facets = useApiQuery('audit.facets', {});
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    const { page: _p, pageSize: _s, ...filters } = list.params;
    const r = await api('audit.export', { ...filters, format });
    setExporting(null);
    if (!r.ok) return notifyApiError(r.error);
    downloadBase64({ filename: r.value.filename, base64: r.value.base64, mime: MIME[format] });
    notifications.show({
      color: r.value.truncated ? 'yellow' : 'teal',
      message: r.value.truncated
        ? t('truncated', { rows: f.number(r.value.rows) })
        : t('exported', { rows: f.number(r.value.rows), filename: r.value.filename }),
    });
  };

  // Where it came from: the desktop app, an address on the LAN, or the app itself (scheduler, restore).
  const sourceLabel = (source: string | null) => (source === 'desktop' ? t('sourceDesktop') : (source ?? t('system')));

  const columns: Column<AuditEntry, never>[] = [
    {
      key: 'at',
      header: t('field.at'),
      width: 150,
      render: (e) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {f.dateTime(e.at)}
        </Text>
      ),
    },
    { key: 'user', header: t('field.user'), render: (e) => <Text size="sm">{e.username ?? t('system')}</Text> },
    {
      key: 'source',
      header: t('field.source'),
      render: (e) => (
        <Text size="sm" c="dimmed" ff={e.source && e.source !== 'desktop' ? 'monospace' : undefined}>
          {sourceLabel(e.source)}
        </Text>
      ),
    },
    {
      key: 'action',
      header: t('field.action'),
      render: (e) => (
        <Text size="sm" fw={600} c={actionColor(e.action)} style={{ whiteSpace: 'nowrap' }} title={e.action}>
          {labelOf(t, 'actions', e.action)}
        </Text>
      ),
    },
    {
      key: 'entity',
      header: t('field.entity'),
      render: (e) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {e.entityId ? `${labelOf(t, 'entities', e.entity)} #${e.entityId}` : labelOf(t, 'entities', e.entity)}
        </Text>
      ),
    },
    {
      key: 'changes',
      header: t('field.changes'),
      render: (e) => (
        // The stored record's fields as they are in the data (names and values), not interface text.
        <Text size="xs" c="dimmed" lineClamp={2} maw={420} ff="monospace" translate="no">
          {[summary(e.before) && `− ${summary(e.before)}`, summary(e.after) && `+ ${summary(e.after)}`]
            .filter(Boolean)
            .join('  ')}
        </Text>
      ),
    },
    {
      key: 'reason',
      header: t('field.reason'),
      render: (e) => (
        <Text size="sm" lineClamp={2} maw={220}>
          {/* The app's own reasons ("invoice run 2026-12") are stored in English like server messages. */}
          {e.reason ? translateApiMessage(e.reason) : ''}
        </Text>
      ),
    },
  ];

  const fl = list.filters;
  const filtered = !!list.search || Object.values(fl).some((v) => v !== undefined && v !== '');
  const total = q.data?.total ?? 0;
  const clear = () => {
    list.setSearch('');
    for (const k of ['userId', 'entity', 'action', 'source', 'from', 'to'] as const) list.setFilter(k, undefined);
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('title')}
        subtitle={
          q.data
            ? t(q.data.totalIsLowerBound ? 'countAtLeast' : 'count', { count: total, formatted: f.number(total) })
            : t('subtitle')
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconFileTypeCsv size={16} />}
              loading={exporting === 'csv'}
              disabled={!!exporting}
              onClick={() => void exportAs('csv')}
            >
              {t('exportCsv')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              loading={exporting === 'xlsx'}
              disabled={!!exporting}
              onClick={() => void exportAs('xlsx')}
            >
              {t('exportXlsx')}
            </Button>
          </>
        }
      />
      <AuditFilters list={list} facets={facets.data} sourceLabel={sourceLabel} />
      <DataTable
        label={t('title')}
        columns={columns}
        rows={q.data?.items}
        rowKey={(e) => e.id}
        total={total}
        totalIsLowerBound={q.data?.totalIsLowerBound}
        loading={q.loading}
        onOpen={setOpen}
        {...list.tableProps}
        empty={
          filtered ? (
            <EmptyState
              title={t('noMatchTitle')}
              description={t('noMatchText')}
              actions={
                <Button variant="default" onClick={clear}>
                  {t('clearFilters')}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<IconHistory size={30} stroke={1.5} />}
              title={t('noneTitle')}
              description={t('noneText')}
            />
          )
        }
      />
      <Drawer
        opened={!!open}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open ? <Title order={4}>{t('detailTitle', { id: open.id })}</Title> : null}
        data-testid="audit-detail"
      >
        {open && (
          <Stack gap="sm">
            <SimpleGrid cols={2} spacing="xs">
              <Text size="sm" c="dimmed">
                {t('field.at')}
              </Text>
              <Text size="sm">{f.dateTime(open.at)}</Text>
              <Text size="sm" c="dimmed">
                {t('field.user')}
              </Text>
              <Text size="sm">{open.username ?? t('system')}</Text>
              <Text size="sm" c="dimmed">
                {t('field.source')}
              </Text>
              <Text size="sm">{sourceLabel(open.source)}</Text>
              <Text size="sm" c="dimmed">
                {t('field.action')}
              </Text>
              <Text size="sm">
                {labelOf(t, 'actions', open.action)}{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {open.action}
                </Text>
              </Text>
              <Text size="sm" c="dimmed">
                {t('field.entity')}
              </Text>
              <Text size="sm">
                {labelOf(t, 'entities', open.entity)}
                {open.entityId ? ` #${open.entityId}` : ''}
              </Text>
              {open.reason && (
                <>
                  <Text size="sm" c="dimmed">
                    {t('field.reason')}
                  </Text>
                  <Text size="sm">{translateApiMessage(open.reason)}</Text>
                </>
              )}
            </SimpleGrid>
            <Text size="sm" fw={600}>
              {t('field.before')}
            </Text>
            <Code block translate="no">
              {pretty(open.before)}
            </Code>
            <Text size="sm" fw={600}>
              {t('field.after')}
            </Text>
            <Code block translate="no">
              {pretty(open.after)}
            </Code>
          </Stack>
        )}
      </Drawer>
    </Stack>
  );
}
