import { Menu, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Movement } from '../../../src-shared/contract/resellers';
import { formatRupiah } from '../../../src-shared/money';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { applyApiError, DataTable, FormDialog, RowMenu, useResetOnOpen } from '../../components';
import { useFormat } from '../../lib/format';
import { movementColumns } from './movementColumns';

/** The balance's history, newest first; a top-up or bill payment can be reversed with a reason. */
export function LedgerTab({ resellerId, canVoid }: { resellerId: number; canVoid: boolean }) {
  const { t } = useTranslation('resellers');
  const f = useFormat();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const q = useApiQuery(
    'resellers.ledger',
    { resellerId, page, pageSize },
    { entities: ['resellers', 'payments', 'all'] },
  );
  const [toVoid, setToVoid] = useState<Movement | null>(null);
  const columns = movementColumns(t, f);
  if (canVoid)
    columns.push({
      key: 'actions',
      header: '',
      width: 48,
      render: (m) =>
        m.kind !== 'reversal' && m.reversedBy === null ? (
          <RowMenu label={`${t('common:actions')} ${m.id}`}>
            <Menu.Item color="red" leftSection={<IconArrowBackUp size={16} />} onClick={() => setToVoid(m)}>
              {t('void.action')}
            </Menu.Item>
          </RowMenu>
        ) : null,
    });
  return (
    <>
      <DataTable
        label={t('tab.ledger')}
        columns={columns}
        rows={q.data?.items}
        rowKey={(m) => m.id}
        total={q.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={setPageSize}
        loading={q.loading}
        empty={<Text c="dimmed">{t('ledgerEmpty')}</Text>}
      />
      <VoidDialog movement={toVoid} onClose={() => setToVoid(null)} />
    </>
  );
}

function VoidDialog({ movement, onClose }: { movement: Movement | null; onClose: () => void }) {
  const { t } = useTranslation('resellers');
  const form = useForm({ initialValues: { reason: '' } });
  useResetOnOpen(form, movement !== null, movement?.id, () => ({ reason: '' }));
  const submit = form.onSubmit(async (v) => {
    if (!movement) return;
    const r = await api('resellers.void', { id: movement.id, reason: v.reason });
    if (!r.ok) return void applyApiError(form, r.error);
    notifications.show({ color: 'teal', message: t('void.done', { balance: formatRupiah(r.value.balance) }) });
    onClose();
  });
  return (
    <FormDialog
      opened={movement !== null}
      onClose={onClose}
      title={<Text fw={600}>{t('void.title')}</Text>}
      onSubmit={submit}
      submitting={form.submitting}
      submitColor="red"
      submitLabel={t('void.submit')}
      submitTestId="void-submit"
    >
      <Text size="sm">
        {movement?.kind === 'topup'
          ? t('void.topupHelp', { amount: formatRupiah(movement.amount) })
          : t('void.paymentHelp', { invoice: movement?.invoiceNumber ?? '' })}
      </Text>
      <Textarea
        label={t('field.reason')}
        data-autofocus
        withAsterisk
        autosize
        minRows={2}
        {...form.getInputProps('reason')}
      />
    </FormDialog>
  );
}
