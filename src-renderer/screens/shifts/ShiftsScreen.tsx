import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCashRegister } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/contract';
import type { Shift } from '../../../src-shared/contract/shifts';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import {
  applyApiError,
  FormDialog,
  DataTable,
  EmptyState,
  MoneyText,
  PageHeader,
  StatusBadge,
  MoneyInput,
  rupiahRule,
  rupiahValue,
  useListParams,
  type Column,
} from '../../components';
import { useFormat } from '../../lib/format';
import { OpenShiftDialog } from '../cashdesk/OpenShiftDialog';
import { Fact, STRUCK } from '../payments/RecordDrawer';
import { DocumentActions, PrinterSelect } from '../payments/DocumentButtons';
import { ShiftTopUps } from './ShiftTopUps';

type Report = OutputOf<'shifts.close'>;

export default function ShiftsScreen() {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const current = useApiQuery('shifts.current', {}, { entities: ['shifts', 'payments', 'resellers'] });
  const list = useListParams<never>();
  const { sort: _sort, ...params } = list.params;
  const shifts = useApiQuery('shifts.list', params, { entities: ['shifts', 'payments'] });
  const [opening, setOpening] = useState(false);
  const [closing, setClosing] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [viewId, setViewId] = useState<number | null>(null);
  const shift = current.data ?? null;

  const columns: Column<Shift>[] = [
    { key: 'id', header: '#', render: (r) => r.id },
    { key: 'user', header: t('shift.cashier'), render: (r) => r.userName },
    { key: 'opened', header: t('shift.openedAt'), render: (r) => f.dateTime(r.openedAt) },
    { key: 'closed', header: t('shift.closedAt'), render: (r) => f.dateTime(r.closedAt) },
    { key: 'count', header: t('shift.paymentsCol'), align: 'right', render: (r) => r.paymentsCount },
    {
      key: 'expected',
      header: t('shift.expectedCash'),
      align: 'right',
      render: (r) => <MoneyText amount={r.expectedCash} />,
    },
    {
      key: 'counted',
      header: t('shift.countedCash'),
      align: 'right',
      render: (r) => (r.countedCash === null ? '—' : <MoneyText amount={r.countedCash} />),
    },
    {
      key: 'variance',
      header: t('shift.variance'),
      align: 'right',
      render: (r) =>
        r.variance === null ? '—' : <MoneyText amount={r.variance} c={r.variance === 0 ? 'teal' : 'red'} />,
    },
    {
      key: 'status',
      header: t('status'),
      width: 110,
      render: (r) => (
        <StatusBadge
          style={{ maxWidth: 'none' }}
          status={r.status === 'open' ? 'active' : 'inactive'}
          label={t(`shift.status.${r.status}`)}
        />
      ),
    },
    {
      key: 'pdf',
      header: '',
      render: (r) => (
        <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <DocumentActions req={{ kind: 'shiftReport', shiftId: r.id }} compact />
        </div>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader title={t('shifts')} actions={<PrinterSelect kind="a4" />} />
      <Paper withBorder radius="md" p="md" data-testid="current-shift">
        {shift ? (
          <Group justify="space-between" align="flex-start">
            <Stack gap="xs">
              <Title order={4}>{t('shift.openBadge', { id: shift.id })}</Title>
              <SimpleGrid cols={{ base: 2, md: 4 + Number(shift.cashRefunded > 0) + Number(shift.cashTopUps > 0) }}>
                <Fact label={t('shift.openedAt')} value={f.dateTime(shift.openedAt)} />
                <Fact label={t('shift.openingCash')} value={<MoneyText amount={shift.openingCash} />} />
                <Fact label={t('shift.totalReceived')} value={<MoneyText amount={shift.totalReceived} />} />
                {shift.cashTopUps > 0 && (
                  <Fact label={t('shift.cashTopUps')} value={<MoneyText amount={shift.cashTopUps} />} />
                )}
                {shift.cashRefunded > 0 && (
                  <Fact label={t('shift.cashRefunded')} value={<MoneyText amount={-shift.cashRefunded} c="grape" />} />
                )}
                <Fact label={t('shift.expectedCash')} value={<MoneyText amount={shift.expectedCash} fw={700} />} />
              </SimpleGrid>
            </Stack>
            <Group>
              <DocumentActions
                req={{ kind: 'shiftReport', shiftId: shift.id }}
                size="sm"
                printLabel={t('shift.xReport')}
              />
              <Button color="orange" onClick={() => setClosing(true)} data-testid="close-shift">
                {t('shift.close')}
              </Button>
            </Group>
          </Group>
        ) : (
          <Group justify="space-between">
            <Text c="dimmed">{current.loading ? t('common:loading') : t('shift.none')}</Text>
            <Button
              leftSection={<IconCashRegister size={16} />}
              onClick={() => setOpening(true)}
              data-testid="open-shift"
            >
              {t('shift.open')}
            </Button>
          </Group>
        )}
      </Paper>

      <DataTable
        label={t('shifts')}
        columns={columns}
        rows={shifts.data?.items}
        total={shifts.data?.total ?? 0}
        rowKey={(r) => r.id}
        loading={shifts.loading}
        onOpen={(r) => setViewId(r.id)}
        empty={<EmptyState title={t('shift.empty')} />}
        {...list.tableProps}
        sort={undefined}
        onSortChange={undefined}
      />

      <OpenShiftDialog opened={opening} onClose={() => setOpening(false)} onOpened={() => setOpening(false)} />
      {shift && (
        <CloseShiftDialog
          opened={closing}
          shift={shift}
          onClose={() => setClosing(false)}
          onClosed={(r) => {
            setClosing(false);
            setReport(r);
          }}
        />
      )}
      <ReportModal report={report} onClose={() => setReport(null)} />
      <ReportLoader id={viewId} onClose={() => setViewId(null)} />
    </Stack>
  );
}

function CloseShiftDialog({
  opened,
  shift,
  onClose,
  onClosed,
}: {
  opened: boolean;
  shift: Shift;
  onClose: () => void;
  onClosed: (r: Report) => void;
}) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  const form = useForm<{ countedCash: string; notes: string }>({
    initialValues: { countedCash: '', notes: '' },
    validate: { countedCash: (v) => (v.trim() === '' ? t('shift.countedRequired') : rupiahRule()(v)) },
    validateInputOnBlur: ['countedCash'],
  });
  // The variance is shown only for a count the parser accepts: never for a guess out of a typo.
  const counted = rupiahValue(form.values.countedCash) ?? null;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      centered
      title={<Text fw={600}>{t('shift.closeTitle', { id: shift.id })}</Text>}
      onSubmit={form.onSubmit(async (v) => {
        const r = await api('shifts.close', {
          id: shift.id,
          countedCash: rupiahValue(v.countedCash)!,
          notes: v.notes,
        });
        if (!r.ok) return void applyApiError(form, r.error);
        form.reset();
        onClosed(r.value);
      })}
      submitting={form.submitting}
      submitLabel={t('shift.close')}
      submitColor="orange"
      submitTestId="close-shift-submit"
    >
      <Text size="sm">
        {t('shift.expectedCash')}: <MoneyText amount={shift.expectedCash} fw={700} />
      </Text>
      {shift.cashRefunded > 0 && (
        <Text size="xs" c="dimmed">
          {t('shift.expectedHelp', { amount: f.rupiah(shift.cashRefunded) })}
        </Text>
      )}
      {shift.cashTopUps > 0 && (
        <Text size="xs" c="dimmed" data-testid="close-shift-topups">
          {t('shift.topUpsHelp', { amount: f.rupiah(shift.cashTopUps) })}
        </Text>
      )}
      <MoneyInput
        label={t('shift.countedCash')}
        withAsterisk
        data-autofocus
        data-testid="counted-cash"
        {...form.getInputProps('countedCash')}
      />
      {counted !== null && (
        <Text size="sm" c={counted - shift.expectedCash === 0 ? 'teal' : 'red'}>
          {t('shift.variance')}: <MoneyText amount={counted - shift.expectedCash} fw={700} />
        </Text>
      )}
      <Textarea label={t('notes')} autosize minRows={1} {...form.getInputProps('notes')} />
    </FormDialog>
  );
}

