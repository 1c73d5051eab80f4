import { Alert, Button, Card, Loader, Radio, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalPayAttempt } from '../../src-shared/contract/portal/pay';
import { translateApiMessage } from '../components/apiError';
import { formatDate, formatRupiah } from '../lib/format';
import { OFFLINE, openPdf, portalApi } from './api';
import { MethodRadios } from './MethodRadios';
import { OpenAttempt } from './OpenAttempt';
import { useFollowedAttempt } from './useFollowedAttempt';
import { usePortal } from './usePortal';

/** What is paid: a pay link's invoice (token), one invoice of the signed-in customer, or all they owe. */
export interface PayTarget {
  token?: string;
  invoiceId?: number;
}

/**
 * Pay online: the amount owed, the gateway's methods (QRIS, virtual accounts, e-wallets), then the QR
 * image, VA number or the gateway's page, its state followed until paid, then the receipt.
 */
export function PayView({ target }: { target: PayTarget }) {
  const { t, i18n } = useTranslation('portal');
  const bill = usePortal('portal.pay.bill', target);
  const [attempt, setAttempt] = useState<PortalPayAttempt | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState(false);
  const shown = attempt ?? (fresh ? null : (bill.data?.attempt ?? null));

  if (!bill.data) {
    if (bill.error)
      return (
        <Alert color="red" data-testid="pay-error">
          {bill.error.message === OFFLINE ? t('offline') : translateApiMessage(bill.error.message)}
        </Alert>
      );
    return <Loader />;
  }
  const b = bill.data;
  const lng = i18n.language;

  const create = async () => {
    const picked = b.methods.find((m) => `${m.provider}:${m.method}` === choice);
    if (!picked) return setError(t('payOnline.chooseFirst'));
    setBusy(true);
    setError(null);
    const r = await portalApi('portal.pay.create', { ...target, provider: picked.provider, method: picked.method });
    setBusy(false);
    if (r.ok) setAttempt(r.value);
    else setError(r.error.message === OFFLINE ? t('offline') : translateApiMessage(r.error.message));
  };

  return (
    <Stack gap="sm" data-testid="pay-view">
      <Card withBorder>
        <Text size="sm" c="dimmed">
          {t('payOnline.for', { name: b.customerName, isp: b.ispName })}
        </Text>
        {b.invoices.map((i) => (
          <Text size="sm" key={i.invoiceNumber}>
            {t('payOnline.invoiceLine', {
              number: i.invoiceNumber,
              due: formatDate(i.dueDate, lng),
              amount: formatRupiah(i.amount - i.paidAmount),
            })}
          </Text>
        ))}
        <Title order={2} data-testid="pay-outstanding">
          {formatRupiah(b.outstanding)}
        </Title>
      </Card>
      {shown ? (
        <AttemptCard
          target={target}
          initial={shown}
          onAnother={() => {
            setAttempt(null);
            setFresh(true);
            bill.reload();
          }}
        />
      ) : b.outstanding === 0 ? (
        <Alert color="teal" data-testid="pay-nothing">
          {t('payOnline.nothing')}
        </Alert>
      ) : !b.methods.length ? (
        <Alert color="yellow">{t('payOnline.unavailable')}</Alert>
      ) : (
        <Card withBorder>
          <Radio.Group
            value={choice}
            onChange={setChoice}
            label={t('payOnline.method')}
            error={error}
            data-testid="pay-methods"
          >
            <MethodRadios methods={b.methods} />
          </Radio.Group>
          <Button fullWidth mt="md" size="md" loading={busy} onClick={() => void create()} data-testid="pay-create">
            {t('payOnline.pay', { amount: formatRupiah(b.outstanding) })}
          </Button>
        </Card>
      )}
    </Stack>
  );
}

/** One attempt: how to pay it, followed until the money is recorded, then its receipt. */
function AttemptCard({
  target,
  initial,
  onAnother,
}: {
  target: PayTarget;
  initial: PortalPayAttempt;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation('portal');
  const token = target.token;
  const follow = useFollowedAttempt(initial, {
    status: (id) => portalApi('portal.pay.status', { token, id }),
    check: (id) => portalApi('portal.pay.check', { token, id }),
    notYet: t('payOnline.notYet'),
    failure: (message) => (message === OFFLINE ? t('offline') : translateApiMessage(message)),
  });
  const { tx, note, setNote } = follow;
  const receipt = async () => {
    const r = await portalApi('portal.pay.receipt', { token, id: tx.id });
    if (r.ok) openPdf(r.value);
    else setNote(translateApiMessage(r.error.message));
  };
  const expires = new Date(tx.expiresAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID');

  if (tx.state === 'credited' || tx.state === 'deposit' || tx.state === 'review') {
    return (
      <Alert color="teal" title={t('payOnline.received')} data-testid="pay-state" data-state={tx.state}>
        <Stack gap="xs">
          <Text size="sm">
            {tx.state === 'credited'
              ? t('payOnline.creditedText', { number: tx.paymentNumber ?? '' })
              : t('payOnline.reviewText')}
          </Text>
          {tx.paymentId && (
            <Button
              variant="light"
              leftSection={<IconFileTypePdf size={16} />}
              onClick={() => void receipt()}
              data-testid="pay-receipt"
            >
              {t('receipt')}
            </Button>
          )}
          {note && <Text size="sm">{note}</Text>}
        </Stack>
      </Alert>
    );
  }
  return (
    <OpenAttempt
      follow={follow}
      testId="pay"
      vaHow
      expires={expires}
      waitingText={t('payOnline.waiting')}
      endedTitle={t(`payOnline.ended.${tx.state}`)}
      anotherText={t('payOnline.another')}
      onAnother={onAnother}
    />
  );
}
