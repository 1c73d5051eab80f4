import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteItem } from '../../../src-shared/contract/collectors';
import { api } from '../../api/client';
import { fieldError, MoneyInput, notifyApiError, rupiahText, rupiahValue } from '../../components';
import { useFormat } from '../../lib/format';
import { newPaymentKey, type QueuedPayment } from './offlineQueue';

interface Props {
  item: RouteItem | null;
  /** Already taken on this phone for the customer but not yet confirmed by the office. */
  queued: number;
  online: boolean;
  today: string;
  onClose: () => void;
  onTake: (p: QueuedPayment) => void;
  onVisited: () => void;
}

/**
 * One customer on the route: take cash (kept on the phone first, so it works without a signal) or note
 * a visit without money (needs a signal). Full screen on a phone.
 */
export function CustomerSheet({ item, queued, online, today, onClose, onTake, onVisited }: Props) {
  const { t } = useTranslation('collectors');
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 40em)');
  const due = item ? Math.max(item.outstanding - queued, 0) : 0;
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [promise, setPromise] = useState<string>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [shownFor, setShownFor] = useState<number | null>(null);
  if (item && item.customerId !== shownFor) {
    setShownFor(item.customerId);
    setAmount(rupiahText(due || null));
    setConfirming(false);
    setPromise('');
    setNote('');
  }
  const amountError = fieldError('rupiah', amount, { min: 1 });
  const value = rupiahValue(amount, { min: 1 });

  const take = () => {
    if (!item || value === undefined) return;
    onTake({
      key: newPaymentKey(),
      customerId: item.customerId,
      invoiceId: item.firstInvoiceId,
      amount: value,
      collectedAt: new Date().toISOString(),
      customerCode: item.customerCode,
      customerName: item.name,
      error: null,
    });
    notifications.show({
      color: 'teal',
      message: t(online ? 'taken.online' : 'taken.offline', { amount: f.rupiah(value), name: item.name }),
    });
    onClose();
  };

  const visit = async (kind: 'not_home' | 'promised' | 'note') => {
    if (!item) return;
    setBusy(true);
    const r = await api('collector.visit', {
      customerId: item.customerId,
      kind,
      promisedOn: kind === 'promised' ? promise || undefined : undefined,
      note: note || undefined,
    });
    setBusy(false);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t(`visit.saved.${kind}`, { name: item.name }) });
    onVisited();
    onClose();
  };

  return (
    <Modal
      opened={!!item}
      onClose={onClose}
      fullScreen={phone}
      // On a phone the sheet is the whole screen: it appears at once (a collector taps through a street's
      // customers; a sliding sheet also moved "Terima tunai" under a tap on a busy phone).
      transitionProps={phone ? { duration: 0 } : undefined}
      title={item?.name}
      data-testid="customer-sheet"
    >
      {item && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {item.customerCode}
            {item.address ? ` · ${item.address}` : ''}
            {item.phone ? ` · ${item.phone}` : ''}
          </Text>
          <Text size="sm">
            {t('sheet.owes', {
              amount: f.rupiah(item.outstanding),
              count: item.openInvoices,
              due: f.date(item.oldestDue),
            })}
          </Text>
          {queued > 0 && (
            <Alert color="yellow" p="xs">
              {t('sheet.queued', { amount: f.rupiah(queued) })}
            </Alert>
          )}
          {!confirming ? (
            <>
              <MoneyInput
                label={t('sheet.amount')}
                value={amount}
                onChange={setAmount}
                error={amount ? amountError : null}
                size="md"
                data-testid="collect-amount"
              />
              <Button size="md" disabled={value === undefined} onClick={() => setConfirming(true)}>
                {t('sheet.take')}
              </Button>
            </>
          ) : (
            <Stack gap="xs">
              <Text fw={600}>{t('sheet.confirm', { amount: f.rupiah(value ?? 0), name: item.name })}</Text>
              <Group grow>
                <Button variant="default" size="md" onClick={() => setConfirming(false)}>
                  {t('sheet.back')}
                </Button>
                <Button size="md" color="teal" onClick={take} data-testid="collect-confirm">
                  {t('sheet.yesTake')}
                </Button>
              </Group>
            </Stack>
          )}
          <Text fw={600} size="sm" mt="md">
            {t('visit.title')}
          </Text>
          {!online && (
            <Text size="xs" c="dimmed">
              {t('visit.needsSignal')}
            </Text>
          )}
          <Button variant="light" color="gray" disabled={!online || busy} onClick={() => void visit('not_home')}>
            {t('visit.notHome')}
          </Button>
          <Group align="end" grow>
            <TextInput
              type="date"
              label={t('visit.promisedOn')}
              min={today}
              value={promise}
              onChange={(e) => setPromise(e.currentTarget.value)}
            />
            <Button variant="light" disabled={!online || busy || !promise} onClick={() => void visit('promised')}>
              {t('visit.promise')}
            </Button>
          </Group>
          <Textarea
            label={t('visit.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={300}
          />
          <Button variant="subtle" disabled={!online || busy || !note.trim()} onClick={() => void visit('note')}>
            {t('visit.saveNote')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
