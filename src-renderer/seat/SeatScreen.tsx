import { Alert, Button, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeatStatus } from '../../src-shared/seat-api';
import { AuthFrame } from '../screens/auth/AuthFrame';
import { SeatPrinters } from './SeatPrinters';

/**
 * The desktop app as a seat of an office PC, while the office's app is not shown: connecting, the office
 * not answering (when it tries again, "Coba sekarang"), a changed certificate (connection refused until
 * paired again), a damaged pairing file; and this PC's printers (opened from the office's app too).
 * "Lupakan PC kantor" goes back to this PC's own data.
 */
export function SeatScreen() {
  const { t, i18n } = useTranslation('seat');
  const seat = window.pppoeSeat!;
  const [status, setStatus] = useState<SeatStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmForget, setConfirmForget] = useState(false);

  useEffect(() => {
    let live = true;
    void seat.status().then((s) => live && setStatus(s));
    const off = seat.onStatus((s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, [seat]);

  const retry = async () => {
    setBusy(true);
    try {
      await seat.retry();
    } finally {
      setBusy(false);
    }
  };

  const office = status?.officeName || t('office');
  const link = status?.link;
  return (
    <AuthFrame title={t('title', { office })} subtitle={status?.url} width={480}>
      <Stack gap="md" data-testid="seat-screen">
        {(!link || link.kind === 'connecting') && (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('connecting')}</Text>
          </Group>
        )}
        {link?.kind === 'online' && (
          <Group justify="space-between">
            <Text size="sm">{status?.held ? t('onlineHeld') : t('online')}</Text>
            <Button onClick={() => void seat.open()}>{t('open')}</Button>
          </Group>
        )}
        {link?.kind === 'unreachable' && (
          <Alert color="yellow" title={t('unreachable.title')} data-testid="seat-unreachable">
            <Stack gap="xs">
              <Text size="sm">{t('unreachable.hint')}</Text>
              <Text size="sm">
                {t('unreachable.attempt', {
                  count: link.attempt,
                  at: new Date(link.retryAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
                    hour12: false,
                  }),
                })}
              </Text>
              <Code>{link.error}</Code>
              <Group>
                <Button onClick={() => void retry()} loading={busy}>
                  {t('retry')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {link?.kind === 'certificate_changed' && (
          <Alert color="red" title={t('certificate.title')} data-testid="seat-certificate">
            <Stack gap="xs">
              <Text size="sm">{t('certificate.body')}</Text>
              <Text size="xs">{t('certificate.paired')}</Text>
              <Code>{status?.fingerprint}</Code>
              <Text size="xs">{t('certificate.seen')}</Text>
              <Code>{link.seen ?? t('certificate.unknown')}</Code>
              <Group>
                <Button color="red" onClick={() => void seat.forget()}>
                  {t('certificate.repair')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {link?.kind === 'damaged' && (
          <Alert color="red" title={t('damaged.title')} data-testid="seat-damaged">
            <Stack gap="xs">
              <Text size="sm">{t('damaged.body')}</Text>
              <Group>
                <Button color="red" onClick={() => void seat.forget()}>
                  {t('forget')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {status && link?.kind !== 'damaged' && <SeatPrinters />}
        {status && link?.kind !== 'damaged' && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('fingerprint')}
            </Text>
            <Code style={{ wordBreak: 'break-all' }}>{status.fingerprint}</Code>
            {confirmForget ? (
              <Alert color="gray" mt="xs">
                <Stack gap="xs">
                  <Text size="sm">{t('forgetConfirm')}</Text>
                  <Group>
                    <Button color="red" size="xs" onClick={() => void seat.forget()}>
                      {t('forget')}
                    </Button>
                    <Button variant="default" size="xs" onClick={() => setConfirmForget(false)}>
                      {t('cancel')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : (
              <Button variant="subtle" color="gray" size="xs" mt="xs" onClick={() => setConfirmForget(true)}>
                {t('forget')}
              </Button>
            )}
          </Stack>
        )}
      </Stack>
    </AuthFrame>
  );
}
