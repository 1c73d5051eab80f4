import { Tabs } from '@mantine/core';
import { IconFileImport, IconListCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components';
import { ImportPanel } from './ImportPanel';
import { ReviewPanel } from './ReviewPanel';

/** Mutasi bank: import a statement (kode unik amounts credited by themselves) and settle the lines that wait. */
export default function BankImportScreen() {
  const { t } = useTranslation('bank');
  const [tab, setTab] = useState<string>('import');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'import')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} />} data-testid="bank-tab-import">
            {t('tabs.import')}
          </Tabs.Tab>
          <Tabs.Tab value="review" leftSection={<IconListCheck size={16} />} data-testid="bank-tab-review">
            {t('tabs.review')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="import">
          <ImportPanel onReview={() => setTab('review')} />
        </Tabs.Panel>
        <Tabs.Panel value="review">
          <ReviewPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
