import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBandwidth, formatDate, formatDateTime, formatRupiah } from '../lib/format';
import { translateApiMessage } from '../components/apiError';
import { lastHome, OFFLINE } from './api';
import type { PayTarget } from './PayView';
import { TransferNote } from './TransferNote';
import { usePortal } from './usePortal';

const STATUS_COLOR = { active: 'teal', isolated: 'red', stopped: 'gray' } as const;

/** The current bill, how to pay it, the account's state and its package; offline, the last one loaded. */
export function HomeView({ onPay }: { onPay: (target: PayTarget) => void }) {
  const { t, i18n } = useTranslation('portal');
  const q = usePortal('portal.home', {});
  useEffect(() => {
    if (q.data) lastHome.save(q.data);
  }, [q.data]);
  const offline = q.error?.message === OFFLINE ? lastHome.load() : null;
  const d = q.data ?? offline?.value;
  if (!d) {
    if (q.error)
      return (
        <Alert color="red">{q.error.message === OFFLINE ? t('offline') : translateApiMessage(q.error.message)}</Alert>
      );
    return <Loader />;
  }
  const lng = i18n.language;
  return (
    <Stack gap="sm">
      {offline && (
        <Alert color="yellow" data-testid="portal-offline">
          {t('offlineShowing', { at: formatDateTime(offline.at, lng, d.timeZone) })}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {d.me.customerCode}
        </Text>
        <Badge color={STATUS_COLOR[d.me.status]} size="lg" data-testid="portal-status">
          {t(`status.${d.me.status}`)}
        </Badge>
      </Group>
      <Text size="sm">{t(`statusText.${d.me.status}`)}</Text>
      <Card withBorder data-testid="portal-bill">
        <Text size="sm" c="dimmed">
          {t('bill.title')}
        </Text>
        <Title order={2} c={d.bill.overdue ? 'red' : undefined}>
          {formatRupiah(d.bill.outstanding)}
        </Title>
        {d.bill.dueDate ? (
          <Text size="sm" c={d.bill.overdue ? 'red' : undefined}>
            {t(d.bill.overdue ? 'bill.overdue' : 'bill.due', { date: formatDate(d.bill.dueDate, lng) })}
          </Text>
        ) : (
          <Text size="sm">{t('bill.nothing')}</Text>
        )}
        {d.bill.deposit > 0 && (
          <Text size="sm" c="dimmed">
            {t('bill.deposit', { amount: formatRupiah(d.bill.deposit) })}
          </Text>
        )}
      </Card>
      {d.bill.outstanding > 0 && (
        <Card withBorder>
          <Text fw={600}>{t('pay.title')}</Text>
          {d.payOnline && !offline && (
            <Button fullWidth my="xs" size="md" onClick={() => onPay({})} data-testid="pay-online">
              {t('pay.online', { amount: formatRupiah(d.bill.outstanding) })}
            </Button>
          )}
          <Text size="sm">{t('pay.desk', { isp: d.payTo.ispName })}</Text>
          {d.payTo.address && <Text size="sm">{d.payTo.address}</Text>}
          {d.payTo.phone && <Text size="sm">{t('pay.phone', { phone: d.payTo.phone })}</Text>}
          <TransferNote home={d} />
          <Text size="sm" c="dimmed">
            {t('pay.restore')}
          </Text>
        </Card>
      )}
      {d.services.map((s) => (
        <Card withBorder key={s.username}>
          <Text fw={600}>{s.packageName}</Text>
          <Text size="sm">
            {t('service.speed', { down: formatBandwidth(s.downKbps), up: formatBandwidth(s.upKbps) })}
          </Text>
          <Text size="sm">{t('service.fee', { amount: formatRupiah(s.monthlyFee) })}</Text>
          <Text size="sm" c="dimmed">
            {t('service.username', { username: s.username })}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
