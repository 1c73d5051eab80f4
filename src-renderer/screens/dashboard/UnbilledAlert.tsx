import { Alert, Button, Group, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileAlert } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { ConfirmDialog, notifyApiError } from '../../components';
import { useFormat } from '../../lib/format';

const SHOWN = 5;

/**
 * Active PPPoE accounts that no subscription bills: money the ISP never asks for. Shown only when
 * there are some; one click (confirmed, audited on the server) gives each a subscription from today.
 */
export function UnbilledAlert() {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const can = useCan();
  const [confirming, setConfirming] = useState(false);
  const q = useApiQuery(
    'subscriptions.unbilled',
    { limit: SHOWN },
    { enabled: can('subscriptions.read'), entities: ['pppoe', 'subscriptions', 'customers', 'routers'] },
  );
  const d = q.data;
  if (!d || d.count === 0) return null;
  const fix = async () => {
    const r = await api('subscriptions.billUnbilled', {});
    setConfirming(false);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t('unbilled.fixed', { count: r.value.created + r.value.linked }) });
    q.refetch();
  };
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconFileAlert size={20} />}
      title={t('unbilled.title', { count: d.count })}
      data-testid="alert-unbilled"
    >
      <Text size="sm" mb={4}>
        {t('unbilled.help')}
      </Text>
      <List size="sm" spacing={2}>
        {d.items.map((a) => (
          <List.Item key={a.accountId}>
            <Text span ff="monospace" size="sm">
              {a.username}
            </Text>{' '}
            · {a.customerName} ({a.customerCode}) · {a.packageName} {f.rupiah(a.price)}
          </List.Item>
        ))}
      </List>
      {d.count > d.items.length && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('unbilled.more', { count: d.count - d.items.length })}
        </Text>
      )}
      {can('subscriptions.write') && (
        <Group mt="sm">
          <Button size="xs" color="orange" onClick={() => setConfirming(true)} data-testid="unbilled-fix">
            {t('unbilled.fix', { count: d.count })}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        danger={false}
        title={t('unbilled.confirmTitle')}
        message={t('unbilled.confirm', { count: d.count })}
        confirmLabel={t('unbilled.fix', { count: d.count })}
        onCancel={() => setConfirming(false)}
        onConfirm={fix}
      />
    </Alert>
  );
}
