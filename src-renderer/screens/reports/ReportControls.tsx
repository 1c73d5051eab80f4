import { Button, Group, Menu, SegmentedControl } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconCalendar, IconChevronDown, IconFileSpreadsheet, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { REPORT_NAMES } from '../../../src-shared/contract/reports';
import { addDays, addMonths } from '../../../src-shared/dates';
import type { ApiError } from '../../../src-shared/result';
import { api } from '../../api/client';
import { useCan } from '../../app/session';
import { notifyApiError } from '../../components';
import { downloadBase64 } from '../../lib/download';
import { QueryStatus } from './parts';

export interface Range {
  from: string;
  to: string;
}

const lastDay = (period: string) => addDays(`${addMonths(period, 1)}-01`, -1);

/** Quick ranges an owner actually asks for. `today` is the ISP's business date. */
export function presets(today: string): { key: string; range: Range }[] {
  const month = today.slice(0, 7);
  const year = today.slice(0, 4);
  return [
    { key: 'thisMonth', range: { from: `${month}-01`, to: lastDay(month) } },
    { key: 'lastMonth', range: { from: `${addMonths(month, -1)}-01`, to: lastDay(addMonths(month, -1)) } },
    { key: 'last3Months', range: { from: `${addMonths(month, -2)}-01`, to: lastDay(month) } },
    { key: 'last12Months', range: { from: `${addMonths(month, -11)}-01`, to: lastDay(month) } },
    { key: 'thisYear', range: { from: `${year}-01-01`, to: `${year}-12-31` } },
    { key: 'lastYear', range: { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` } },
  ];
}

export function RangePicker({ value, onChange, today }: { value: Range; onChange: (r: Range) => void; today: string }) {
  const { t } = useTranslation('reports');
  const [draft, setDraft] = useState<[string | null, string | null]>([value.from, value.to]);
  return (
    <Group gap="xs" wrap="wrap">
      <DatePickerInput
        type="range"
        aria-label={t('range')}
        leftSection={<IconCalendar size={16} />}
        value={draft}
        valueFormat="D MMM YYYY"
        allowSingleDateInRange
        onChange={(v) => {
          const next = v as [string | null, string | null];
          setDraft(next);
          if (next[0] && next[1]) onChange({ from: next[0], to: next[1] });
        }}
        w={260}
        data-testid="range-picker"
      />
      <Menu>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="range-presets">
            {t('presets')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {presets(today).map((p) => (
            <Menu.Item
              key={p.key}
              onClick={() => {
                setDraft([p.range.from, p.range.to]);
                onChange(p.range);
              }}
            >
              {t(`preset.${p.key}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

export function GroupByControl({
  value,
  onChange,
}: {
  value: 'day' | 'month' | 'year';
  onChange: (v: 'day' | 'month' | 'year') => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <SegmentedControl
      value={value}
      onChange={(v) => onChange(v as 'day' | 'month' | 'year')}
      data={[
        { value: 'day', label: t('groupBy.day') },
        { value: 'month', label: t('groupBy.month') },
        { value: 'year', label: t('groupBy.year') },
      ]}
    />
  );
}

/** PDF / Excel export of the report on screen (same params), and printing of the page. */
export function ExportButtons({
  report,
  params,
}: {
  report: (typeof REPORT_NAMES)[number];
  params: Record<string, unknown>;
}) {
  const { t, i18n } = useTranslation('reports');
  const can = useCan();
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const run = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    const r = await api('reports.export', { report, params, format, language: i18n.language === 'en' ? 'en' : 'id' });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    downloadBase64(r.value);
    notifications.show({ color: 'teal', message: t('exported', { file: r.value.filename }) });
  };
  return (
    <Group gap="xs" className="no-print">
      {can('reports.export') && (
        <>
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            loading={busy === 'pdf'}
            onClick={() => run('pdf')}
            data-testid="export-pdf"
          >
            PDF
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            loading={busy === 'xlsx'}
            onClick={() => run('xlsx')}
            data-testid="export-xlsx"
          >
            Excel
          </Button>
        </>
      )}
      <Button variant="subtle" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
        {t('print')}
      </Button>
    </Group>
  );
}

/** A report tab's top row: its controls and the query's state on the left, the exports on the right. */
export function ReportToolbar({
  report,
  params,
  query,
  children,
}: {
  report: (typeof REPORT_NAMES)[number];
  params: Record<string, unknown>;
  query: { loading: boolean; error: ApiError | null };
  children: ReactNode;
}) {
  return (
    <Group justify="space-between">
      <Group gap="sm">
        {children}
        <QueryStatus loading={query.loading} error={query.error} />
      </Group>
      <ExportButtons report={report} params={params} />
    </Group>
  );
}
