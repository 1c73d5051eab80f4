import { Alert, Button, Card, Loader, Radio, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalPayAttempt } from '../../src-shared/contract/portal/pay';
import { translateApiMessage } from '../components/apiError';
import { formatDate, formatRupiah } from '../lib/format';
import { OFFLINE, openPdf, portalApi } from './api';
import { METHOD_KINDS, methodKind, methodName } from './methods';
import { PayInstructions } from './PayInstructions';
import { usePortal } from './usePortal';

/** What is paid: a pay link's invoice (token), one invoice of the signed-in customer, or all they owe. */
export interface PayTarget {
  token?: string;
  invoiceId?: number;
}

/** How often an open pay page asks whether the money arrived (the server's poller asks the gateway). */
const POLL_MS = 3_000;
const WAITING: PortalPayAttempt['state'][] = ['pending', 'paid'];

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
            <Stack gap="xs" mt="xs">
              {METHOD_KINDS.map((kind) => {
                const of = b.methods.filter((m) => methodKind(m.method) === kind);
                if (!of.length) return null;
                return (
                  <Stack gap={6} key={kind}>
                    <Text size="sm" fw={600}>
                      {t(`payOnline.kind.${kind}`)}
                    </Text>
                    {of.map((m) => (
                      <Radio
                        key={`${m.provider}:${m.method}`}
                        value={`${m.provider}:${m.method}`}
                        label={methodName(m.method)}
                        data-method={m.method}
                      />
                    ))}
                  </Stack>
                );
              })}
            </Stack>
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
  const [tx, setTx] = useState(initial);
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const waiting = WAITING.includes(tx.state);
  const token = target.token;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      void portalApi('portal.pay.status', { token, id: tx.id }).then((r) => r.ok && setTx(r.value));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, token, tx.id]);

  const check = async () => {
    setChecking(true);
    const r = await portalApi('portal.pay.check', { token, id: tx.id });
    setChecking(false);
    if (r.ok) {
      setTx(r.value);
      setNote(WAITING.includes(r.value.state) ? t('payOnline.notYet') : null);
    } else setNote(r.error.message === OFFLINE ? t('offline') : translateApiMessage(r.error.message));
  };
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
  if (!waiting) {
    return (
      <Alert color="gray" title={t(`payOnline.ended.${tx.state}`)} data-testid="pay-state" data-state={tx.state}>
        <Button mt="xs" variant="light" onClick={onAnother}>
          {t('payOnline.another')}
        </Button>
      </Alert>
    );
  }
  return (
    <Card withBorder data-testid="pay-state" data-state={tx.state}>
      <Stack gap="xs" align="center">
        <PayInstructions tx={tx} testId="pay" vaHow />
        <Text size="sm">{t('payOnline.expires', { at: expires })}</Text>
        <Text size="sm" c="dimmed" data-testid="pay-waiting">
          {t('payOnline.waiting')}
        </Text>
        <Button
          variant="light"
          leftSection={<IconRefresh size={16} />}
          loading={checking}
          onClick={() => void check()}
          data-testid="pay-check"
        >
          {t('payOnline.check')}
        </Button>
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('payOnline.reference', { ref: tx.reference })}
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onAnother}>
          {t('payOnline.another')}
        </Button>
      </Stack>
    </Card>
  );
}
