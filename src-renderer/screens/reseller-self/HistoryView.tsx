import { Badge, Button, Card, Group, Pagination, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useSession } from '../../app/session';
import { MoneyText, notifyApiError } from '../../components';
import { downloadBase64 } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { currentMonth, StatementSummary } from '../resellers/StatementTab';

/** Balance movements, newest first, and the monthly statement (PDF / Excel). */
export function HistoryView() {
  const { t } = useTranslation('resellerSelf');
  const f = useFormat();
  const tz = useSession((s) => s.info?.timeZone ?? 'Asia/Jakarta');
  const [page, setPage] = useState(1);
  const [month, setMonth] = useState(() => currentMonth(tz));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const q = useApiQuery('reseller.ledger', { page, pageSize: 20 }, { entities: ['payments', 'resellers', 'all'] });
  const st = useApiQuery('reseller.statement', { month }, { enabled: valid });
  const download = async (format: 'pdf' | 'xlsx') => {
    const r = await api('reseller.statementFile', { month, format });
    if (!r.ok) return notifyApiError(r.error);
    downloadBase64(r.value);
  };
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / 20));
  return (
    <Stack gap="xs">
      <Card withBorder padding="sm">
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('month')}
            type="month"
            value={month}
            onChange={(e) => setMonth(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button variant="default" disabled={!valid} onClick={() => void download('pdf')}>
            PDF
          </Button>
          <Button variant="default" disabled={!valid} onClick={() => void download('xlsx')}>
            Excel
          </Button>
        </Group>
        {st.data && <StatementSummary s={st.data} />}
      </Card>
      {q.data?.items.map((m) => (
        <Card key={m.id} withBorder padding="xs" data-testid="self-movement">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Badge size="sm" variant="light">
                  {t(`resellers:kind.${m.kind}`)}
                </Badge>
                {m.reversedBy !== null && (
                  <Badge size="sm" color="orange" variant="outline">
                    {t('resellers:reversed')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {[f.dateTime(m.at), m.customerName, m.invoiceNumber, m.note].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <MoneyText amount={m.amount} fw={600} />
          </Group>
        </Card>
      ))}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}
