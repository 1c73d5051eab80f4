import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useApiQuery } from '../../api/useApi';
import { useFormat } from '../../lib/format';
import { BrandFilter, withBrand, type BrandChoice } from './BrandFilter';
import { ReportToolbar } from './ReportControls';
import { AgingBars } from './AgingBars';
import { money, Panel, ReportTable } from './parts';

const COLORS: Record<string, string> = {
  current: 'teal.6',
  '1-30': 'yellow.6',
  '31-60': 'orange.6',
  '61-90': 'red.5',
  '90+': 'red.8',
};

/** Debtors per table page (as the app's lists): the 500 of a bucket at once took most of the first paint (issue 20). */
const DEBTORS_PER_PAGE = 25;

/** Umur piutang: open invoices by days past due, with the customers in each bucket. */
export function AgingTab({ today, brandId, onBrand }: { today: string } & BrandChoice) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const [, navigate] = useLocation();
  const [asOf, setAsOf] = useState<string>(today);
  const params = withBrand({ asOf }, brandId);
  const q = useApiQuery('reports.aging', params);
  const r = q.data;
  const name = (b: string) => (b === 'current' ? t('aging.current') : t('aging.days', { range: b }));
  return (
    <Stack gap="md">
      <ReportToolbar report="aging" params={params} query={q}>
        <DateInput
          label={t('asOf')}
          value={asOf}
          onChange={(v) => v && setAsOf(v)}
          valueFormat="D MMM YYYY"
          w={180}
          maxDate={today}
        />
        <BrandFilter value={brandId} onChange={onBrand} />
      </ReportToolbar>
      {r && (
        <>
          <Panel
            title={t('aging.chart')}
            right={
              <Text fw={700} data-testid="aging-total">
                {f.rupiah(r.total)}
              </Text>
            }
            testId="aging-chart"
          >
            <AgingBars
              bars={r.buckets.map((b) => ({
                key: b.bucket,
                label: name(b.bucket),
                amount: b.amount,
                color: COLORS[b.bucket]!,
              }))}
            />
          </Panel>
          <div data-testid="aging-buckets">
            {/* Closed buckets are not rendered (Mantine keeps them mounted, hidden, by default): their four
                tables doubled the screen's DOM and rendering for rows nobody sees yet (issue 20). */}
            <Accordion variant="separated" multiple defaultValue={['90+']} keepMounted={false}>
              {r.buckets.map((b) => (
                <Accordion.Item key={b.bucket} value={b.bucket}>
                  <Accordion.Control>
                    <Group justify="space-between" pr="md">
                      <Group gap="sm">
                        <Badge color={COLORS[b.bucket]!.split('.')[0]} variant="light">
                          {name(b.bucket)}
                        </Badge>
                        <Text size="sm" c="dimmed">
                          {t('aging.summary', { invoices: b.invoices, customers: b.customersTotal })}
                        </Text>
                      </Group>
                      {money(b.amount)}
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <ReportTable
                      rows={b.customers}
                      pageSize={DEBTORS_PER_PAGE}
                      columns={[
                        {
                          header: t('col.code'),
                          render: (c) => (
                            <Text ff="monospace" size="sm">
                              {c.customerCode}
                            </Text>
                          ),
                        },
                        {
                          header: t('col.name'),
                          render: (c) => (
                            <Text
                              size="sm"
                              style={{ cursor: 'pointer' }}
                              onClick={() => navigate(`~/customers/${c.customerId}`)}
                            >
                              {c.name}
                            </Text>
                          ),
                        },
                        { header: t('col.phone'), render: (c) => c.phone ?? '—' },
                        { header: t('col.invoices'), render: (c) => f.number(c.invoices), align: 'right' },
                        { header: t('col.oldestDue'), render: (c) => f.date(c.oldestDueDate) },
                        { header: t('col.amount'), render: (c) => money(c.amount), align: 'right' },
                      ]}
                    />
                    {b.customersTotal > b.customers.length && (
                      <Text size="xs" c="dimmed" mt="xs">
                        {t('aging.more', { shown: b.customers.length, total: b.customersTotal })}
                      </Text>
                    )}
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </div>
        </>
      )}
    </Stack>
  );
}
