import { Alert, Button, Modal, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../src-shared/permissions';
import { STAFF_NOTICE_KINDS, type StaffNoticeKind } from '../../../src-shared/contract/messaging';
import { formatRupiah } from '../../../src-shared/money';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { notifyApiError } from '../../components';

/** Who may see a kind at all: a notification never shows what the screen would not. */
const NEEDS: Record<StaffNoticeKind, Permission> = {
  ticket_new: 'tickets.read',
  payment_online: 'payments.read',
  reseller_topup: 'resellers.read',
  router_down: 'routers.read',
  messages_failed: 'messages.read',
};

type Notice = { kind: StaffNoticeKind } & Record<string, unknown>;

const supported = () => typeof window !== 'undefined' && 'Notification' in window;

/**
 * Listens for `staff.notify` while signed in and shows a desktop notification for the kinds this user
 * keeps on. The browser's Notification API serves both hosts (the desktop app allows it for its own page
 * and shows it natively). Renders nothing.
 */
export function StaffNotifier() {
  const { t } = useTranslation('messages');
  const can = useCan();
  useEffect(
    () =>
      onEvent('staff.notify', (payload) => {
        const n = payload as Notice;
        if (!STAFF_NOTICE_KINDS.includes(n.kind) || !can(NEEDS[n.kind])) return;
        if (!supported() || Notification.permission !== 'granted') return;
        // The user's switches read fresh: one switched off a moment ago is off now.
        void api('messages.staffPrefs', {}).then((r) => {
          if (!r.ok || !r.value[n.kind]) return;
          const body = t(`staffNotify.body.${n.kind}`, {
            ...n,
            amount: typeof n.amount === 'number' ? formatRupiah(n.amount) : '',
          });
          // A newer count of failed messages replaces the last one rather than stacking.
          const tag =
            n.kind === 'messages_failed'
              ? n.kind
              : `${n.kind}-${String(n.ticketId ?? n.paymentId ?? n.movementId ?? n.routerId)}`;
          new Notification(t(`staffNotify.title.${n.kind}`), { body, tag });
        });
      }),
    [can, t],
  );
  return null;
}

/** The user's own switches (Menu → Notifikasi desktop) and the browser permission. */
export function StaffNotificationsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('messages');
  const can = useCan();
  const prefs = useApiQuery('messages.staffPrefs', {}, { enabled: opened });
  const [permission, setPermission] = useState(supported() ? Notification.permission : 'denied');
  const data = prefs.data;

  const toggle = async (kind: StaffNoticeKind, on: boolean) => {
    const r = await api('messages.saveStaffPrefs', { [kind]: on });
    if (!r.ok) return notifyApiError(r.error);
    prefs.refetch();
  };
  const allow = async () => setPermission(await Notification.requestPermission());

  return (
    <Modal opened={opened} onClose={onClose} title={t('staffNotify.dialogTitle')}>
      <Stack gap="sm">
        {!supported() ? (
          <Alert color="yellow">{t('staffNotify.unsupported')}</Alert>
        ) : permission !== 'granted' ? (
          <Alert color="yellow">
            <Stack gap="xs">
              <Text size="sm">{t(permission === 'denied' ? 'staffNotify.denied' : 'staffNotify.ask')}</Text>
              {permission === 'default' && (
                <Button size="xs" onClick={() => void allow()}>
                  {t('staffNotify.allow')}
                </Button>
              )}
            </Stack>
          </Alert>
        ) : null}
        {data &&
          STAFF_NOTICE_KINDS.filter((k) => can(NEEDS[k])).map((k) => (
            <Switch
              key={k}
              label={t(`staffNotify.kind.${k}`)}
              checked={data[k]}
              onChange={(e) => void toggle(k, e.currentTarget.checked)}
            />
          ))}
      </Stack>
    </Modal>
  );
}
