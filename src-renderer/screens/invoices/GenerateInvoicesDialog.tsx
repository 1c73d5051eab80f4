import { Alert, Button, Group, Modal, ScrollArea, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { MoneyText, notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';
import { currentPeriod, periodLabel, periodOptions } from '../payments/periods';

type RunResult = OutputOf<'billing.generateInvoices'>;

/**
 * The owner's monthly action: pick the period, preview (dry run: nothing written), then "Issue".
 * Issuing again is harmless: the database allows one invoice per subscription per period.
 */
export function GenerateInvoicesDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('billing');
  const f = useFormat();
  const tz = useSession((s) => s.info?.timeZone ?? 'Asia/Jakarta');
  const [period, setPeriod] = useState<string>(() => currentPeriod(tz));
  const [preview, setPreview] = useState<RunResult | null>(null);
  const [issued, setIssued] = useState<RunResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'issue' | null>(null);

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'preview' : 'issue');
    const r = await api('billing.generateInvoices', { period, dryRun });
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    if (dryRun) {
      // A new preview replaces the last issue's result: the figures shown are always the newest.
      setIssued(null);
      setPreview(r.value);
    } else {
      setIssued(r.value);
      setPreview(null);
    }
  };

  const close = () => {
    setPreview(null);
    setIssued(null);
    onClose();
  };

  const shown = preview ?? issued;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={600}>{t('run.title')}</Text>}
      size="xl"
      centered
      data-testid="generate-dialog"
    >
      <Stack gap="md">
        <Group align="flex-end">
          <Select
            label={t('invoice.period')}
            data={periodOptions(tz).map((p) => ({ value: p, label: `${periodLabel(p, i18n.language)} (${p})` }))}
            value={period}
            onChange={(v) => {
              if (!v) return;
              setPeriod(v);
              setPreview(null);
              setIssued(null);
            }}
            allowDeselect={false}
            searchable
            w={260}
            data-testid="run-period"
          />
          <Button
            variant="default"
            leftSection={<IconEye size={16} />}
            loading={busy === 'preview'}
            onClick={() => void run(true)}
            data-testid="run-preview"
            data-autofocus
          >
            {t('run.preview')}
          </Button>
          {preview && (
            <Button
              leftSection={<IconCircleCheck size={16} />}
              loading={busy === 'issue'}
              disabled={preview.created === 0}
              onClick={() => void run(false)}
              data-testid="run-issue"
            >
              {t('run.issue', { count: preview.created })}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('run.help')}
        </Text>

        {issued && (
          <Alert color={issued.created > 0 ? 'teal' : 'blue'} data-testid="run-result">
            {t('run.done', { created: issued.created, skipped: issued.skipped, total: f.rupiah(issued.totalAmount) })}
          </Alert>
        )}
        {shown && (
          <>
            <SimpleGrid cols={3}>
              <Stat
                label={preview ? t('run.willCreate') : t('run.created')}
                value={
                  <Text fw={700} size="xl" data-testid="run-created">
                    {shown.created}
                  </Text>
                }
              />
              <Stat
                label={t('run.skipped')}
                value={
                  <Text fw={700} size="xl" data-testid="run-skipped">
                    {shown.skipped}
                  </Text>
                }
              />
              <Stat label={t('run.total')} value={<MoneyText amount={shown.totalAmount} fw={700} size="xl" />} />
            </SimpleGrid>
            {shown.invoices.length > 0 && (
              <ScrollArea h={320}>
                <Table striped verticalSpacing={4} data-testid="run-rows">
                  <Table.Thead>
                    <Table.Tr>
                      {issued && <Table.Th>{t('invoice.number')}</Table.Th>}
                      <Table.Th>{t('customer')}</Table.Th>
                      <Table.Th>{t('package')}</Table.Th>
                      <Table.Th>{t('invoice.dueDate')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.invoices.map((r) => (
                      <Table.Tr key={r.subscriptionId}>
                        {issued && <Table.Td>{r.invoiceNumber}</Table.Td>}
                        <Table.Td>
                          {r.customerName}{' '}
                          <Text span size="xs" c="dimmed">
                            {r.customerCode}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {r.packageName}
                          {r.prorated && (
                            <Text span size="xs" c="orange">
                              {' '}
                              · {t('run.prorated')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{f.date(r.dueDate)}</Table.Td>
                        <Table.Td ta="right">
                          <MoneyText amount={r.amount} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {shown.truncated && (
                  <Text size="xs" c="dimmed">
                    {t('run.truncated')}
                  </Text>
                )}
              </ScrollArea>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {value}
    </Stack>
  );
}
