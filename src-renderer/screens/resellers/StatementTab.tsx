import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Statement } from '../../../src-shared/contract/resellers';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useSession } from '../../app/session';
import { MoneyText, notifyApiError } from '../../components';
import { downloadBase64 } from '../../lib/download';

/** This month in the ISP's zone, `YYYY-MM`. */
export function currentMonth(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);
}

/** The monthly statement's summary (also the reseller's own screen). */
export function StatementSummary({ s }: { s: Statement }) {
  const { t } = useTranslation('resellers');
  const rows: [string, number][] = [
    ['opening', s.opening],
    ['topups', s.topups],
    ['payments', s.payments],
    ['commissions', s.commissions],
    ['reversals', s.reversals],
  ];
  return (
    <Table aria-label={t('tab.statement')} data-testid="statement-summary">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td>{t(`statement.${k}`)}</Table.Td>
            <Table.Td ta="right">
              <MoneyText amount={v} size="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td fw={700}>{t('statement.closing')}</Table.Td>
          <Table.Td ta="right">
            <MoneyText amount={s.closing} size="sm" fw={700} />
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Td c="dimmed">{t('statement.billsPaid', { count: s.billsPaid })}</Table.Td>
          <Table.Td ta="right">
            <MoneyText amount={s.billAmount} size="sm" c="dimmed" />
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** Month picker, summary, and the PDF / Excel download. */
export function StatementTab({ resellerId }: { resellerId: number }) {
  const { t } = useTranslation('resellers');
  const tz = useSession((s) => s.info?.timeZone ?? 'Asia/Jakarta');
  const [month, setMonth] = useState(() => currentMonth(tz));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const q = useApiQuery('resellers.statement', { resellerId, month }, { enabled: valid });
  const download = async (format: 'pdf' | 'xlsx') => {
    const r = await api('resellers.statementFile', { resellerId, month, format });
    if (!r.ok) return notifyApiError(r.error);
    downloadBase64(r.value);
  };
  return (
    <Stack gap="sm" maw={560}>
      <Group align="flex-end">
        <TextInput
          label={t('statement.month')}
          type="month"
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          error={valid ? null : t('statement.badMonth')}
        />
        <Button
          variant="default"
          leftSection={<IconFileTypePdf size={16} />}
          disabled={!valid}
          onClick={() => void download('pdf')}
        >
          PDF
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          disabled={!valid}
          onClick={() => void download('xlsx')}
        >
          Excel
        </Button>
      </Group>
      {q.data ? <StatementSummary s={q.data} /> : <Text c="dimmed">{t('statement.loading')}</Text>}
    </Stack>
  );
}
