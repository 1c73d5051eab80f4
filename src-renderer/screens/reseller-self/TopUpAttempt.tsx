import { Alert, Button, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResellerTopUp } from '../../../src-shared/contract/reseller-self';
import { formatRupiah } from '../../../src-shared/money';
import { api } from '../../api/client';
import { translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { OpenAttempt } from '../../portal/OpenAttempt';
import { useFollowedAttempt } from '../../portal/useFollowedAttempt';

/**
 * One top-up: how to pay it (QR, VA number or the gateway's page), its state followed until the money is
 * in the balance (`onSettled` then refreshes the balance), or why it ended.
 */
export function TopUpAttempt({
  initial,
  onSettled,
  onAnother,
}: {
  initial: ResellerTopUp;
  onSettled: () => void;
  onAnother: () => void;
}) {
  const { t } = useTranslation('resellerSelf');
  const f = useFormat();
  const follow = useFollowedAttempt(initial, {
    status: (id) => api('reseller.topup', { id }),
    check: (id) => api('reseller.topupCheck', { id }),
    notYet: t('topup.notYet'),
    failure: translateApiMessage,
  });
  const { tx, waiting } = follow;

  useEffect(() => {
    if (!waiting) onSettled();
    // Once, when the top-up leaves the waiting states.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onSettled is a fresh closure each render
  }, [waiting]);

  if (tx.state === 'credited' || tx.state === 'review') {
    return (
      <Alert color="teal" title={t(`topup.state.${tx.state}`)} data-testid="topup-state" data-state={tx.state}>
        <Text size="sm">
          {tx.state === 'credited'
            ? t('topup.creditedText', { amount: formatRupiah(tx.paidAmount ?? tx.amount) })
            : t('topup.reviewText')}
        </Text>
        <Button mt="xs" variant="light" onClick={onAnother}>
          {t('topup.another')}
        </Button>
      </Alert>
    );
  }
  return (
    <OpenAttempt
      follow={follow}
      testId="topup"
      newTab
      expires={f.dateTime(tx.expiresAt)}
      waitingText={t(`topup.state.${tx.state}`)}
      endedTitle={t(`topup.state.${tx.state}`)}
      anotherText={t('topup.another')}
      onAnother={onAnother}
    />
  );
}
