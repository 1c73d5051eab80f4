import { Alert, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileZip, IconRefresh, IconRotateClockwise } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateStatus, type UpdateStatus } from '../../../src-shared/contract/system-ops';
import { api, onEvent } from '../../api/client';
import { useApiQuery } from '../../api/useApi';
import { notifyApiError, translateApiMessage } from '../../components';
import { useFormat } from '../../lib/format';
import { downloadBase64 } from '../../lib/download';

/**
 * Updates (desktop app: check against the LAN folder, progress, restart to install) and the
 * diagnostics export. The browser host has no updater: it says so instead of offering dead buttons.
 */
export function UpdatesPanel() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const q = useApiQuery('updates.status', {});
  // The newest word wins: a pushed status or an answer (the query's, or a button's) replaces what is shown
  // until the query answers again.
  const [latest, setLatest] = useState<{ status: UpdateStatus; over: UpdateStatus | undefined } | null>(null);
  const status = latest && latest.over === q.data ? latest.status : q.data;
  const show = (s: UpdateStatus) => setLatest({ status: s, over: q.data });
  const [busy, setBusy] = useState<'check' | 'install' | 'diag' | null>(null);
  const onPushed = useEffectEvent((p: unknown) => {
    const pushed = updateStatus.safeParse(p);
    if (pushed.success) show(pushed.data);
  });
  useEffect(() => onEvent('update.status', (p) => onPushed(p)), []);

  const check = async () => {
    setBusy('check');
    const r = await api('updates.check', {});
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    show(r.value);
  };
  const install = async () => {
    setBusy('install');
    const r = await api('updates.install', {});
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    show(r.value);
  };
  const exportDiagnostics = async () => {
    setBusy('diag');
    const r = await api('diagnostics.export', {});
    setBusy(null);
    if (!r.ok) return notifyApiError(r.error);
    if (r.value.base64) downloadBase64({ filename: r.value.filename, mime: 'application/zip', base64: r.value.base64 });
    if (r.value.base64 || r.value.savedTo) {
      notifications.show({
        color: 'teal',
        message: t('updates.diagnosticsSaved', { file: r.value.savedTo ?? r.value.filename }),
      });
    }
  };

  const s = status;
  return (
    <Stack gap="md" data-testid="updates-panel">
      <Card withBorder radius="md" padding="md">
        <Title order={4} fz="md" mb="xs">
          {t('updates.title')}
        </Title>
        {!s ? null : !s.supported ? (
          <Alert color="gray" data-testid="updates-unsupported">
            {t('updates.unsupported')}
          </Alert>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              {t('updates.current', { version: s.currentVersion })}
              {s.checkedAt && ` · ${t('updates.checkedAt', { at: f.dateTime(s.checkedAt) })}`}
            </Text>
            <Text size="sm" fw={500} data-testid="updates-state">
              {t(`updates.state.${s.state}`, { version: s.availableVersion ?? '' })}
            </Text>
            {s.state === 'downloading' && s.progress && (
              <Progress value={s.progress.percent} animated aria-label={t('updates.state.downloading')} />
            )}
            {s.state === 'error' && s.message && <Alert color="red">{translateApiMessage(s.message)}</Alert>}
            <Group>
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                loading={busy === 'check' || s.state === 'checking'}
                onClick={check}
                disabled={s.state === 'not-configured'}
              >
                {t('updates.check')}
              </Button>
              {s.state === 'downloaded' && (
                <Button leftSection={<IconRotateClockwise size={16} />} loading={busy === 'install'} onClick={install}>
                  {t('updates.install')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Card>
      <Card withBorder radius="md" padding="md">
        <Title order={4} fz="md" mb="xs">
          {t('updates.diagnostics')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('updates.diagnosticsHint')}
        </Text>
        <Button
          variant="default"
          leftSection={busy === 'diag' ? <IconDownload size={16} /> : <IconFileZip size={16} />}
          loading={busy === 'diag'}
          onClick={exportDiagnostics}
          data-testid="export-diagnostics"
        >
          {t('updates.exportDiagnostics')}
        </Button>
      </Card>
    </Stack>
  );
}
