import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PppoeAccount } from '../../../src-shared/contract/pppoe';
import { api } from '../../api/client';
import { notifyApiError, translateApiMessage } from '../../components';
import { OverrideReasonDialog } from './OverrideReasonDialog';

/**
 * Enable/disable from the accounts list. Enabling the account of a suspended or inactive customer is
 * refused by the server until an override reason is given: the dialog asks for it and repeats the call.
 */
export function useEnableAccount() {
  const { t } = useTranslation('network');
  const [ask, setAsk] = useState<{ account: PppoeAccount; message: string } | null>(null);
  const setEnabled = async (a: PppoeAccount, on: boolean, overrideReason?: string) => {
    const r = on
      ? await api('pppoe.enable', { id: a.id, ...(overrideReason ? { overrideReason } : {}) })
      : await api('pppoe.disable', { id: a.id });
    const needsReason = !r.ok && r.error.issues?.find((i) => i.path === 'overrideReason');
    if (needsReason) return setAsk({ account: a, message: translateApiMessage(needsReason.message) });
    setAsk(null);
    if (!r.ok) return notifyApiError(r.error);
    notifications.show({ color: 'teal', message: t(on ? 'pppoe.enabled' : 'pppoe.disabled', { name: a.username }) });
  };
  const dialog = (
    <OverrideReasonDialog
      message={ask?.message ?? null}
      onCancel={() => setAsk(null)}
      onConfirm={(reason) => setEnabled(ask!.account, true, reason)}
    />
  );
  return { setEnabled, dialog };
}
