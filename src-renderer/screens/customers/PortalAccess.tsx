import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { translateApiMessage } from '../../components/apiError';
import { useFormat } from '../../lib/format';

/**
 * The customer's portal access on their page: whether they have a portal password, when it was set
 * and last used, and a button that sets a new random one, shown here once for the desk to hand over.
 */
export function PortalAccess({ customerId, customerCode }: { customerId: number; customerCode: string }) {
  const { t } = useTranslation('customers');
  const can = useCan();
  const f = useFormat();
  const q = useApiQuery('customers.portalAccess', { customerId }, { entities: ['customers'] });
  const [shown, setShown] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!q.data) return null;
  const access = q.data;

  const reset = async () => {
    setBusy(true);
    setError(null);
    const r = await api('customers.resetPortalPassword', { customerId });
    setBusy(false);
    setConfirming(false);
    if (r.ok) setShown(r.value.password);
    else setError(translateApiMessage(r.error.message));
  };

  return (
    <Stack gap={6} data-testid="portal-access">
      <Text size="xs" c="dimmed" fw={500}>
        {t('portal.title')}
      </Text>
      <Text size="sm">
        {access.hasPassword
          ? t('portal.hasPassword', {
              setAt: f.dateTime(access.setAt ?? ''),
              lastLogin: access.lastLoginAt ? f.dateTime(access.lastLoginAt) : t('portal.never'),
            })
          : t('portal.noPassword')}
      </Text>
      {shown && (
        <Alert color="teal" title={t('portal.shownOnce')} data-testid="portal-password-shown">
          <Text size="sm">
            {t('portal.login')}: <Code>{customerCode}</Code>
          </Text>
          <Text size="sm">
            {t('portal.password')}: <Code data-testid="portal-password">{shown}</Code>
          </Text>
        </Alert>
      )}
      {error && <Alert color="red">{error}</Alert>}
      {can('customers.write') && (
        <Group gap="xs">
          {confirming ? (
            <>
              <Text size="sm">{t('portal.confirmReset')}</Text>
              <Button size="xs" color="orange" loading={busy} onClick={reset}>
                {t('portal.reset')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                {t('common:cancel')}
              </Button>
            </>
          ) : (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconKey size={14} />}
              loading={busy}
              onClick={() => (access.hasPassword ? setConfirming(true) : void reset())}
            >
              {access.hasPassword ? t('portal.reset') : t('portal.set')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
