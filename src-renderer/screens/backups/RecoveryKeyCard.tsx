import { Alert, Button, Checkbox, Code, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconKey, IconPrinter, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/result';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError, translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';

const groupLines = (key: string | null) => {
  const groups = (key ?? '').split('-');
  return `${groups.slice(0, 4).join('-')}\n${groups.slice(4).join('-')}`;
};

/**
 * Encryption at rest on the Backups screen. Until the owner has confirmed the recovery key: a warning
 * that says plainly what is lost without it, the key shown once in a printable sheet, and the
 * confirmation (the key typed back, after which the app can never show it again).
 */
export function RecoveryKeyCard() {
  const { t } = useTranslation('backups');
  const f = useFormat();
  const q = useApiQuery('backups.encryption', {}, { entities: ['backups', 'all'] });
  const [shown, setShown] = useState<string | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const s = q.data;
  if (!s?.encrypted) return null;

  if (s.recoveryKeyConfirmed) {
    return (
      <Paper withBorder p="md" mb="md" data-testid="recovery-key-stored">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconShieldLock size={20} color="var(--mantine-color-teal-6)" />
          <div>
            <Text size="sm">{t('recovery.encrypted')}</Text>
            <Text size="sm">{t('recovery.stored', { date: s.confirmedAt ? f.dateTime(s.confirmedAt) : '—' })}</Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('recovery.keyAt', { where: s.keyLocation ?? '—' })}
            </Text>
          </div>
        </Group>
      </Paper>
    );
  }

  const reveal = async () => {
    const r = await api('backups.revealRecoveryKey', {});
    if (r.ok) setShown(r.value.recoveryKey);
    else notifyApiError(r.error);
  };
  const close = () => {
    setShown(null);
    setTyped('');
    setUnderstood(false);
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    const r = await api('backups.confirmRecoveryKey', { recoveryKey: typed });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    close();
    notifications.show({ color: 'teal', message: t('recovery.confirmed') });
    q.refetch();
  };
  const fieldError = error?.issues?.find((i) => i.path === 'recoveryKey')?.message ?? error?.message;

  return (
    <>
      <Alert
        color="orange"
        mb="md"
        icon={<IconAlertTriangle />}
        title={t('recovery.pendingTitle')}
        data-testid="recovery-key-pending"
      >
        <Stack gap="xs">
          <Text size="sm">{t('recovery.explain')}</Text>
          <Text size="sm" fw={600}>
            {t('recovery.warning')}
          </Text>
          <Group>
            <Button leftSection={<IconKey size={16} />} color="orange" onClick={() => void reveal()}>
              {t('recovery.show')}
            </Button>
          </Group>
        </Stack>
      </Alert>
      <Modal
        opened={shown !== null}
        onClose={busy ? () => {} : close}
        title={<Text fw={600}>{t('recovery.title')}</Text>}
        size="lg"
        centered
      >
        <Stack className="recovery-key-sheet">
          <Title order={4}>{t('recovery.sheetTitle')}</Title>
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {t('recovery.keyAt', { where: s.keyLocation ?? '—' })}
          </Text>
          {/* Two lines of four groups: fits a phone-width dialog and a sheet of paper. */}
          <Code
            block
            fz="lg"
            ta="center"
            data-testid="recovery-key-value"
            style={{ letterSpacing: 1, whiteSpace: 'pre-wrap' }}
          >
            {groupLines(shown)}
          </Code>
          <Text size="sm">{t('recovery.explain')}</Text>
          <Text size="sm" fw={600}>
            {t('recovery.warning')}
          </Text>
          <Text size="sm">{t('recovery.howToStore')}</Text>
          <Stack gap="sm" className="no-print">
            <Group>
              <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
                {t('recovery.print')}
              </Button>
            </Group>
            <Checkbox
              checked={understood}
              onChange={(e) => setUnderstood(e.currentTarget.checked)}
              label={t('recovery.understood')}
            />
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (understood && typed.trim()) void confirm();
              }}
            >
              <Stack gap="sm">
                <TextInput
                  label={t('recovery.typeBack')}
                  description={t('recovery.typeBackHelp')}
                  value={typed}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                  error={fieldError ? translateApiMessage(fieldError) : undefined}
                  autoComplete="off"
                  spellCheck={false}
                />
                <Group justify="flex-end">
                  <Button variant="default" onClick={close} disabled={busy}>
                    {t('common:cancel')}
                  </Button>
                  <Button type="submit" loading={busy} disabled={!understood || !typed.trim()}>
                    {t('recovery.confirm')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        </Stack>
      </Modal>
    </>
  );
}