function ReportLoader({ id, onClose }: { id: number | null; onClose: () => void }) {
  const q = useApiQuery(
    'shifts.report',
    { id: id ?? 0 },
    { enabled: id !== null, entities: ['shifts', 'payments', 'refunds'] },
  );
  return <ReportModal report={id !== null ? (q.data ?? null) : null} onClose={onClose} />;
}

/** The close report on screen: expected by method, counted, variance, payments; printable as PDF. */
function ReportModal({ report, onClose }: { report: Report | null; onClose: () => void }) {
  const { t } = useTranslation('billing');
  const f = useFormat();
  return (
    <Modal
      opened={report !== null}
      onClose={onClose}
      size="xl"
      centered
      title={<Text fw={600}>{report ? t('shift.reportTitle', { id: report.shift.id }) : ''}</Text>}
      data-testid="shift-report"
    >
      {report && (
        <Stack gap="md">
          <Group justify="space-between">
            <Text size="sm">
              {report.shift.userName} · {f.dateTime(report.shift.openedAt)} –{' '}
              {report.shift.closedAt ? f.dateTime(report.shift.closedAt) : t('shift.stillOpen')}
            </Text>
            <DocumentActions req={{ kind: 'shiftReport', shiftId: report.shift.id }} size="sm" />
          </Group>
          <SimpleGrid cols={{ base: 2, md: 5 + Number(report.cashRefunded > 0) + Number(report.cashTopUps > 0) }}>
            <Fact label={t('shift.openingCash')} value={<MoneyText amount={report.openingCash} />} />
            <Fact label={t('shift.cashReceived')} value={<MoneyText amount={report.cashReceived} />} />
            {report.cashTopUps > 0 && (
              <Fact
                label={t('shift.cashTopUps')}
                value={<MoneyText amount={report.cashTopUps} data-testid="shift-cash-topups" />}
              />
            )}
            {report.cashRefunded > 0 && (
              <Fact
                label={t('shift.cashRefunded')}
                value={<MoneyText amount={-report.cashRefunded} c="grape" data-testid="shift-cash-refunded" />}
              />
            )}
            <Fact label={t('shift.expectedCash')} value={<MoneyText amount={report.expectedCash} fw={700} />} />
            <Fact
              label={t('shift.countedCash')}
              value={report.countedCash === null ? '—' : <MoneyText amount={report.countedCash} fw={700} />}
            />
            <Fact
              label={t('shift.variance')}
              value={
                report.variance === null ? (
                  '—'
                ) : (
                  <MoneyText
                    amount={report.variance}
                    fw={700}
                    c={report.variance === 0 ? 'teal' : 'red'}
                    data-testid="shift-variance"
                  />
                )
              }
            />
          </SimpleGrid>
          {report.variance !== null && report.variance !== 0 && (
            <Alert color="red">
              {report.variance < 0
                ? t('shift.short', { amount: f.rupiah(-report.variance) })
                : t('shift.over', { amount: f.rupiah(report.variance) })}
            </Alert>
          )}
          <Table withTableBorder verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('payment.method')}</Table.Th>
                <Table.Th ta="right">{t('shift.paymentsCol')}</Table.Th>
                <Table.Th ta="right">{t('payment.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.byMethod.map((m) => (
                <Table.Tr key={m.method}>
                  <Table.Td>{t(`method.${m.method}`)}</Table.Td>
                  <Table.Td ta="right">{m.count}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={m.amount} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table striped verticalSpacing={2}>
            <Table.Tbody>
              {[
                ...report.payments.map((p) => ({ p, v: false })),
                ...report.voidedPayments.map((p) => ({ p, v: true })),
              ].map(({ p, v }) => (
                <Table.Tr key={p.id} style={v ? STRUCK : undefined}>
                  <Table.Td>{p.paymentNumber}</Table.Td>
                  <Table.Td>{f.dateTime(p.paidAt)}</Table.Td>
                  <Table.Td>{p.customerName}</Table.Td>
                  <Table.Td>{t(`method.${p.method}`)}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={p.amount} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {report.refunds.length > 0 && (
            <>
              <Text fw={600} size="sm">
                {t('refund.list')}
              </Text>
              <Table striped verticalSpacing={2} data-testid="shift-refunds">
                <Table.Tbody>
                  {report.refunds.map((r) => (
                    <Table.Tr key={r.id} style={r.status === 'void' ? STRUCK : undefined}>
                      <Table.Td>{r.refundNumber}</Table.Td>
                      <Table.Td>{f.dateTime(r.refundedAt)}</Table.Td>
                      <Table.Td>{r.customerName}</Table.Td>
                      <Table.Td>{t(`method.${r.method}`)}</Table.Td>
                      <Table.Td ta="right">
                        <MoneyText amount={-r.amount} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          <ShiftTopUps topUps={report.topUps} />
        </Stack>
      )}
    </Modal>
  );
}
