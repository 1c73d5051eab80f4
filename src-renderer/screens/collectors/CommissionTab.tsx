import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDate } from '../../../src-shared/dates';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan, useSession } from '../../app/session';
import { MoneyText, notifyApiError } from '../../components';
import { base64Blob, saveBlob } from '../../lib/download';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The month's commission per collector (and hand-over figures), with an Excel export. */
export function CommissionTab() {
  const { t } = useTranslation('collectors');
  const can = useCan();
  const tz = useSession((s) => s.info?.timeZone);
  const today = businessDate(new Date(), tz);
  const [month, setMonth] = useState(today.slice(0, 7));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useApiQuery(
    'collectors.commission',
    { month },
    { enabled: valid, entities: ['collectors', 'payments'] },
  );
  const exportXlsx = async () => {
    const r = await api('collectors.commissionExport', { month });
    if (!r.ok) return notifyApiError(r.error);
    saveBlob(base64Blob(r.value.base64, XLSX), r.value.filename);
  };
  const rows = report.data?.rows ?? [];
  const totals = report.data?.totals;
  return (
    <Stack gap="sm">
      <Group align="end">
        <TextInput
          type="month"
          label={t('office.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
        {can('reports.export') && (
          <Button
            variant="light"
            leftSection={<IconFileSpreadsheet size={16} />}
            disabled={!valid}
            onClick={() => void exportXlsx()}
          >
            {t('office.export')}
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table striped data-testid="commission-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office.col.collector')}</Table.Th>
              <Table.Th ta="right">{t('office.col.payments')}</Table.Th>
              <Table.Th ta="right">{t('office.col.collected')}</Table.Th>
              <Table.Th ta="right">{t('office.col.commission')}</Table.Th>
              <Table.Th ta="right">{t('office.col.settled')}</Table.Th>
              <Table.Th ta="right">{t('office.col.variance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.collectorId}>
                <Table.Td>{r.collectorName}</Table.Td>
                <FigureCells figures={r} />
              </Table.Tr>
            ))}
            {totals && rows.length > 0 && (
              <Table.Tr fw={700}>
                <Table.Td>{t('office.total')}</Table.Td>
                <FigureCells figures={totals} />
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {valid && rows.length === 0 && !report.loading && <span>{t('office.noCommission')}</span>}
    </Stack>
  );
}

interface Figures {
  payments: number;
  collected: number;
  commission: number;
  settled: number;
  variance: number;
}

/** A collector's figures and the month's totals share one set of cells, so the columns cannot drift apart. */
function FigureCells({ figures }: { figures: Figures }) {
  return (
    <>
      <Table.Td ta="right">{figures.payments}</Table.Td>
      {(['collected', 'commission', 'settled', 'variance'] as const).map((k) => (
        <Table.Td key={k} ta="right">
          <MoneyText amount={figures[k]} />
        </Table.Td>
      ))}
    </>
  );
}
