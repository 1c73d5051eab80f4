import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components';
import { AssignmentsTab } from './AssignmentsTab';
import { CommissionTab } from './CommissionTab';
import { HandOverTab } from './HandOverTab';

/** Penagih lapangan (office): hand-overs to count, assignments and commission rules, the commission report. */
export default function CollectorsOfficeScreen() {
  const { t } = useTranslation('collectors');
  const can = useCan();
  const tabs = [
    { value: 'handover', show: can('collectors.settle'), el: <HandOverTab /> },
    { value: 'assignments', show: can('collectors.manage'), el: <AssignmentsTab /> },
    { value: 'commission', show: can('reports.read'), el: <CommissionTab /> },
  ].filter((x) => x.show);
  const [tab, setTab] = useState(tabs[0]?.value ?? 'handover');
  return (
    <Stack gap="md">
      <PageHeader title={t('office.title')} />
      <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab key={x.value} value={x.value}>
              {t(`office.tab.${x.value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((x) => (
          <Tabs.Panel key={x.value} value={x.value} pt="md">
            {x.el}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
