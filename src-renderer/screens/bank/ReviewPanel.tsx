import {
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  useMatches,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankLine } from '../../../src-shared/contract/bank-statements';
import type { InputOf } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { MoneyText, notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';

const STATES = ['review', 'credited', 'deposit', 'not_ours'] as const;

async function settle(input: InputOf<'bankLines.settle'>, done: string): Promise<boolean> {
  const r = await api('bankLines.settle', input);
  if (!r.ok) {
    notifyApiError(r.error);
    return false;
  }
  notifications.show({ color: 'teal', message: done });
  return true;
}

/** Lines that wait for the cashier (and the settled ones, to look back): assign, deposit or not ours. */
export function ReviewPanel() {
  const { t } = useTranslation('bank');
  const f = useFormat();
  const can = useCan();
  const [state, setState] = useState<(typeof STATES)[number]>('review');
  const q = useApiQuery('bankLines.list', { state }, { entities: ['payments'] });
  const [open, setOpen] = useState<BankLine | null>(null);
  const rows = q.data ?? [];
  const canSettle = state === 'review' && can('payments.create');
  const stacked = useMatches({ base: true, sm: false });
  return (
    <Stack gap="sm" maw={1100} data-testid="bank-review">
      <SegmentedControl
        value={state}
        onChange={(v) => setState(v as (typeof STATES)[number])}
        data={STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
        // Four labels do not fit side by side on a phone: there they stack, full width.
        orientation={stacked ? 'vertical' : 'horizontal'}
        fullWidth={stacked}
        w={stacked ? undefined : 'fit-content'}
      />
      {!rows.length && !q.loading && <Text c="dimmed">{t('review.empty')}</Text>}
      {rows.length > 0 && (
        // Long bank remarks and the suggestions: on a phone the table scrolls inside its own box.
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('col.date')}</Table.Th>
                <Table.Th>{t('col.description')}</Table.Th>
                <Table.Th ta="right">{t('col.amount')}</Table.Th>
                <Table.Th>{state === 'review' ? t('review.suggestions') : t('review.settled')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((l) => (
                <Table.Tr key={l.id} data-testid="bank-review-line">
                  <Table.Td>{f.date(l.date)}</Table.Td>
                  <Table.Td>{l.description}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={l.amount} />
                  </Table.Td>
                  <Table.Td>
                    {state === 'review' ? (
                      <Stack gap={4}>
                        {!l.suggestions.length && (
                          <Text size="sm" c="dimmed">
                            {t(`match.${l.match}`)}
                          </Text>
                        )}
                        {l.suggestions.map((s) => (
                          <Group key={s.invoiceId} gap="xs" wrap="nowrap">
                            <Badge variant="light" color={s.confidence === 'high' ? 'teal' : 'yellow'}>
                              {t(`confidence.${s.confidence}`)}
                            </Badge>
                            <Text size="sm">
                              {s.invoiceNumber} · {s.customerName} · <MoneyText amount={s.payable ?? s.open} />
                            </Text>
                            {canSettle && (
                              <Button
                                size="compact-xs"
                                variant="light"
                                data-testid="bank-assign-suggestion"
                                onClick={() =>
                                  void settle(
                                    { id: l.id, to: 'invoice', invoiceId: s.invoiceId },
                                    t('review.done'),
                                  ).then((ok) => ok && q.refetch())
                                }
                              >
                                {t('review.assign')}
                              </Button>
                            )}
                          </Group>
                        ))}
                      </Stack>
                    ) : (
                      <Text size="sm">
                        {[l.invoiceNumber, l.customerName, l.paymentNumber, l.note].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canSettle && (
                      <Button size="xs" variant="default" onClick={() => setOpen(l)} data-testid="bank-settle">
                        {t('review.other')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && (
        <SettleDialog
          line={open}
          onClose={(done) => {
            setOpen(null);
            if (done) q.refetch();
          }}
        />
      )}
    </Stack>
  );
}

function SettleDialog({ line, onClose }: { line: BankLine; onClose: (done: boolean) => void }) {
  const { t } = useTranslation('bank');
  const [to, setTo] = useState<'invoice' | 'deposit' | 'not_ours'>('invoice');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const customers = useApiQuery(
    'customers.list',
    { search: debounced || undefined, pageSize: 20 },
    { enabled: to !== 'not_ours' },
  );
  const invoices = useApiQuery(
    'invoices.list',
    { customerId: Number(customerId), openOnly: true, pageSize: 50 },
    { enabled: to === 'invoice' && !!customerId },
  );
  const submit = async () => {
    setBusy(true);
    const input: InputOf<'bankLines.settle'> =
      to === 'invoice'
        ? { id: line.id, to, invoiceId: Number(invoiceId) }
        : to === 'deposit'
          ? { id: line.id, to, customerId: Number(customerId) }
          : { id: line.id, to, reason };
    const ok = await settle(input, t('review.done'));
    setBusy(false);
    if (ok) onClose(true);
  };
  const ready = to === 'invoice' ? !!invoiceId : to === 'deposit' ? !!customerId : reason.trim() !== '';
  return (
    <Modal
      opened
      onClose={() => onClose(false)}
      title={t('review.dialog', { amount: line.amount.toLocaleString('id-ID') })}
    >
      <Stack>
        <Text size="sm">{line.description}</Text>
        <SegmentedControl
          value={to}
          onChange={(v) => setTo(v as typeof to)}
          data={[
            { value: 'invoice', label: t('review.to.invoice') },
            { value: 'deposit', label: t('review.to.deposit') },
            { value: 'not_ours', label: t('review.to.not_ours') },
          ]}
        />
        {to !== 'not_ours' && (
          <Select
            label={t('review.customer')}
            searchable
            data={(customers.data?.items ?? []).map((c) => ({
              value: String(c.id),
              label: `${c.customerCode} · ${c.name}`,
            }))}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            value={customerId}
            onChange={(v) => {
              setCustomerId(v);
              setInvoiceId(null);
            }}
            data-testid="bank-settle-customer"
          />
        )}
        {to === 'invoice' && customerId && (
          <Select
            label={t('review.invoice')}
            data={(invoices.data?.items ?? []).map((i) => ({
              value: String(i.id),
              label: `${i.invoiceNumber} · ${(i.amount - i.paidAmount).toLocaleString('id-ID')}`,
            }))}
            value={invoiceId}
            onChange={setInvoiceId}
            data-testid="bank-settle-invoice"
          />
        )}
        {to === 'not_ours' && (
          <Textarea
            label={t('review.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="bank-settle-reason"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>
            {t('common:cancel')}
          </Button>
          <Button onClick={() => void submit()} disabled={!ready} loading={busy} data-testid="bank-settle-save">
            {t('common:save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
