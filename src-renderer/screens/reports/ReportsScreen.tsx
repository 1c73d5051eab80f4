import '@mantine/charts/styles.css';
import { Stack, Tabs } from '@mantine/core';
import { IconCalendarStats, IconChartLine, IconClockHour4, IconUsersGroup, IconWifi } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useRoute } from 'wouter';
import { businessDate } from '../../../src-shared/dates';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components';
import { AgingTab } from './AgingTab';
import { BandwidthTab } from './BandwidthTab';
import { CustomersTab } from './CustomersTab';
import { FinancialTab } from './FinancialTab';
import { ForecastTab } from './ForecastTab';
import { presets, type Range } from './ReportControls';

const TABS = ['financial', 'aging', 'customers', 'forecast', 'bandwidth'] as const;
type Tab = (typeof TABS)[number];
const ICONS = {
  financial: IconChartLine,
  aging: IconClockHour4,
  customers: IconUsersGroup,
  forecast: IconCalendarStats,
  bandwidth: IconWifi,
};

/**
 * Laporan. One tab per report (`/reports/<tab>`, so a tab can be linked); the date range is shared
 * between tabs, and so is the brand filter. Everything is computed locally by the main process and works offline.
 */
export default function ReportsScreen() {
  const { t } = useTranslation('reports');
  const [, navigate] = useLocation();
  const [, params] = useRoute<{ tab: string }>('/:tab');
  const tab: Tab = TABS.includes(params?.tab as Tab) ? (params!.tab as Tab) : 'financial';
  const tz = useSession((s) => s.info?.timeZone ?? 'Asia/Jakarta');
  const today = businessDate(new Date(), tz);
  const [range, setRange] = useState<Range>(() => presets(today).find((p) => p.key === 'last12Months')!.range);
  // Issue 18: the brand filter is shared by the tabs, like the range.
  const [brandId, onBrand] = useState<number | undefined>();
  const brand = { brandId, onBrand };

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs value={tab} onChange={(v) => v && navigate(`/${v}`)} keepMounted={false}>
        <Tabs.List className="no-print">
          {TABS.map((k) => {
            const I = ICONS[k];
            return (
              <Tabs.Tab key={k} value={k} leftSection={<I size={16} />} data-testid={`tab-${k}`}>
                {t(`tab.${k}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="financial" pt="md">
          <FinancialTab range={range} onRange={setRange} today={today} {...brand} />
        </Tabs.Panel>
        <Tabs.Panel value="aging" pt="md">
          <AgingTab today={today} {...brand} />
        </Tabs.Panel>
        <Tabs.Panel value="customers" pt="md">
          <CustomersTab range={range} onRange={setRange} today={today} {...brand} />
        </Tabs.Panel>
        <Tabs.Panel value="forecast" pt="md">
          <ForecastTab {...brand} />
        </Tabs.Panel>
        <Tabs.Panel value="bandwidth" pt="md">
          <BandwidthTab range={range} onRange={setRange} today={today} {...brand} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
